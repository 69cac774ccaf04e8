/**
 * Assembles the hand-made fixture site in test/fixtures/client-site/ with the browser scripts,
 * the styles and the d3 vendor files at the paths the build writes them to, twice: once at the
 * root and once under /repo/ (as a site served from a sub-path, e.g. GitHub Pages).
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO, fixture, listFiles, tempDir } from "./cli.ts";

/** Output path in the site → source file in the repository, as the build must copy them. */
export const CLIENT_FILES: Record<string, string> = {
  "js/explorer.js": "src/client/explorer.js",
  "js/graph.js": "src/client/graph.js",
  "js/preview.js": "src/client/preview.js",
  "js/vendor/d3-dispatch.min.js": "node_modules/d3-dispatch/dist/d3-dispatch.min.js",
  "js/vendor/d3-quadtree.min.js": "node_modules/d3-quadtree/dist/d3-quadtree.min.js",
  "js/vendor/d3-timer.min.js": "node_modules/d3-timer/dist/d3-timer.min.js",
  "js/vendor/d3-force.min.js": "node_modules/d3-force/dist/d3-force.min.js",
  "css/trellis.css": "public/css/trellis.css",
  "css/garden.css": "public/css/garden.css",
};

/** Rewrites a page's root-relative href/src and its data-base for a site under `base` ("/repo/"). */
function underBase(html: string, base: string): string {
  return html
    .replace(/ data-base="\/"/g, ` data-base="${base}"`)
    .replace(/ (href|src)="\/(?!\/)/g, ` $1="${base}`);
}

async function writeSite(dir: string, base: string): Promise<void> {
  const source = fixture("client-site");
  for (const file of await listFiles(source)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const text = await readFile(path.join(source, file), "utf8");
    await writeFile(target, file.endsWith(".html") ? underBase(text, base) : text);
  }
  for (const [output, input] of Object.entries(CLIENT_FILES)) {
    await mkdir(path.dirname(path.join(dir, output)), { recursive: true });
    await cp(path.join(REPO, input), path.join(dir, output));
  }
}

/** A folder with the fixture site at its root and a copy of it under /repo/. */
export async function assembleClientSite(): Promise<string> {
  const root = path.join(await tempDir("client"), "site");
  await writeSite(root, "/");
  await writeSite(path.join(root, "repo"), "/repo/");
  return root;
}
