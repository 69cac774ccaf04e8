/**
 * Search: Pagefind indexes each article page as it is written. Only listed article pages carry
 * `data-pagefind-body`, so hidden notes, tag pages and the like are never in the index.
 * Pagefind splits its index by page language; Trellis builds one index for the whole garden,
 * in a CJK language when the garden has CJK text, so that every note is found from any page
 * and Chinese or Japanese words are segmented.
 */
import childProcess from "node:child_process";
import { EventEmitter } from "node:events";
import { rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Garden } from "../garden/garden.ts";

// Pagefind's process reports its own failures; a Rust backtrace under them helps nobody building a site.
process.env["RUST_BACKTRACE"] = "0";

/**
 * Pagefind's Node API starts its process with child_process.spawn and never notices when that
 * process dies: its promises just never settle. Its spawn is watched here (the one way to reach
 * that process) so that a death fails what is waiting for it.
 */
const indexer = new EventEmitter<{ exit: [] }>();
const spawn = childProcess.spawn;
/** Pagefind runs one process at a time: the exit of one it closed earlier says nothing of the next. */
let current: childProcess.ChildProcess | undefined;
childProcess.spawn = function (this: unknown, ...args: Parameters<typeof spawn>) {
  const child = spawn.apply(this, args);
  if (/pagefind/i.test(path.basename(String(args[0])))) {
    current = child;
    child.once("exit", () => {
      if (child !== current) return;
      current = undefined;
      indexer.emit("exit");
    });
  }
  return child;
} as typeof spawn;

/** The language the index is built in: CJK segmentation when any listed note needs it. */
export function indexLanguage(garden: Garden, siteLanguage: string): string {
  const base = siteLanguage.split("-")[0]?.toLowerCase() ?? "en";
  if (base === "zh" || base === "ja" || base === "ko") return base;
  if (garden.listed.some((note) => note.cjk === "ja")) return "ja";
  if (garden.listed.some((note) => note.cjk === "zh")) return "zh";
  return base;
}

/**
 * Pages Pagefind may hold unindexed. Without a bound, pages pile up in its process (and as
 * messages in this one) faster than it indexes them: gigabytes in a 50,000-note garden.
 */
const MAX_IN_FLIGHT = 32;

/**
 * Pagefind answers through a process of its own, and when that process dies (it panics on a full
 * disk) its promises never settle: Node would find nothing left to do and exit with code 13 and
 * no message, and `trellis serve` would wait for ever. Waiting through this, the promise fails
 * instead when that process exits (or, should its exit go unseen, once Node is about to), so the
 * command reports it with Trellis's own message and goes on or cleans up.
 */
/** Pagefind's process ended while Trellis waited for it; what it said is on the terminal already. */
export class IndexerStoppedError extends Error {
  override name = "IndexerStoppedError";
  constructor() {
    super("the search indexer (Pagefind) stopped before it finished; its own message is above (a full disk, or it ran out of memory)");
  }
}

/** What waits for Pagefind now: one listener each on the indexer and the process serves them all (32 pages may be in flight). */
const waiting = new Set<() => void>();
const stopWaiting = (): void => {
  for (const stop of [...waiting]) stop();
};
indexer.on("exit", stopWaiting);
process.on("beforeExit", stopWaiting);

export function orIndexerStopped<T>(promise: Promise<T>): Promise<T> {
  let stop: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = () => reject(new IndexerStoppedError());
    waiting.add(stop);
  });
  return Promise.race([promise, stopped]).finally(() => {
    if (stop) waiting.delete(stop);
  });
}

/**
 * A search index that is fed each page as it is written, so Pagefind (a separate process)
 * indexes on the second core while the next pages render.
 */
export class SearchIndexer {
  readonly #index: pagefind.PagefindIndex;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #errors: string[] = [];
  #added = 0;

  private constructor(index: pagefind.PagefindIndex) {
    this.#index = index;
  }

  static async start(garden: Garden, siteLanguage: string): Promise<SearchIndexer> {
    const { index, errors } = await orIndexerStopped(pagefind.createIndex({ forceLanguage: indexLanguage(garden, siteLanguage) }));
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return new SearchIndexer(index);
  }

  /**
   * Only pages that mark their searchable part are given to Pagefind: listed notes. Resolves
   * once Pagefind has room for more, so the caller renders no faster than it indexes.
   */
  async add(sitePath: string, html: string): Promise<void> {
    if (!html.includes("data-pagefind-body")) return;
    this.#added++;
    const adding = orIndexerStopped(this.#index.addHTMLFile({ sourcePath: sitePath, content: html })).then(
      (result) => void this.#errors.push(...result.errors),
      (error: unknown) => void this.#errors.push(String(error)),
    );
    this.#inFlight.add(adding);
    void adding.finally(() => this.#inFlight.delete(adding));
    if (this.#inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.#inFlight);
  }

  async write(outputDir: string): Promise<void> {
    try {
      await orIndexerStopped(Promise.all(this.#inFlight));
      if (this.#errors.length > 0) throw new Error(`Pagefind could not index the site: ${this.#errors.join("; ")}`);
      // A build into a folder Trellis serves (Eleventy building again in `trellis serve`) has an earlier index there, whose files would stay.
      await rm(path.join(outputDir, "pagefind"), { recursive: true, force: true });
      if (this.#added === 0) return; // nothing is listed: no index, rather than one of every page
      const written = await orIndexerStopped(this.#index.writeFiles({ outputPath: path.join(outputDir, "pagefind") }));
      if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    } finally {
      await pagefind.close();
    }
  }

  async cancel(): Promise<void> {
    await pagefind.close();
  }
}
