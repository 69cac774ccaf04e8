/**
 * Live updates for `trellis serve`: after the first build, an edit to a note re-reads that
 * note, applies it to the GardenIndex (the same engine a build uses) and writes the outputs
 * whose key changed (src/emit/), removing those that are gone; the search index is made again
 * from the pages' search documents once edits pause, into a fresh folder swapped into place.
 * The folder served is thus always what a full build of the vault writes. Eleventy does the first
 * build and every build after a change to layouts, styles, scripts or Trellis's sources; it
 * takes its Garden from here, so that the vault is read once.
 *
 * Created by the Trellis plugin when the `trellis` command asks for it (TRELLIS_LIVE=1);
 * after each update it emits LIVE_UPDATE_EVENT on Eleventy's event bus, for the command to
 * reload the browser and print what happened.
 */
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { watch, type FSWatcher } from "chokidar";
import type MarkdownIt from "markdown-it";
import { GardenError, type Diagnostic } from "../diagnostics.ts";
import { makeArtefacts, type ArtefactsMade } from "../emit/artefacts.ts";
import type { BodyCache } from "../emit/body-cache.ts";
import { emitChanges, type Emitted } from "../emit/emit.ts";
import { checkOutputs, siteOutputs, type Output } from "../emit/outputs.ts";
import { OutputWriter } from "../emit/writer.ts";
import type { BuildReport } from "../eleventy/events.ts";
import { PageRenderer, type TemplateEnvironment } from "../eleventy/page-renderer.ts";
import { listingUrl, takenByNotes } from "../garden/site-pages.ts";
import { indexLanguage, SearchIndexer } from "../eleventy/search-index.ts";
import { isNoteFile, isSkippedPath } from "../site/vault-paths.ts";
import { hasErrors, type Garden } from "../garden/garden.ts";
import { indexVault, type GardenIndex, type VaultChange } from "../garden/garden-index.ts";
import type { NoteFile } from "../garden/note.ts";
import { readUrlHistory, type UrlHistory } from "../garden/redirects.ts";
import type { VaultListing, VaultReader } from "../garden/vault-reader.ts";
import { vaultPathOf, type Mount } from "../garden/layout.ts";
import type { TrellisOptions } from "../site/options.ts";
import { reviewDiagnostics, uniqueDiagnostics } from "../site/review.ts";

/** Emitted after each live update with a LiveUpdate. */
export const LIVE_UPDATE_EVENT = "trellis.live-update";

/** Emitted when only a build of the whole site can bring it up to date. */
export const REBUILD_EVENT = "trellis.rebuild";

/** Emitted when the search index was made again, with the number of pages in it. */
export const SEARCH_EVENT = "trellis.search-updated";

/** Set by the `trellis serve` command, before Eleventy loads its configuration. */
export const LIVE_ENV = "TRELLIS_LIVE";

export interface LiveUpdate {
  /** Seconds from the first change noticed to the pages written. */
  seconds: number;
  /** Files of the site written or removed, relative to the output folder; none when nothing looks different. */
  files: string[];
  /** The notes had errors: nothing was written, the pages stay as they were. */
  failed: boolean;
  /** The vault files this update read: a note's `version` (the digest of its text), none when it is gone or not a note. */
  read: Array<{ file: string; version: string | undefined }>;
  /** The search index is out of date: it is made again once edits pause (SEARCH_EVENT says when). */
  searchPending: boolean;
  /** Every problem known, for the summary; and the problems of the files this update read (all errors when it failed). */
  report(): { report: Pick<BuildReport, "stats" | "diagnostics">; diagnostics: Diagnostic[] };
}

export interface LiveSessionOptions {
  eleventyConfig: UserConfig;
  contentDir: string;
  /** Folders of attachments read into the vault (layout.ts), watched with it. */
  mounts: readonly Mount[];
  md: MarkdownIt;
  options: TrellisOptions;
  cacheDir: string;
  transformHtml: (html: string, url: string) => Promise<string>;
  /** The build's cache of rendered bodies. */
  bodies: () => Promise<BodyCache>;
  /** Where the build keeps the notes it read. */
  reads: () => Promise<{ dir: string; salt: string; write: boolean }>;
}

