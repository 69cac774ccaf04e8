/**
 * Files of other packages that the site serves as they are (KaTeX's stylesheet and fonts,
 * Mermaid's bundle, the graph's d3 modules), found the way Node finds the packages themselves:
 * from this module's folder up through every node_modules folder, wherever npm installed them
 * (beside Trellis's own files, or hoisted into the project that installed Trellis).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** A package the site needs a file of is not installed where Node would find it. */
export class VendorFileError extends Error {
  override name = "VendorFileError";
}

/** The package's name and the path inside it: "katex/dist/x.css", "@scope/name/dist/y.js". */
function splitSource(source: string): [string, string] {
  const parts = source.split("/");
  const length = source.startsWith("@") ? 2 : 1;
  return [parts.slice(0, length).join("/"), parts.slice(length).join("/")];
}

/**
 * The absolute path of `source`, a file (or `folder/*.ext`) inside an installed package, e.g.
 * "katex/dist/katex.min.css". The packages' `exports` maps do not name these files, so the
 * package's folder is found through the folders `require` searches rather than through
 * `require.resolve` of the file.
 */
export function vendorFile(source: string): string {
  const [name, inside] = splitSource(source);
  const folders = require.resolve.paths(name) ?? [];
  const root = folders.map((folder) => path.join(folder, name)).find((folder) => existsSync(path.join(folder, "package.json")));
  if (!root) {
    throw new VendorFileError(`Trellis needs the package ${name} (for ${source}), which is not installed where Node looks for it (${folders[0] ?? "node_modules"} and the folders above); reinstall Trellis's dependencies with npm install`);
  }
  const file = path.join(root, inside);
  // A glob names files of a folder; that folder must be there.
  const mustExist = path.basename(file).startsWith("*") ? path.dirname(file) : file;
  if (!existsSync(mustExist)) {
    throw new VendorFileError(`Trellis needs ${inside} from the package ${name}, but ${mustExist} does not exist; the installed ${name} may be a version Trellis does not support: reinstall Trellis's dependencies with npm install`);
  }
  return file;
}
