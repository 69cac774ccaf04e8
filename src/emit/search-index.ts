/**
 * Search: Pagefind indexes each article page as it is written. Only listed article pages carry
 * `data-pagefind-body`, so hidden notes, tag pages and the like are never in the index. Each page
 * is indexed in its own language (garden/search-languages.ts), which its search document names
 * in `<html lang>`: one index for each, the site's written to the folder, the others to folders
 * inside it that search merges in, as it merges the parts a large garden's index is cut into.
 */
import childProcess from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { SearchLanguages } from "../garden/search-languages.ts";

/** The language a search document names, as search-document.njk writes it. */
function documentLanguage(html: string): string | undefined {
  return /^\s*<!DOCTYPE html>\s*<html lang="([^"]+)"/i.exec(html)?.[1];
}

/**
 * Pages Pagefind may hold unindexed. Without a bound, pages pile up in its process (and as
 * messages in this one) faster than it indexes them: gigabytes in a 50,000-note garden.
 */
const MAX_IN_FLIGHT = 32;

/** Pagefind's process ended while Trellis waited for it (a full disk, or it ran out of memory). */
export class IndexerStoppedError extends Error {
  override name = "IndexerStoppedError";
  /** The last of what Pagefind wrote to its error stream, if anything. */
  readonly said: string;
  constructor(said = "") {
    super(`the search indexer (Pagefind) stopped before it finished${said ? `; it said: ${said}` : " (a full disk, or it ran out of memory)"}`);
    this.said = said;
  }
}

/** How much of Pagefind's error stream is kept for the message: its last lines. */
const SAID_LIMIT = 2000;

/**
 * Pagefind answers through a process of its own, and when that process dies (it panics on a full
 * disk) its promises never settle: Node would find nothing left to do and exit with code 13 and
 * no message, and `trellis serve` would wait for ever. Waiting through `orStopped`, the promise
 * fails instead when that process exits (or, should its exit go unseen, once Node is about to),
 * so the command reports it with Trellis's own message and goes on or cleans up.
 */
