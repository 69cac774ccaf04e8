/** The part of Nunjucks (Eleventy's template engine) the tests use to render layouts directly. */
declare module "nunjucks" {
  export class FileSystemLoader {
    constructor(searchPaths: string | string[]);
  }
  export class Environment {
    constructor(loader: FileSystemLoader, options?: { autoescape?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean });
    render(name: string, context: object): string;
    getTemplate(name: string, eagerCompile?: boolean): unknown;
  }
  const nunjucks: { Environment: typeof Environment; FileSystemLoader: typeof FileSystemLoader };
  export default nunjucks;
}
