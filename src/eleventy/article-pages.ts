/**
 * Writes every note's article page, one at a time: body, layout, file, search index. Eleventy's
 * pagination would render all the bodies first and keep every page in memory until the end; a
 * stream keeps memory flat at any garden size and hands each page to the search indexer (on the
 * second core) while the next one renders.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { GardenError } from "../diagnostics.ts";
import type { Garden } from "../garden/garden.ts";
import { outputFile, type PageRenderer } from "./page-renderer.ts";
import type { SearchIndexer } from "./search-index.ts";
import type { SiteData } from "./site-data.ts";

/** Pages being written at once: enough to keep the disk busy while the next page renders. */
const WRITE_CONCURRENCY = 16;

export interface ArticlePagesOptions {
  garden: Garden;
  data: SiteData;
  renderer: PageRenderer;
  outputDir: string;
  /** Files Eleventy wrote (relative to the output folder): a note may not take one's place. */
  eleventyFiles: Iterable<string>;
  search?: SearchIndexer | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export async function writeArticlePages(options: ArticlePagesOptions): Promise<void> {
  const { garden, data, renderer, outputDir, search, onProgress } = options;
  checkCollisions(garden, options.eleventyFiles);
  const folders = new Set<string>();
  const writing = new Set<Promise<void>>();
  let done = 0;
  for (const note of garden.notes) {
    const { html, searchDocument } = await renderer.articleAndSearchDocument(note, garden, data, search !== undefined);
    const file = outputFile(note.url);
    const target = path.join(outputDir, ...file.split("/"));
    const write = (async () => {
      const folder = path.dirname(target);
      if (!folders.has(folder)) {
        folders.add(folder);
        await mkdir(folder, { recursive: true });
      }
      await writeFile(target, html);
    })();
    writing.add(write);
    // Settled either way, it leaves the set; a failure surfaces where the writes are awaited.
    const settled = () => void writing.delete(write);
    write.then(settled, settled);
    if (writing.size >= WRITE_CONCURRENCY) await Promise.race(writing);
    if (search && searchDocument) await search.add(file, searchDocument);
    onProgress?.(++done, garden.notes.length);
  }
  await Promise.all(writing);
}

/** A note whose address is one of the site's own pages (`/tags/`, `/404.html`…) would overwrite it. */
function checkCollisions(garden: Garden, eleventyFiles: Iterable<string>): void {
  const taken = new Set([...eleventyFiles].map((file) => file.toLowerCase()));
  const clashes = garden.notes.filter((note) => taken.has(outputFile(note.url).toLowerCase()));
  if (clashes.length === 0) return;
  throw new GardenError(
    clashes.map((note) => ({
      severity: "error",
      file: note.path,
      message: `the note's address ${note.url} is already a page of the site (${outputFile(note.url)})`,
      fix: "give the note another permalink (dg-permalink or permalink in its frontmatter)",
    })),
  );
}
