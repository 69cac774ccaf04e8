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
import { copyFileSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeCacheFile } from "../core/cache-file.ts";
import * as pagefind from "pagefind";
import type { SearchLanguages } from "../garden/search-languages.ts";

/** The language a search document names, as search-document.njk writes it. */
function documentLanguage(html: string): string | undefined {
  return /^\s*<!DOCTYPE html>\s*<html lang="([^"]+)"/i.exec(html)?.[1];
}

/**
 * Characters of search documents Pagefind may hold unindexed (as messages in this process or in
 * its own). Without a bound, pages pile up faster than it indexes them: gigabytes in a
 * 50,000-note garden. Bounded by size rather than by count, so that the pages rendered while
 * Pagefind writes a full part (it answers one request at a time: a part's write holds up the next
 * part's pages for seconds) wait in memory instead of holding up the rendering: about a
 * thousand typical pages, some 40 MB in the worst case (the text, then its encoded message).
 */
const MAX_IN_FLIGHT_CHARS = 16_000_000;

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
  /** What waits for Pagefind now: one listener on the process serves them all (hundreds of pages may be in flight). */
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

/**
 * What a build indexed, kept in the cache folder for the next build: each bundle's pages in order,
 * with the digest of each page's search document. A bundle whose pages and documents are the same
 * again is taken over from the previous site as it is, instead of being indexed again.
 */
export interface SearchRecord {
  /** The key of the index as written (SearchIndexer.key). */
  key: string;
  bundles: Array<MergedBundle & { pages: Array<[file: string, document: string]> }>;
}

/** The previous build's index: its record, the folder its files are in, and those files (as its site's manifest lists them). */
export interface PreviousIndex {
  record: SearchRecord;
  folder: string;
  files: readonly string[];
}

/** A page of a bundle: its search document, or the way to make it again (a page taken over unrendered). */
interface Member {
  file: string;
  digest: string;
  html: string | undefined;
  make: (() => Promise<string | undefined>) | undefined;
}

/** One bundle being filled: a language's index, or one part of it. */
interface Bundle extends MergedBundle {
  members: Member[];
  /** The previous build's bundle in this place, while every page so far is the same as its. */
  same: SearchRecord["bundles"][number] | undefined;
  /** The bundle's index, once it is known to differ from the previous build's (made at once in a first build). */
  index: Promise<pagefind.PagefindIndex> | undefined;
  /** Pages are sent to Pagefind in order, one after another: a page taken over is made again first. */
  sending: Promise<void>;
  /** Pages sent and not yet indexed: written only once they are. */
  adding: Set<Promise<void>>;
}

const documentDigest = (html: string) => createHash("sha256").update(html).digest("base64url").slice(0, 22);

/**
 * A search index that is fed each page as it is written, so Pagefind (a separate process)
 * indexes on the second core while the next pages render. Each language is a bundle of its own
 * (the site's at the folder, each other in `<language>/`), split into parts of PAGES_PER_BUNDLE
 * pages (`<language>.2/`, `.3/`…) each written as soon as it is full. A bundle whose pages and
 * documents are those of the previous build's (`previous`) is taken over from its folder instead.
 * One indexer at a time: Pagefind runs one process, which `write` and `cancel` end.
 */
export class SearchIndexer {
  readonly #languages: SearchLanguages;
  readonly #folder: string;
  readonly #previous: PreviousIndex | undefined;
  /** The previous build's indexed pages: the digest of each one's document and its language. */
  readonly #previousPages = new Map<string, { digest: string; language: string }>();
  /** The bundle each language is filling. */
  readonly #filling = new Map<string, Bundle>();
  /** Parts begun, by language. */
  readonly #parts = new Map<string, number>();
  /** Bundles finished, in the order they were begun. */
  readonly #finished: Bundle[] = [];
  /** Bundles written or being written. */
  readonly #writes = new Set<Promise<void>>();
  readonly #watch: IndexerWatch;
  readonly #inFlight = new Set<Promise<void>>();
  /** Characters of the documents in #inFlight. */
  #inFlightChars = 0;
  readonly #errors: string[] = [];
  /** What the index is made from: its languages and every page given to it, in order. */
  readonly #made = createHash("sha256");
  #pages = 0;
  /** Pages sent to Pagefind, and bundles taken over. */
  readonly work = { indexed: 0, takenOver: 0 };

