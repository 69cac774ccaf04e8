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

/**
 * A search index that is fed each page as Eleventy renders it, so Pagefind (a separate
 * process) indexes on the second core while the pages are still being rendered.
 */
export class SearchIndexer {
  readonly #index: pagefind.PagefindIndex;
  readonly #pending: Array<Promise<string[]>> = [];

  private constructor(index: pagefind.PagefindIndex) {
    this.#index = index;
  }

  static async start(garden: Garden, siteLanguage: string): Promise<SearchIndexer> {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: indexLanguage(garden, siteLanguage) });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return new SearchIndexer(index);
  }

  /** Only pages that mark their searchable part are given to Pagefind: listed notes. */
  add(sitePath: string, html: string): void {
    if (!html.includes("data-pagefind-body")) return;
    this.#pending.push(this.#index.addHTMLFile({ sourcePath: sitePath, content: html }).then((result) => result.errors));
  }

  async write(outputDir: string): Promise<void> {
    try {
      const errors = (await Promise.all(this.#pending)).flat();
      if (errors.length > 0) throw new Error(`Pagefind could not index the site: ${errors.join("; ")}`);
      if (this.#pending.length === 0) return; // nothing is listed: no index, rather than one of every page
      const written = await this.#index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
  }

  async cancel(): Promise<void> {
    await pagefind.close();
  }
}
