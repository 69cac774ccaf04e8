/**
 * Live updates for `trellis serve`: the session watches the vault and turns what the watcher
 * reports into the Publisher's `update`, which writes the outputs an edit changed and removes
 * those that are gone; the search index is made again once edits pause. The folder served is
 * thus always what a full build of the vault writes. Eleventy does the first build and every
 * build after a change to layouts, styles, scripts or Trellis's sources, through the same
 * Publisher; edits wait while it builds.
 */
import { watch, type FSWatcher } from "chokidar";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { BuildReport } from "../emit/build-report.ts";
import type { LiveSite, Publisher } from "../emit/publisher.ts";
import { vaultPathOf, type Mount } from "../read/layout.ts";
import { isNoteFile, isSkippedPath } from "../core/vault-paths.ts";

export interface LiveUpdate {
  /** Seconds from the first change noticed to the pages written. */
  seconds: number;
  /** Files of the site written or removed, relative to the output folder; none when nothing looks different. */
  files: string[];
  /** The notes had errors: nothing was written, the pages stay as they were. */
  failed: boolean;
  /** The vault files this update read: a note's `version` (the digest of its text), none when it is gone or not a note. */
  read: Array<{ file: string; version: string | undefined }>;
  /** The search index is out of date: it is made again once edits pause (onSearch says when). */
  searchPending: boolean;
  /** Every problem known, for the summary; and the problems of the files this update read (all errors when it failed). */
  report(): { report: Pick<BuildReport, "stats" | "diagnostics">; diagnostics: Diagnostic[] };
}

export interface LiveSessionOptions {
  contentDir: string;
  /** Folders of attachments read into the vault (layout.ts), watched with it. */
  mounts: readonly Mount[];
  /** After each live update. */
  onUpdate: (update: LiveUpdate) => void;
  /** When only a build of the whole site can bring it up to date. */
  onRebuild: () => void;
  /** When the search index was made again, with the number of pages in it. */
  onSearch: (pages: number) => void;
}

/** Changes that arrive this close together (an editor's save, a folder moved) are handled as one. */
const SETTLE_MS = 15;
/** The search index is made again once edits pause this long: indexing every page takes seconds. */
const SEARCH_DELAY_MS = 1000;
/**
 * chokidar reports no change of a file for 50 ms after one it reported (its own throttle, not an
 * option), so a save in that window would go unseen: a note is read again this long after its
 * last reported change, and updated if its text is not the one the garden holds.
 */
const LOOK_AGAIN_MS = 80;

export class LiveSession implements LiveSite {
  readonly #o: LiveSessionOptions;
  /** The Publisher of the last build; Eleventy makes a new one when Trellis's sources change. */
  #publisher: Publisher | undefined;
  #watcher: FSWatcher | undefined;
  #ready: Promise<void> | undefined;
  /** Vault paths changed since the last update, and what they are. */
  #events = new Map<string, "note" | "other">();
  /** Attachments changed on disk since they were last copied. */
  #touched = new Set<string>();
  #firstEvent: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Notes to read again once chokidar would report their changes again. */
  #lookAgain = new Map<string, NodeJS.Timeout>();
  #searchTimer: NodeJS.Timeout | undefined;
  /** Edits that changed what the search index holds, so far. */
  #searchRequests = 0;
  /** The search index being made, if it is. */
  #searching: Promise<void> | undefined;
  #building = false;
  /** A build wrote the site since the publisher came. */
  #built = false;
  #closed = false;
  /** Work is done one piece at a time, in order. */
  #chain: Promise<void> = Promise.resolve();

  constructor(options: LiveSessionOptions) {
    this.#o = options;
  }

