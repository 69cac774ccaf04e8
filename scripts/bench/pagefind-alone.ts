/**
 * What Pagefind costs on its own: indexes the article pages of a built site with Pagefind's
 * Node API, as a build does, and prints how long indexing the pages and writing the index took.
 * The write can only start after the last page, so it is the part a build cannot overlap.
 *
 *   node --import tsx scripts/bench/pagefind-alone.ts SITE_DIR
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";

const site = process.argv[2];
if (!site) {
  console.error("Usage: node --import tsx scripts/bench/pagefind-alone.ts SITE_DIR");
  process.exit(2);
}
const pages = readdirSync(site, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".html"))
  .map((file) => ({ file, html: readFileSync(path.join(site, file), "utf8") }))
  .filter((page) => page.html.includes("data-pagefind-body"));
const out = mkdtempSync(path.join(tmpdir(), "pagefind-alone-"));
try {
  const { index } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error("Pagefind could not start");
  const started = performance.now();
  await Promise.all(pages.map((page) => index.addHTMLFile({ sourcePath: page.file, content: page.html })));
  const indexed = performance.now();
  await index.writeFiles({ outputPath: out });
  const written = performance.now();
  console.log(`${pages.length} pages: indexed in ${((indexed - started) / 1000).toFixed(1)} s, index written in ${((written - indexed) / 1000).toFixed(1)} s`);
} finally {
  await pagefind.close();
  rmSync(out, { recursive: true, force: true });
}
