/** gray-matter's built-in parsers (the package declares types for its main module only). */
declare module "gray-matter/lib/engines.js" {
  const engines: { yaml: { parse(text: string): unknown } };
  export default engines;
}