  /** Before a build: the vault is watched from before it is read, so that no edit is missed; edits wait for the build. */
  async beforeBuild(publisher: Publisher): Promise<void> {
    this.#startWatching();
    await this.#idle();
    this.#building = true;
    await this.#searching; // Pagefind runs one indexing at a time: the build's waits for this one
    if (publisher !== this.#publisher) this.#built = false;
    this.#publisher = publisher;
  }

  afterBuild(): void {
    if (this.#closed) return;
    this.#built = true;
    this.#touched.clear();
    void this.#ready?.then(() => this.buildEnded());
  }

  /** A build ended, written or failed: edits made meanwhile are applied now (a failed one left the pages as they were). */
  buildEnded(): void {
    if (!this.#building) return;
    this.#building = false;
    if (this.#events.size > 0) this.#schedule(0);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const timer of this.#lookAgain.values()) clearTimeout(timer);
    clearTimeout(this.#searchTimer);
    await this.#watcher?.close();
    this.#publisher?.close();
  }

  #startWatching(): void {
    if (this.#watcher) return;
    const { contentDir, mounts } = this.#o;
    // The images folder of a Digital Garden repository is read into the vault too (layout.ts).
    const watcher = watch([contentDir, ...mounts.map((mount) => mount.dir)], {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (file) => isSkippedPath(vaultPathOf(contentDir, mounts, file)),
    });
    this.#ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
    watcher.on("all", (event, file) => this.#noticed(event, file));
    watcher.on("error", (error) => console.error(`trellis serve: watching ${contentDir}: ${String(error)}`));
    this.#watcher = watcher;
  }

  #noticed(event: string, absolute: string): void {
    if (this.#closed) return;
    const { contentDir, mounts } = this.#o;
    const file = vaultPathOf(contentDir, mounts, absolute);
    if (file === "" || file.startsWith("../") || isSkippedPath(file)) return;
    const mounted = mounts.some((mount) => file === mount.at || file.startsWith(`${mount.at}/`));
    // A folder added or removed comes with an event for each file in it; its attachments need a new listing.
    const kind = isNoteFile(file) && !mounted && event !== "addDir" && event !== "unlinkDir" ? "note" : "other";
    this.#events.set(file, kind);
    if (kind === "other") this.#touched.add(file);
    else this.#scheduleLookAgain(file);
    this.#firstEvent ??= performance.now();
    this.#schedule(SETTLE_MS);
  }

  #scheduleLookAgain(file: string): void {
    clearTimeout(this.#lookAgain.get(file));
    const timer = setTimeout(() => {
      this.#lookAgain.delete(file);
      void this.#enqueue(() => this.#readAgain(file));
    }, LOOK_AGAIN_MS);
    this.#lookAgain.set(file, timer);
  }

  /** A note whose text on disk is not what the garden holds gets an update, as if chokidar had said so. */
  async #readAgain(file: string): Promise<void> {
    const publisher = this.#publisher;
    if (this.#closed || this.#building || !publisher || this.#events.has(file)) return;
    if (await publisher.isCurrent(file)) return;
    this.#events.set(file, "note");
    this.#firstEvent ??= performance.now();
    this.#schedule(0);
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#enqueue(() => this.#update()), delay);
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(task).catch((error: unknown) => {
      console.error(`trellis serve: a live update failed; the next build or edit tries again.\n${(error as Error).stack ?? String(error)}`);
    });
    return this.#chain;
  }

  async #idle(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.#chain;
      await chain;
    } while (chain !== this.#chain);
  }

  async #update(): Promise<void> {
    const publisher = this.#publisher;
    if (this.#closed || this.#building || !publisher) return; // the end of the build schedules it again
    if (this.#events.size === 0) return;
    // No build of this publisher wrote the site (the last one failed): what is on disk is not known.
    if (!this.#built) return this.#o.onRebuild();
    const started = this.#firstEvent ?? performance.now();
    this.#firstEvent = undefined;
    const events = this.#events;
    this.#events = new Map();
    const touched = this.#touched;
    this.#touched = new Set();
    const result = await publisher.update(events, touched);
    if (result.kind === "rebuild") return this.#o.onRebuild();
    const readFiles = new Set(events.keys());
    const { garden, diagnostics } = result;
    const failed = result.kind === "failed";
    const searchPending = result.kind === "updated" && result.searchPending;
    if (searchPending) this.#scheduleSearch();
    this.#o.onUpdate({
      seconds: (performance.now() - started) / 1000,
      files: result.kind === "updated" ? result.files : [],
      read: result.read,
      failed,
      searchPending,
      report: () => ({
        report: { stats: garden.stats, diagnostics },
        diagnostics: diagnostics.filter((d) => (failed && d.severity === "error") || readFiles.has(d.file)),
      }),
    });
  }

  /** Pagefind works in its own process, so live updates go on meanwhile; one that lands during indexing indexes again. */
  #scheduleSearch(): void {
    this.#searchRequests++;
    this.#later();
  }

  #later(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      if (this.#searching) {
        void this.#searching.then(() => this.#later());
        return;
      }
      this.#searching = this.#reindex().finally(() => {
        this.#searching = undefined;
      });
    }, SEARCH_DELAY_MS);
  }

  async #reindex(): Promise<void> {
    const publisher = this.#publisher;
    if (this.#closed || this.#building || !publisher) return;
    const requests = this.#searchRequests;
    try {
      const made = await publisher.reindex();
      if (!made) return;
      // Put in place between edits, unless a build came meanwhile (it writes its own index).
      await this.#enqueue(async () => {
        if (this.#closed || this.#building || publisher !== this.#publisher) return made.discard();
        const pages = await made.install();
        // Said only when no edit since asked for another index.
        if (pages !== undefined && requests === this.#searchRequests) this.#o.onSearch(pages);
      });
    } catch (error) {
      console.error(`trellis serve: the search index was not updated: ${(error as Error).message}`);
    }
  }
}