/** What the last build handed over, kept up to date by each live update. */
export interface BuiltSite {
  garden: Garden;
  made: ArtefactsMade;
  outputs: readonly Output[];
  emitted: Emitted;
  outputDir: string;
  /** Every problem of the build. */
  diagnostics: Diagnostic[];
  /** Files the host (Eleventy) wrote itself. */
  hostFiles: readonly string[];
}

interface SiteState {
  writer: OutputWriter;
  made: ArtefactsMade;
  /** Each output's key, in the order a build makes them. */
  keys: Map<string, string>;
  /** Problems rendering found, by output file. */
  rendered: Map<string, Diagnostic[]>;
  searchDocuments: Map<string, string>;
  hostFiles: readonly string[];
  /** Where the listings were when Eleventy last built the site (see listingsOf). */
  listings: string;
}

/**
 * Eleventy's own page (the 404 page) links to the listings: when a note takes a listing's address
 * or gives it back, Eleventy builds again.
 */
function listingsOf(garden: Garden): string {
  const taken = takenByNotes(garden.byUrl.keys());
  return `${listingUrl("tag-index", taken)} ${listingUrl("graph", taken)}`;
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

export class LiveSession {
  readonly #o: LiveSessionOptions;
  #index: GardenIndex | undefined;
  #reader: VaultReader | undefined;
  #site: SiteState | undefined;
  #env: TemplateEnvironment | undefined;
  #history: UrlHistory = { notes: {} };
  #watcher: FSWatcher | undefined;
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
  #closed = false;
  /** Work is done one piece at a time, in order. */
  #chain: Promise<void> = Promise.resolve();

  constructor(options: LiveSessionOptions) {
    this.#o = options;
    const config = options.eleventyConfig;
    config.on("eleventy.engine.njk", ({ environment }: { environment: TemplateEnvironment }) => {
      this.#env = environment;
    });
    // Trellis's sources changed: Eleventy loads the plugin again, with a new session.
    config.on("eleventy.reset", () => this.close());
    config.on("eleventy.afterwatch", () => this.#buildEnded());
  }

  /** The index an Eleventy build reads the Garden from. Live updates wait until the build ends. */
  async indexForBuild(): Promise<GardenIndex> {
    await this.#idle();
    this.#building = true;
    await this.#searching; // Pagefind runs one indexing at a time: the build's waits for this one
    if (!this.#index) await this.#start();
    return this.#index as GardenIndex;
  }

  /** After a build that wrote the site: its outputs are the session's to keep up to date. */
  async built(site: BuiltSite): Promise<void> {
    if (this.#closed) return;
    this.#history = (await readUrlHistory(this.#o.cacheDir)).history;
    const writer = new OutputWriter(site.outputDir);
    // Eleventy building again writes over the folder: the files of the site before that it did not write again go.
    const previous = this.#site;
    if (previous) {
      const written = new Set([...site.hostFiles, ...site.outputs.map((output) => output.file)]);
      for (const file of new Set([...previous.hostFiles, ...previous.keys.keys()])) if (!written.has(file)) await writer.remove(file);
    }
    this.#site = {
      writer,
      made: site.made,
      keys: new Map(site.outputs.map((output) => [output.file, output.key()])),
      rendered: site.emitted.diagnostics,
      searchDocuments: site.emitted.searchDocuments,
      hostFiles: site.hostFiles,
      listings: listingsOf(site.garden),
    };
    this.#touched.clear();
    this.#building = false;
    if (this.#events.size > 0) this.#schedule(0);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const timer of this.#lookAgain.values()) clearTimeout(timer);
    clearTimeout(this.#searchTimer);
    await this.#watcher?.close();
  }

  /** A build ended: a failed one leaves the pages as they were, and edits made meanwhile wait for this. */
  #buildEnded(): void {
    if (!this.#building) return;
    this.#building = false;
    if (this.#events.size > 0) this.#schedule(0);
  }

  /** Reads the vault, and watches it from before reading so that no edit is missed. */
  async #start(): Promise<void> {
    const { contentDir, mounts, md, options } = this.#o;
    // The images folder of a Digital Garden repository is read into the vault too (layout.ts).
    const watcher = watch([contentDir, ...mounts.map((mount) => mount.dir)], {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (file) => isSkippedPath(vaultPathOf(contentDir, mounts, file)),
    });
    const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
    watcher.on("all", (event, file) => this.#noticed(event, file));
    watcher.on("error", (error) => console.error(`trellis serve: watching ${contentDir}: ${String(error)}`));
    this.#watcher = watcher;
    const { index, reader } = await indexVault({ contentDir, mounts, md, markdown: { trustHtml: options.trustHtml, typographer: options.site.language }, publish: options.publish, home: options.home, site: options.site, cache: await this.#o.reads() });
    this.#index = index;
    this.#reader = reader;
    await ready;
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
    const index = this.#index;
    const reader = this.#reader;
    if (this.#closed || !index || !reader || this.#events.has(file)) return;
    const read = await reader.read(file);
    if (read?.version === index.file(file)?.version) return;
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

  /** The changed files read again; a note that came or went, or any other file, needs a new listing. */
  async #read(index: GardenIndex, reader: VaultReader, events: ReadonlyMap<string, "note" | "other">): Promise<VaultChange> {
    const files = new Map<string, NoteFile | undefined>();
    let relist = false;
    for (const [file, kind] of events) {
      if (kind === "other") {
        relist = true;
        continue;
      }
      const read = await reader.read(file);
      if (!read || !index.file(file)) relist = true;
      files.set(file, read);
    }
    if (!relist) return { files };
    const listing: VaultListing = await reader.list();
    // Whatever the events said, the listing is the truth (a symbolic link is never read).
    const listed = new Set(listing.notes);
    for (const file of [...files.keys()]) if (!listed.has(file)) files.set(file, undefined);
    for (const file of listing.notes) {
      if (files.get(file) !== undefined || index.file(file)) continue;
      files.set(file, await reader.read(file));
    }
    // A file listed but gone by now is left out of the listing until its event comes.
    return { files, listing: { ...listing, notes: listing.notes.filter((file) => files.get(file) !== undefined || (index.file(file) && !files.has(file))) } };
  }

  async #update(): Promise<void> {
    const index = this.#index;
    const reader = this.#reader;
    const env = this.#env;
    if (this.#closed || this.#building || !index || !reader) return; // the end of the build schedules it again
    if (this.#events.size === 0) return;
    const started = this.#firstEvent ?? performance.now();
    this.#firstEvent = undefined;
    const events = this.#events;
    this.#events = new Map();
    const { options } = this.#o;

    const change = await this.#read(index, reader, events);
    const read = [...new Set([...events.keys(), ...change.files.keys()])].sort().map((file) => ({ file, version: change.files.get(file)?.version }));
    const delta = index.apply(change);
    const garden = delta.after;
    const readFiles = new Set(events.keys());
    const diagnostics = reviewDiagnostics(garden.diagnostics, options);
    const failed = async (all: Diagnostic[]) =>
      this.#announce({
        seconds: (performance.now() - started) / 1000,
        files: [],
        read,
        failed: true,
        searchPending: false,
        report: () => ({ report: { stats: garden.stats, diagnostics: all }, diagnostics: all.filter((d) => d.severity === "error" || readFiles.has(d.file)) }),
      });
    // With errors, a build would stop: nothing is written until the next good edit.
    if (hasErrors(diagnostics)) return failed(diagnostics);
    const site = this.#site;
    // No build of this session wrote the site (the last one failed): what is on disk is not known.
    if (!site || !env) {
      await this.#o.eleventyConfig.events.emit(REBUILD_EVENT);
      return;
    }

    if (listingsOf(garden) !== site.listings) {
      await this.#o.eleventyConfig.events.emit(REBUILD_EVENT);
      return;
    }
    const stale = new Set([...this.#touched].flatMap((file) => garden.attachments.get(file) ?? []));
    const made = await makeArtefacts(garden, { site: options.site, cacheDir: this.#o.cacheDir, history: this.#history }, site.made, stale);
    const outputs = siteOutputs(garden, made.artefacts, options.site);
    try {
      checkOutputs(outputs, site.hostFiles);
    } catch (error) {
      if (error instanceof GardenError) return failed([...diagnostics, ...error.diagnostics]);
      throw error;
    }
    const renderer = new PageRenderer({ md: this.#o.md, site: options.site, env, transformHtml: this.#o.transformHtml, garden, artefacts: made.artefacts, bodies: await this.#o.bodies() });
    const force = new Set([...this.#touched].flatMap((file) => garden.attachments.get(file)?.replace(/^\/+/, "") ?? []));
    this.#touched.clear();
    const { changes, keys } = await emitChanges(site.keys, outputs, renderer, site.writer, force);

    let searchChanged = false;
    for (const [file, found] of changes.diagnostics) {
      site.rendered.set(file, found);
      const document = changes.searchDocuments.get(file);
      if (site.searchDocuments.get(file) !== document) searchChanged = true;
      if (document === undefined) site.searchDocuments.delete(file);
      else site.searchDocuments.set(file, document);
    }
    for (const file of changes.removed) {
      site.rendered.delete(file);
      if (site.searchDocuments.delete(file)) searchChanged = true;
    }
    site.keys = keys;
    site.made = made;

    const all = uniqueDiagnostics([...diagnostics, ...made.diagnostics, ...[...keys.keys()].flatMap((file) => site.rendered.get(file) ?? [])]);
    const searchPending = searchChanged && options.site.features.search;
    if (searchPending) this.#scheduleSearch();
    await this.#announce({
      seconds: (performance.now() - started) / 1000,
      files: changes.files,
      read,
      failed: false,
      searchPending,
      report: () => ({ report: { stats: garden.stats, diagnostics: all }, diagnostics: all.filter((d) => readFiles.has(d.file)) }),
    });
  }

  async #announce(update: LiveUpdate): Promise<void> {
    await this.#o.eleventyConfig.events.emit(LIVE_UPDATE_EVENT, update);
  }

  /**
   * The search index is made again once edits pause, from the same documents a build gives
   * Pagefind, in the same order: the same index a build writes. Pagefind works in its own
   * process, so live updates go on meanwhile; one that lands during indexing indexes again.
   */
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
    const site = this.#site;
    const index = this.#index;
    if (this.#closed || this.#building || !site || !index) return;
    const requests = this.#searchRequests;
    const outputDir = site.writer.outputDir;
    const folder = path.join(outputDir, "pagefind");
    const next = `${folder}.trellis-next`;
    const old = `${folder}.trellis-old`;
    const documents = [...site.keys.keys()].flatMap((file) => {
      const document = site.searchDocuments.get(file);
      return document !== undefined && document.includes("data-pagefind-body") ? [{ file, document }] : [];
    });
    try {
      // With no listed note a build writes no index: neither does this (write leaves no folder).
      const search = await SearchIndexer.start(indexLanguage(index.garden, this.#o.options.site.language));
      for (const { file, document } of documents) await search.add(file, document);
      await search.write(next);
      if (this.#closed || this.#building) return;
      await rm(old, { recursive: true, force: true });
      await rename(folder, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rename(next, folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rm(old, { recursive: true, force: true });
      // Said only when no edit since asked for another index.
      if (requests === this.#searchRequests) await this.#o.eleventyConfig.events.emit(SEARCH_EVENT, documents.length);
    } catch (error) {
      console.error(`trellis serve: the search index was not updated: ${(error as Error).message}`);
    } finally {
      await rm(next, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