  private constructor(watch: IndexerWatch, languages: SearchLanguages, folder: string, previous: PreviousIndex | undefined) {
    this.#languages = languages;
    this.#folder = folder;
    this.#watch = watch;
    this.#previous = previous;
    for (const bundle of previous?.record.bundles ?? []) for (const [file, digest] of bundle.pages) this.#previousPages.set(file, { digest, language: bundle.language });
    this.#made.update(`${languages.main} ${languages.merged.join(" ")}\n`);
  }

  /**
   * An index in `languages` (searchLanguages), written into `folder` (emptied first). Pagefind's
   * process starts with the first bundle that must be indexed: a build that takes every bundle
   * over never starts it.
   */
  static async start(languages: SearchLanguages, folder: string, previous?: PreviousIndex): Promise<SearchIndexer> {
    // A build into a folder Trellis serves (Eleventy building again in `trellis serve`) has an earlier index there, whose files would stay.
    await rm(folder, { recursive: true, force: true });
    const watch = new IndexerWatch();
    return new SearchIndexer(watch, languages, folder, previous);
  }

  #launched = false;

  /** A new index in Pagefind's process (which the first one starts). */
  #launch(language: string): Promise<pagefind.PagefindIndex> {
    const first = !this.#launched;
    this.#launched = true;
    const creating = first ? this.#watch.orStopped(seeingSpawn((child) => this.#watch.watch(child), () => pagefind.createIndex({ forceLanguage: language }))) : this.#watch.orStopped(pagefind.createIndex({ forceLanguage: language }));
    const index = creating.then(({ index: made, errors }) => {
      if (!made) throw new Error(first ? `Pagefind could not start: ${errors.join("; ")}` : `Pagefind could not start an index in ${language}: ${errors.join("; ")}`);
      return made;
    });
    index.catch(() => undefined); // reported by what waits for it
    return index;
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
    const path = part === 1 && wanted === this.#languages.main ? "" : part === 1 ? wanted : `${wanted}.${part}`;
    const same = this.#previous?.record.bundles.find((bundle) => bundle.path === path && bundle.language === wanted);
    const bundle: Bundle = { path, language: wanted, members: [], same, index: undefined, sending: Promise.resolve(), adding: new Set() };
    this.#filling.set(wanted, bundle);
    return bundle;
  }

  /**
   * Only pages that mark their searchable part are given to Pagefind: listed notes. Resolves
   * once Pagefind has room for more, so the caller renders no faster than it indexes.
   */
  async add(sitePath: string, html: string): Promise<void> {
    if (!html.includes("data-pagefind-body")) return;
    await this.#place(documentLanguage(html), { file: sitePath, digest: documentDigest(html), html, make: undefined });
  }

  /**
   * A page of the previous site taken over unrendered: indexed as it was (its document made
   * again by `make` only if its bundle must be indexed anew). A page the previous index did not
   * hold is not a listed one.
   */
  async reuse(sitePath: string, make: () => Promise<string | undefined>): Promise<void> {
    const previous = this.#previousPages.get(sitePath);
    if (!previous) return;
    await this.#place(previous.language, { file: sitePath, digest: previous.digest, html: undefined, make });
  }

  async #place(language: string | undefined, member: Member): Promise<void> {
    const bundle = this.#bundle(language);
    this.#pages++;
    this.#made.update(`${member.file}\n${member.digest}\n`);
    const position = bundle.members.length;
    bundle.members.push(member);
    const previous = bundle.same?.pages[position];
    if (bundle.same && (previous?.[0] !== member.file || previous[1] !== member.digest)) bundle.same = undefined;
    if (!bundle.same) {
      // The first page that differs: the bundle is indexed anew, from its first page.
      if (!bundle.index) {
        bundle.index = this.#launch(bundle.language);
        for (const earlier of bundle.members.slice(0, -1)) this.#send(bundle, earlier);
      }
      this.#send(bundle, member);
    }
    // A full part is written now, while the next pages render, and its memory let go.
    if (bundle.members.length === PAGES_PER_BUNDLE) this.#finish(bundle);
    await bundle.sending;
    while (this.#inFlightChars >= MAX_IN_FLIGHT_CHARS && this.#inFlight.size > 0) await Promise.race(this.#inFlight);
  }

  /** Sends a page to its bundle's index, after the pages before it. */
  #send(bundle: Bundle, member: Member): void {
    const index = bundle.index;
    if (!index) return;
    bundle.sending = bundle.sending.then(async () => {
      const html = member.html ?? (await member.make?.());
      member.html = undefined; // sent: the bundle keeps no page's text
      if (html === undefined) {
        this.#errors.push(`${member.file} could not be made again for the search index`);
        return;
      }
      this.work.indexed++;
      const adding = this.#watch.orStopped(index.then((found) => found.addHTMLFile({ sourcePath: member.file, content: html }))).then(
        (result) => void this.#errors.push(...result.errors),
        (error: unknown) => void this.#errors.push(String(error)),
      );
      this.#inFlight.add(adding);
      this.#inFlightChars += html.length;
      bundle.adding.add(adding);
      void adding.finally(() => {
        this.#inFlight.delete(adding);
        this.#inFlightChars -= html.length;
        bundle.adding.delete(adding);
      });
    });
    bundle.sending.catch(() => undefined); // reported by write()
  }

  /** Writes a bundle (once its pages are indexed, then lets its index go), or takes the previous build's over. */
  #finish(bundle: Bundle): void {
    if (this.#filling.get(bundle.language) === bundle) this.#filling.delete(bundle.language);
    this.#finished.push(bundle);
    const outputPath = bundle.path === "" ? this.#folder : path.join(this.#folder, bundle.path);
    const same = bundle.same && bundle.same.pages.length === bundle.members.length ? bundle.same : undefined;
    const previous = this.#previous;
    const finishing = (async () => {
      if (same && previous) {
        // The main bundle's folder holds the others': those are not part of it.
        const others = new Set([BUNDLES_FILE, ...previous.record.bundles.map((other) => other.path)]);
        const files = previous.files.filter((file) => (bundle.path === "" ? !others.has(file.split("/")[0] ?? "") : file.startsWith(`${bundle.path}/`)));
        let taken = true;
        try {
          linkFiles(previous.folder, this.#folder, files);
        } catch {
          taken = false; // a file has gone since: the bundle is indexed anew
        }
        if (taken) {
          this.work.takenOver++;
          for (const member of bundle.members) [member.html, member.make] = [undefined, undefined];
          return;
        }
      }
      await this.#write(bundle, outputPath);
    })();
    finishing.catch(() => undefined); // reported by write()
    this.#writes.add(finishing);
  }

  /** Indexes a bundle (from its first page, if none was sent yet) and writes it, then lets its index go. */
  async #write(bundle: Bundle, outputPath: string): Promise<void> {
    bundle.same = undefined;
    if (!bundle.index) {
      bundle.index = this.#launch(bundle.language);
      for (const member of bundle.members) this.#send(bundle, member);
    }
    const index = bundle.index;
    await bundle.sending;
    await Promise.all(bundle.adding);
    const found = await this.#watch.orStopped(index);
    const written = await this.#watch.orStopped(found.writeFiles({ outputPath }));
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    await this.#watch.orStopped(found.deleteIndex());
  }

  /**
   * Writes what is left of the index into the folder: the main language's bundle (which also
   * holds Pagefind's scripts, which search loads), each other language's and each part, and the
   * list of bundles search merges. No page listed, no folder.
   */
  async write(): Promise<void> {
    try {
      if (this.#pages === 0) return; // nothing is listed: no index, rather than one of every page
      // The main bundle holds Pagefind's scripts: there is one even with no page in the site's language.
      if (!this.#parts.has(this.#languages.main)) this.#bundle(undefined);
      for (const bundle of [...this.#filling.values()]) this.#finish(bundle);
      await this.#watch.orStopped(Promise.all(this.#finished.map((bundle) => bundle.sending)));
      await this.#watch.orStopped(Promise.all(this.#inFlight));
      await Promise.all(this.#writes);
      if (this.#errors.length > 0) throw new Error(`Pagefind could not index the site: ${this.#errors.join("; ")}`);
      const merged = this.#bundles().filter((bundle) => bundle.path !== "").map(({ path: folder, language }) => ({ path: `${folder}/`, language }));
      await writeFile(path.join(this.#folder, BUNDLES_FILE), `${JSON.stringify(merged)}\n`);
    } finally {
      await this.cancel();
    }
  }

  /** The bundles, main language first, each language's parts in order. */
  #bundles(): Bundle[] {
    const order = [this.#languages.main, ...this.#languages.merged];
    return [...this.#finished].sort((a, b) => order.indexOf(a.language) - order.indexOf(b.language) || part(a) - part(b));
  }

  /** What this index holds, for the next build (after write). */
  record(): SearchRecord {
    return { key: this.key, bundles: this.#bundles().map((bundle) => ({ path: bundle.path, language: bundle.language, pages: bundle.members.map((member): [string, string] => [member.file, member.digest]) })) };
  }

  /** Ends Pagefind's process, and waits until it has exited: a folder it was writing can then be removed. */
  async cancel(): Promise<void> {
    this.#watch.close();
    if (!this.#launched) return;
    await pagefind.close();
    await this.#watch.exited();
  }
}

/** A bundle's part number: 1 for a language's first bundle. */
function part(bundle: MergedBundle): number {
  return Number(/\.(\d+)$/.exec(bundle.path)?.[1] ?? 1);
}

/**
 * Hard links (or copies) `files` (relative paths) of `from` into `to`. Synchronous, as the
 * writer's links are: a bundle is thousands of small files, each two quick calls. When one
 * cannot be (it has gone since), those linked are removed again before the error is thrown: the
 * bundle is then written anew, and Pagefind must not write into a file the previous site shares.
 */
function linkFiles(from: string, to: string, files: readonly string[]): void {
  const folders = new Set<string>();
  const linked: string[] = [];
  try {
    for (const file of files) {
      const [source, target] = [path.join(from, ...file.split("/")), path.join(to, ...file.split("/"))];
      const folder = path.dirname(target);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
      linked.push(target);
    }
  } catch (error) {
    for (const target of linked) rmSync(target, { force: true });
    throw error;
  }
}

/** The cache's record of the last index (SearchRecord), with the salt of the site it was made for. */
const RECORD_FILE = "search.json";

/** The record of the index the last build wrote, when it was made for a site of this salt (outputDigest) and can be read whole. */
export async function readSearchRecord(cacheDir: string, salt: string): Promise<SearchRecord | undefined> {
  try {
    const stored = JSON.parse(await readFile(path.join(cacheDir, RECORD_FILE), "utf8")) as { salt?: unknown; record?: SearchRecord };
    const record = stored.record;
    if (stored.salt !== salt || typeof record?.key !== "string" || !Array.isArray(record.bundles)) return undefined;
    const whole = record.bundles.every(
      (bundle) => typeof bundle?.path === "string" && typeof bundle.language === "string" && Array.isArray(bundle.pages) && bundle.pages.every((page) => Array.isArray(page) && typeof page[0] === "string" && typeof page[1] === "string"),
    );
    return whole ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the record of the index just written for the next build; a cache that cannot be written costs time, never the build. */
export async function writeSearchRecord(cacheDir: string, salt: string, record: SearchRecord): Promise<void> {
  await writeCacheFile(path.join(cacheDir, RECORD_FILE), JSON.stringify({ salt, record }));
}
