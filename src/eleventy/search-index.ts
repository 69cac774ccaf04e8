/**
 * Search: Pagefind indexes the written site after each build. Only listed article pages carry
 * `data-pagefind-body`, so hidden notes, tag pages and the like are never in the index.
 * Pagefind splits its index by page language; Trellis builds one index for the whole garden,
 * in a CJK language when the garden has CJK text, so that every note is found from any page
 * and Chinese or Japanese words are segmented.
 */
import path from "node:path";
import * as pagefind from "pagefind";
import type { Garden } from "../garden/garden.ts";

/** The language the index is built in: CJK segmentation when any listed note needs it. */
export function indexLanguage(garden: Garden, siteLanguage: string): string {
  const base = siteLanguage.split("-")[0]?.toLowerCase() ?? "en";
  if (base === "zh" || base === "ja" || base === "ko") return base;
  if (garden.listed.some((note) => /[\u3040-\u30ff]/.test(note.body))) return "ja";
  if (garden.listed.some((note) => /\p{Script=Han}/u.test(note.body))) return "zh";
  return base;
}

export async function writeSearchIndex(garden: Garden, outputDir: string, siteLanguage: string): Promise<void> {
  // With no page marked for indexing Pagefind would index every page, hidden ones too.
  if (garden.listed.length === 0) return;
  const { index, errors } = await pagefind.createIndex({ forceLanguage: indexLanguage(garden, siteLanguage) });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}
