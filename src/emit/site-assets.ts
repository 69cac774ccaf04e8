/**
 * The emitter of the site's own files, the ones no note makes: Trellis's public/ folder, the
 * style sheets (one bundle, and the sheets of callouts, code and videos), the text face, the
 * author's own files (site.custom), Trellis's scripts minified (and those
 * every page runs bundled into one), and the files of other packages
 * pages load (KaTeX, Mermaid, d3). Each is an output like a page's (outputs.ts), so the writer
 * writes them, the manifest lists them and no note can take their address.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { build, transform } from "esbuild";
import { featureStylesheets, fontFaces, siteStylesheet, STYLESHEET } from "../render/stylesheet.ts";
import { vendorFile } from "../render/vendor-files.ts";
import { SYNTAX_ASSETS } from "../read/markdown/syntax/index.ts";
import { customAssets } from "./custom-files.ts";
import type { SiteLook, TrellisOptions } from "../core/options.ts";
import type { Output } from "./outputs.ts";

/** d3-force and the three modules it needs, loaded by /js/graph.js only when a graph is shown. */
const GRAPH_ASSETS: Record<string, string> = Object.fromEntries(
  ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"].map((name) => [`/js/vendor/${name}.min.js`, `${name}/dist/${name}.min.js`]),
);

export interface SiteAssets {
  /** What the layouts show of the author's files. */
  look: SiteLook;
  outputs: Output[];
}

/** A file made from text (a style sheet): its own key. */
function text(file: string, content: string): Output {
  return { kind: "render", file, key: () => content, render: async () => ({ text: content, diagnostics: [] }) };
}

/** A file copied as it is, keyed by where it comes from. */
function copy(file: string, from: string): Output {
  return { kind: "copy", file, from, key: () => from };
}

/** Every file of a folder, as paths relative to it with forward slashes. */
async function filesOf(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** A package's file, or each file of a `folder/*.ext` glob, with its place in the site. */
async function vendorOutputs(output: string, source: string): Promise<Output[]> {
  const found = vendorFile(source);
  const file = output.replace(/^\/+/, "");
  if (!path.basename(found).startsWith("*")) return [copy(file, found)];
  const folder = path.dirname(found);
  const extension = path.extname(found);
  return (await readdir(folder)).filter((name) => name.endsWith(extension)).sort().map((name) => copy(`${file}/${name}`, path.join(folder, name)));
}

/**
 * Trellis's scripts keep their module or classic form: esbuild only shortens them. Readers get
 * the small files, while the sources stay readable and commented.
 */
async function scriptOutputs(folder: string): Promise<Output[]> {
  const files = (await readdir(folder)).filter((file) => file.endsWith(".js")).sort();
  return Promise.all(
    files.map(async (file) => {
      const code = await readFile(path.join(folder, file), "utf8");
      return text(`js/${file}`, (await transform(code, { loader: "js", minify: true, target: "es2022", legalComments: "none" })).code);
    }),
  );
}

/**
 * The scripts every page runs, in the order they run: one file, so that a page asks for one
 * script instead of eight before its first paint. Each acts only where its part of the page is
 * (the explorer's nav, the search dialog, a table of contents…). What is big or rare stays in its
 * own file, loaded when used: the search box, the graph, Bases, Canvas, diagrams (when one
 * comes near the view).
 */
export const PAGE_SCRIPT = "/js/page.js";
const PAGE_MODULES = ["theme.js", "explorer.js", "preview.js", "search.js", "share.js", "hero.js", "toc.js", "graph-loader.js", "diagram-loader.js"];
const LOADED_WHEN_USED = ["./search-ui.js"];

async function pageScript(folder: string): Promise<Output> {
  const result = await build({
    stdin: { contents: PAGE_MODULES.map((file) => `import "./${file}";`).join("\n"), resolveDir: folder, loader: "js" },
    bundle: true,
    format: "esm",
    external: LOADED_WHEN_USED,
    minify: true,
    target: "es2022",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error("Trellis: esbuild made no page script");
  return text(PAGE_SCRIPT.slice(1), file.text);
}

/**
 * The site's own files for a build. The author's files are checked first: a missing one stops
 * the build before any work. `root` is the folder the paths of `site.custom` are relative to.
 */
export async function siteAssets(options: TrellisOptions, { packageRoot, root, vault }: { packageRoot: string; root: string; vault: string }): Promise<SiteAssets> {
  const cssDir = path.join(packageRoot, "public/css");
  const [custom, faces] = await Promise.all([customAssets(options.site.custom, { root, vault, source: options.source, stylesheet: STYLESHEET }), fontFaces()]);
  const [stylesheet, featureSheets, publicFiles, scripts, bundled, vendored] = await Promise.all([
    siteStylesheet(cssDir, options.site.theme, faces.css),
    featureStylesheets(cssDir),
    filesOf(path.join(packageRoot, "public")),
    scriptOutputs(path.join(packageRoot, "src/client")),
    pageScript(path.join(packageRoot, "src/client")),
    Promise.all(Object.entries({ ...SYNTAX_ASSETS, ...GRAPH_ASSETS }).map(([output, source]) => vendorOutputs(output, source))),
  ]);
  const outputs: Output[] = [
    // public/ as it is, but for the style sheets bundled into one.
    ...publicFiles.filter((file) => !/^css\/.*\.css$/.test(file)).map((file) => copy(file, path.join(packageRoot, "public", file))),
    ...vendored.flat(),
    ...scripts,
    bundled,
    text(STYLESHEET.slice(1), stylesheet),
    ...featureSheets.map((sheet) => text(sheet.output, sheet.text)),
    ...[...faces.files, ...custom.files].map((file) => copy(file.output, file.source)),
  ];
  return { look: custom.look, outputs };
}