export class IndexerWatch {
  /** What waits for Pagefind now: one listener on the process serves them all (32 pages may be in flight). */
  readonly #waiting = new Set<() => void>();
  readonly #stop = (): void => {
    for (const stop of [...this.#waiting]) stop();
  };
  /** What Pagefind wrote to its error stream, last part: said after Trellis's own message, not before it. */
  #said = "";

  constructor() {
    process.on("beforeExit", this.#stop);
  }

  #child: childProcess.ChildProcess | undefined;

  /** The process this index runs in: its exit fails whatever waits. */
  watch(child: childProcess.ChildProcess): void {
    this.#child = child;
    child.stderr?.on("data", (chunk: Buffer) => {
      this.#said = `${this.#said}${chunk.toString()}`.slice(-SAID_LIMIT);
    });
    child.once("exit", this.#stop);
  }

  /** Resolves once the process has exited (it may still be writing files until then). */
  async exited(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // Pagefind unrefs its process: waiting for its exit must keep Node running until it comes.
    child.ref();
    await once(child, "exit");
  }

  orStopped<T>(promise: Promise<T>): Promise<T> {
    let stop: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      stop = () => reject(new IndexerStoppedError(this.#said.trim().split("\n").filter(Boolean).slice(-3).join(" / ")));
      this.#waiting.add(stop);
    });
    return Promise.race([promise, stopped]).finally(() => {
      if (stop) this.#waiting.delete(stop);
    });
  }

  close(): void {
    process.off("beforeExit", this.#stop);
  }
}

/**
 * Pagefind's Node API starts its process with child_process.spawn, out of reach, and never
 * notices when that process dies. The one way to reach it is to see that call: spawn is watched
 * for the moment `start` runs (Pagefind launches synchronously), and put back at once.
 */
function seeingSpawn<T>(seen: (child: childProcess.ChildProcess) => void, start: () => T): T {
  const spawn = childProcess.spawn;
  childProcess.spawn = function (this: unknown, ...args: Parameters<typeof spawn>) {
    const pagefind = /pagefind/i.test(path.basename(String(args[0])));
    // Its error stream is read here (it panics in words of its own on a full disk), so that
    // Trellis's message comes first and Pagefind's follows it.
    const options = args[2];
    if (pagefind && typeof options === "object" && options !== null && !Array.isArray(options)) args[2] = { ...options, stdio: ["pipe", "pipe", "pipe"] };
    const child = spawn.apply(this, args);
    if (pagefind) seen(child);
    return child;
  } as typeof spawn;
  try {
    return start();
  } finally {
    childProcess.spawn = spawn;
  }
}

/**
 * Pages in one bundle. Pagefind holds a bundle's index in memory until it writes it (about 200 KB
 * a page of a typical note): a larger garden is indexed in parts of this many pages of a
 * language, each written and let go as soon as it is full, so the indexer stays under a gigabyte
 * at any size (8.5 GB at 50,000 notes as one bundle). Search merges the parts like languages.
 */
export const PAGES_PER_BUNDLE = 2000;

/** The file in the main bundle's folder that lists the other bundles, for search to merge. */
export const BUNDLES_FILE = "trellis-bundles.json";

/** A bundle search merges into the main one: its folder inside the main one's, and its language. */
export interface MergedBundle {
  path: string;
  language: string;
}

/** One bundle being filled: a language's index, or one part of it. */
interface Bundle {
  /** Its folder inside the main bundle's; "" for the main bundle itself. */
  path: string;
  language: string;
  index: Promise<pagefind.PagefindIndex>;
  pages: number;
  /** Pages sent and not yet indexed: written only once they are. */
  adding: Set<Promise<void>>;
}

/**
 * A search index that is fed each page as it is written, so Pagefind (a separate process)
 * indexes on the second core while the next pages render. Each language is a bundle of its own
 * (the site's at the folder, each other in `<language>/`), split into parts of PAGES_PER_BUNDLE
 * pages (`<language>.2/`, `.3/`…) each written as soon as it is full. One indexer at a time:
 * Pagefind runs one process, which `write` and `cancel` end.
 */
export class SearchIndexer {
  readonly #languages: SearchLanguages;
  readonly #folder: string;
  /** The bundle each language is filling. */
  readonly #filling = new Map<string, Bundle>();
  /** Parts begun, by language. */
  readonly #parts = new Map<string, number>();
  /** Bundles written or being written. */
  readonly #writes = new Map<string, Promise<void>>();
  readonly #watch: IndexerWatch;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #errors: string[] = [];
  /** What the index is made from: its languages and every page given to it, in order. */
  readonly #made = createHash("sha256");
  #pages = 0;

  private constructor(main: pagefind.PagefindIndex, watch: IndexerWatch, languages: SearchLanguages, folder: string) {
    this.#languages = languages;
    this.#folder = folder;
    this.#watch = watch;
    this.#filling.set(languages.main, { path: "", language: languages.main, index: Promise.resolve(main), pages: 0, adding: new Set() });
    this.#parts.set(languages.main, 1);
    this.#made.update(`${languages.main} ${languages.merged.join(" ")}\n`);
  }

  /**
   * An index in `languages` (searchLanguages), written into `folder` (emptied first): its process
   * starts with the main language's bundle.
   */
  static async start(languages: SearchLanguages, folder: string): Promise<SearchIndexer> {
    // A build into a folder Trellis serves (Eleventy building again in `trellis serve`) has an earlier index there, whose files would stay.
    await rm(folder, { recursive: true, force: true });
    const watch = new IndexerWatch();
    try {
      const { index, errors } = await watch.orStopped(seeingSpawn((child) => watch.watch(child), () => pagefind.createIndex({ forceLanguage: languages.main })));
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      return new SearchIndexer(index, watch, languages, folder);
    } catch (error) {
      // Its process may have died at once: the next index needs a new one.
      watch.close();
      await pagefind.close();
      throw error;
    }
  }

  /** The key of the index's files: the digest of what it was made from. */
  get key(): string {
    return this.#made.copy().digest("base64url");
  }

  /** The bundle a page in `language` goes to; a language the plan does not name is read as the main language. */
  #bundle(language: string | undefined): Bundle {
    const wanted = language !== undefined && this.#languages.merged.includes(language) ? language : this.#languages.main;
    const filling = this.#filling.get(wanted);
    if (filling) return filling;
    const part = (this.#parts.get(wanted) ?? 0) + 1;
    this.#parts.set(wanted, part);
    const index = this.#watch.orStopped(pagefind.createIndex({ forceLanguage: wanted })).then(({ index: made, errors }) => {
      if (!made) throw new Error(`Pagefind could not start an index in ${wanted}: ${errors.join("; ")}`);
      return made;
    });
    index.catch(() => undefined); // reported by the page that waits for it
    const path = part === 1 && wanted === this.#languages.main ? "" : part === 1 ? wanted : `${wanted}.${part}`;
    const bundle: Bundle = { path, language: wanted, index, pages: 0, adding: new Set() };
    this.#filling.set(wanted, bundle);
    return bundle;
  }

  /**
   * Only pages that mark their searchable part are given to Pagefind: listed notes. Resolves
   * once Pagefind has room for more, so the caller renders no faster than it indexes.
   */
  async add(sitePath: string, html: string): Promise<void> {
    if (!html.includes("data-pagefind-body")) return;
    const bundle = this.#bundle(documentLanguage(html));
    this.#pages++;
    this.#made.update(`${sitePath}\n${html}\n`);
    const adding = this.#watch.orStopped(bundle.index.then((found) => found.addHTMLFile({ sourcePath: sitePath, content: html }))).then(
      (result) => void this.#errors.push(...result.errors),
      (error: unknown) => void this.#errors.push(String(error)),
    );
    this.#inFlight.add(adding);
    bundle.adding.add(adding);
    void adding.finally(() => {
      this.#inFlight.delete(adding);
      bundle.adding.delete(adding);
    });
    // A full part is written now, while the next pages render, and its memory let go.
    if (++bundle.pages === PAGES_PER_BUNDLE) this.#writeBundle(bundle);
    if (this.#inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.#inFlight);
  }

  /** Writes a bundle once its pages are indexed, then lets its index go. */
  #writeBundle(bundle: Bundle): void {
    if (this.#filling.get(bundle.language) === bundle) this.#filling.delete(bundle.language);
    const writing = (async () => {
      await Promise.all(bundle.adding);
      const index = await this.#watch.orStopped(bundle.index);
      const outputPath = bundle.path === "" ? this.#folder : path.join(this.#folder, bundle.path);
      const written = await this.#watch.orStopped(index.writeFiles({ outputPath }));
      if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
      await this.#watch.orStopped(index.deleteIndex());
    })();
    writing.catch(() => undefined); // reported by write()
    this.#writes.set(bundle.path, writing);
  }

  /**
   * Writes what is left of the index into the folder: the main language's bundle (which also
   * holds Pagefind's scripts, which search loads), each other language's and each part, and the
   * list of bundles search merges. No page listed, no folder.
   */
  async write(): Promise<void> {
    try {
      await this.#watch.orStopped(Promise.all(this.#inFlight));
      if (this.#errors.length > 0) throw new Error(`Pagefind could not index the site: ${this.#errors.join("; ")}`);
      if (this.#pages === 0) return; // nothing is listed: no index, rather than one of every page
      for (const bundle of [...this.#filling.values()]) this.#writeBundle(bundle);
      await Promise.all(this.#writes.values());
      const merged: MergedBundle[] = [];
      for (const language of [this.#languages.main, ...this.#languages.merged]) {
        for (let part = 1; part <= (this.#parts.get(language) ?? 0); part++) {
          if (language === this.#languages.main && part === 1) continue;
          merged.push({ path: `${part === 1 ? language : `${language}.${part}`}/`, language });
        }
      }
      await writeFile(path.join(this.#folder, BUNDLES_FILE), `${JSON.stringify(merged)}\n`);
    } finally {
      await this.cancel();
    }
  }

  /** Ends Pagefind's process, and waits until it has exited: a folder it was writing can then be removed. */
  async cancel(): Promise<void> {
    this.#watch.close();
    await pagefind.close();
    await this.#watch.exited();
  }
}
