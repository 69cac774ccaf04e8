/**
 * Live updates for `trellis serve`: after the first build, an edit to a note re-reads that
 * note, updates the Garden (live-garden.ts) and renders only the pages that show something of
 * it (pages.ts), in well under a second at thousands of notes. Eleventy still does the first
 * build and every build after a change to layouts, styles, scripts or Trellis's sources; it
 * takes its Garden from here, so that the vault is read once.
 *
 * Created by the Trellis plugin when the `trellis` command asks for it (TRELLIS_LIVE=1);
 * after each update it emits LIVE_UPDATE_EVENT on Eleventy's event bus, for the command to
 * reload the browser and print what happened.
 */
import { copyFile, mkdir, readFile, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { watch, type FSWatcher } from "chokidar";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "../diagnostics.ts";
import { FEED_LIMIT } from "../eleventy/feeds.ts";
import * as pagefind from "pagefind";
import { indexLanguage } from "../eleventy/search-index.ts";
import { NOTE_EXTENSION } from "../garden/files.ts";
import type { Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";
import { collectRedirects, readUrlHistory, type UrlHistory } from "../garden/redirects.ts";
import { imageJobs } from "../images/jobs.ts";
import { generatedFiles, optimiseImages, RASTER } from "../images/optimise.ts";
import { cardUrl } from "../images/social-card.ts";
import type { TrellisOptions } from "../site/options.ts";
import { LiveGarden } from "./live-garden.ts";
import { htmlTransform, LAYOUTS, outputFile, PageRenderer, type TemplateEnvironment } from "../eleventy/page-renderer.ts";
import { siteData, ViewCache } from "../eleventy/site-data.ts";
import { VaultReader, type NoteFile } from "./vault.ts";

/** Emitted after each live update with a LiveUpdate. */
export const LIVE_UPDATE_EVENT = "trellis.live-update";

/** Emitted when only a build of the whole site can bring it up to date. */
export const REBUILD_EVENT = "trellis.rebuild";

/** Set by the `trellis serve` command, before Eleventy loads its configuration. */
export const LIVE_ENV = "TRELLIS_LIVE";

export interface LiveUpdate {
  /** Seconds from the first change noticed to the pages written. */
  seconds: number;
  /** Files of the site written or removed, relative to the output folder; none when nothing looks different. */
  files: string[];
  /** The notes had errors: nothing was written, the pages stay as they were. */
  failed: boolean;
  /** The Garden with every problem known, for the summary; and the problems of the files this update read (all errors when it failed). */
  report(): { garden: Garden; diagnostics: Diagnostic[] };
}

export interface LiveSessionOptions {
  eleventyConfig: UserConfig;
  contentDir: string;
  md: MarkdownIt;
  options: TrellisOptions;
  cacheDir: string;
  /** What the plugin checks on every Garden it builds from: site-wide warnings, `strict`. */
  review: (garden: Garden) => void;
  /** The plugin's social cards of some notes (cached by what they show). */
  cardsOf: (garden: Garden, notes: readonly Note[]) => Promise<Map<string, string>>;
}

/** Changes that arrive this close together (an editor's save, a folder moved) are handled as one. */
const SETTLE_MS = 15;
/** Views made per step of the warm-up. */
const WARM_UP_SLICE = 200;
/** The search index is made again once edits pause this long: indexing every page takes seconds. */
const SEARCH_DELAY_MS = 3000;

/** What listVaultFiles skips: dot folders and files, dependencies, a site built into the vault. */
function skipped(file: string): boolean {
  return file.split(/[\\/]/).some((part) => part.startsWith(".") || part === "node_modules" || part === "_site");
}

export class LiveSession {
  readonly #o: LiveSessionOptions;
  readonly #reader: VaultReader;
  readonly #views = new ViewCache();
  #live: LiveGarden | undefined;
  #env: TemplateEnvironment | undefined;
  #outputDir: string | undefined;
  #watcher: FSWatcher | undefined;
  /** Vault paths changed since the last update, and what they are. */
  #events = new Map<string, "note" | "other">();
  #firstEvent: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #searchTimer: NodeJS.Timeout | undefined;
  /** The search index being made, if it is. */
  #searching: Promise<void> | undefined;
  /** Site paths whose page may differ from the one on disk. */
  #pages = new Set<string>();
  /** Attachments to copy into the site: newly used, or changed. */
  #attachments = new Set<string>();
  /** Site paths of files (attachments, social cards) that no page uses any more. */
  #goneFiles = new Set<string>();
  /** A note's address changed since redirects were last worked out. */
  #redirectsDue = false;
  /** What a running Eleventy build took over: given back if it fails. */
  #handedOver: { pages: Set<string>; diagnostics: Set<Diagnostic> } | undefined;
  #building = false;
  #closed = false;
  /** Work is done one piece at a time, in order. */
  #chain: Promise<void> = Promise.resolve();
  /** Warnings of the last build that the notes alone do not give: images, rendering. */
  #extras: Diagnostic[] = [];
  #urlHistory: UrlHistory | undefined;
  /** Images already optimised or tried (a failed download is not tried again until a build). */
  #triedImages = new Set<string>();
  #reviewMessages: Set<string>;

  constructor(options: LiveSessionOptions) {
    this.#o = options;
    this.#reader = new VaultReader(options.contentDir, options.md, options.options.publish);
    const probe = { diagnostics: [] as Diagnostic[] } as unknown as Garden;
    options.review(probe);
    this.#reviewMessages = new Set(probe.diagnostics.map((d) => d.message));
    const config = options.eleventyConfig;
    config.on("eleventy.engine.njk", ({ environment }: { environment: TemplateEnvironment }) => {
      this.#env = environment;
    });
    // Trellis's sources changed: Eleventy loads the plugin again, with a new session.
    config.on("eleventy.reset", () => this.close());
    // A build that failed leaves the pages as they were: they still need writing.
    config.on("eleventy.afterwatch", () => this.#buildEnded());
  }

  /** The Garden for an Eleventy build: the vault as last read. Live updates wait until the build ends. */
  async gardenForBuild(): Promise<Garden> {
    await this.#idle();
    this.#building = true;
    await this.#searching; // Pagefind runs one indexing at a time: the build's waits for this one
    if (!this.#live) await this.#start();
    const live = this.#live as LiveGarden;
    // The build adds to the list of problems and marks errors: it gets copies.
    const diagnostics = live.diagnostics().map((d) => ({ ...d }));
    this.#handedOver = { pages: this.#pages, diagnostics: new Set(diagnostics) };
    this.#pages = new Set();
    return { ...live.garden, diagnostics };
  }

  /** After a build that wrote the site: its images, redirects and warnings are the session's now. */
  async built(garden: Garden, outputDir: string): Promise<void> {
    const live = this.#live;
    if (!live || this.#closed) return;
    this.#outputDir = path.resolve(outputDir);
    // What the build added to the Garden before rendering: optimised images, redirects, social cards.
    const { images, redirects, cards } = garden as Garden & { cards?: unknown };
    Object.assign(live.garden, { images, redirects, cards });
    const handed = this.#handedOver?.diagnostics ?? new Set();
    this.#extras = garden.diagnostics.filter((d) => !handed.has(d) && !this.#reviewMessages.has(d.message));
    this.#urlHistory = await readUrlHistory(this.#o.cacheDir);
    // Every image the build tried, optimised or not: a download that failed is not tried again on each edit.
    this.#triedImages = new Set(imageJobs(garden).map((job) => job.key));
    this.#views.clear();
    this.#handedOver = undefined;
    this.#building = false;
    if (this.#events.size > 0 || this.#pages.size > 0) this.#schedule(0);
    this.#warmUp();
  }

  /**
   * While the author reads the first page: compiles the layouts and makes the views that lists
   * (tag pages, the home page) show, a slice at a time so that an edit never waits long.
   */
  #warmUp(): void {
    const live = this.#live;
    if (!live) return;
    const notes = [...live.garden.listed];
    const site = this.#o.options.site;
    const slice = (from: number) =>
      void this.#enqueue(async () => {
        if (this.#closed || this.#building || live !== this.#live) return;
        if (from === 0) for (const name of LAYOUTS) this.#env?.getTemplate(name, true);
        for (const note of notes.slice(from, from + WARM_UP_SLICE)) this.#views.of(note, live.garden, site);
        if (from + WARM_UP_SLICE < notes.length) setImmediate(() => slice(from + WARM_UP_SLICE));
      });
    slice(0);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#searchTimer);
    await this.#watcher?.close();
  }

  #buildEnded(): void {
    if (!this.#building) return;
    for (const page of this.#handedOver?.pages ?? []) this.#pages.add(page);
    this.#handedOver = undefined;
    this.#building = false;
    if (this.#events.size > 0) this.#schedule(0);
  }

  /** Reads the vault, and watches it from before reading so that no edit is missed. */
  async #start(): Promise<void> {
    const watcher = watch(this.#o.contentDir, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (file) => skipped(path.relative(this.#o.contentDir, file)),
    });
    const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
    watcher.on("all", (event, file) => this.#noticed(event, file));
    watcher.on("error", (error) => console.error(`trellis serve: watching ${this.#o.contentDir}: ${String(error)}`));
    this.#watcher = watcher;
    const listing = await this.#reader.list();
    const files = await this.#reader.readAll(listing.notes);
    this.#live = new LiveGarden({
      contentDir: this.#o.contentDir,
      files,
      attachments: listing.attachments,
      vaultDiagnostics: listing.diagnostics,
      ...(this.#o.options.home ? { home: this.#o.options.home } : {}),
    });
    await ready;
  }

  #noticed(event: string, absolute: string): void {
    if (this.#closed) return;
    const file = path.relative(this.#o.contentDir, absolute).split(path.sep).join("/");
    if (file === "" || file.startsWith("../") || skipped(file)) return;
    // A folder added or removed comes with an event for each file in it; its attachments need a new listing.
    this.#events.set(file, NOTE_EXTENSION.test(file) && event !== "addDir" && event !== "unlinkDir" ? "note" : "other");
    this.#firstEvent ??= performance.now();
    this.#schedule(SETTLE_MS);
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
    const live = this.#live;
    const outputDir = this.#outputDir;
    const env = this.#env;
    if (this.#closed || this.#building || !live) return; // the end of the build schedules it again
    if (this.#events.size === 0 && this.#pages.size === 0) return;
    const started = this.#firstEvent ?? performance.now();
    this.#firstEvent = undefined;
    const events = this.#events;
    this.#events = new Map();

    // 1. Read what changed. A note that appeared or went, or any other file, needs a new listing.
    const changed = new Map<string, NoteFile | undefined>();
    const refreshed: string[] = [];
    let relist = false;
    for (const [file, kind] of events) {
      if (kind === "other") {
        relist = true;
        if (live.garden.attachments.has(file)) refreshed.push(file);
        continue;
      }
      const record = await this.#reader.read(file);
      const previous = live.file(file);
      if (record?.source === previous?.source && !record === !previous) continue;
      if (!record || !previous) relist = true;
      changed.set(file, record);
    }
    let listing: Awaited<ReturnType<VaultReader["list"]>> | undefined;
    if (relist) {
      listing = await this.#reader.list();
      // Whatever the events said, the listing is the truth (a symbolic link is never read).
      const notes = new Set(listing.notes);
      for (const file of live.files()) if (!notes.has(file) && !changed.has(file)) changed.set(file, undefined);
      for (const file of notes) {
        if (changed.has(file) ? changed.get(file) !== undefined : live.file(file) !== undefined) continue;
        changed.set(file, await this.#reader.read(file));
      }
      for (const file of changed.keys()) if (!notes.has(file)) changed.set(file, undefined);
    }
    const change = changed.size > 0 || listing ? live.update(changed, listing) : { pages: new Set<string>(), newAttachments: [], goneAttachments: [], files: [], addresses: false };
    for (const page of change.pages) this.#pages.add(page);
    for (const file of [...change.newAttachments, ...refreshed]) this.#attachments.add(file);
    for (const url of change.goneAttachments) this.#goneFiles.add(url);
    if (change.addresses) this.#redirectsDue = true;
    const readFiles = [...changed.keys()];

    // 2. With errors, a build would stop: nothing is written until the next good edit.
    if (live.hasErrors(this.#o.options.strict)) {
      await this.#announce({
        seconds: (performance.now() - started) / 1000,
        files: [],
        failed: true,
        report: () => {
          const garden = this.#reviewed(live.garden, []);
          const wanted = new Set(readFiles);
          return { garden, diagnostics: garden.diagnostics.filter((d) => d.severity === "error" || wanted.has(d.file)) };
        },
      });
      return;
    }
    // The last build failed and no build of this session wrote the site (the sources of Trellis
    // changed while a note was broken): what is on disk is not known, so Eleventy builds it all.
    if (!outputDir || !env) {
      this.#pages.clear();
      await this.#o.eleventyConfig.events.emit(REBUILD_EVENT);
      return;
    }

    // 3. Attachments newly used or changed, and images not optimised yet.
    const garden = live.garden;
    const site = this.#o.options.site;
    const imageWarnings: Diagnostic[] = [];
    for (const file of this.#attachments) {
      const url = garden.attachments.get(file);
      if (!url) continue;
      const destination = path.join(outputDir, ...url.split("/"));
      await mkdir(path.dirname(destination), { recursive: true });
      await copyFile(path.join(this.#o.contentDir, file), destination);
    }
    if (this.#attachments.size > 0) this.#views.clear(); // heroes show attachments at their addresses
    this.#attachments.clear();
    const refreshedUrls = new Set(refreshed.filter((file) => RASTER.test(file)).flatMap((file) => garden.attachments.get(file) ?? []));
    const jobs = imageJobs(garden).filter((job) => refreshedUrls.has(job.key) || (!garden.images.has(job.key) && !this.#triedImages.has(job.key)));
    if (jobs.length > 0) {
      for (const job of jobs) this.#triedImages.add(job.key);
      const images = await optimiseImages(jobs, { cacheDir: this.#o.cacheDir }, imageWarnings);
      for (const [key, metadata] of images) {
        garden.images.set(key, metadata);
        for (const file of generatedFiles(metadata)) {
          const destination = path.join(outputDir, ...file.url.split("/"));
          await mkdir(path.dirname(destination), { recursive: true });
          await copyFile(file.from, destination);
        }
      }
      this.#views.clear();
      for (const job of jobs) {
        const users = garden.notes.filter((note) => note.remoteImages.includes(job.key) || note.hero?.src === job.key || garden.attachments.get(job.note) === job.key);
        for (const note of users) this.#pages.add(note.url);
        for (const url of garden.attachments.has(job.note) ? live.usersOf(job.note) : []) this.#pages.add(url);
      }
    }

    // Social cards show a note's title and hero: the notes whose pages change get theirs.
    if (site.url) {
      const notes = [...this.#pages].flatMap((url) => garden.byUrl.get(url) ?? []);
      const before = new Set(garden.cards.values());
      for (const file of change.files) if (!live.note(file)) garden.cards.delete(file);
      for (const [file, card] of await this.#o.cardsOf(garden, notes)) garden.cards.set(file, card);
      const after = new Set(garden.cards.values());
      for (const card of after) {
        if (before.has(card)) continue;
        const destination = path.join(outputDir, ...cardUrl(card).split("/"));
        await mkdir(path.dirname(destination), { recursive: true });
        await copyFile(card, destination);
      }
      for (const card of before) if (!after.has(card)) this.#goneFiles.add(cardUrl(card));
    }
    const inUse = new Set([...garden.attachments.values(), ...[...garden.cards.values()].map(cardUrl)]);
    for (const url of this.#goneFiles) if (!inUse.has(url)) await unlink(path.join(outputDir, ...url.split("/"))).catch(() => undefined);
    this.#goneFiles.clear();

    // 4. Redirects: old addresses of notes whose address changed, from the history the last build kept.
    if (this.#urlHistory && this.#redirectsDue) {
      this.#redirectsDue = false;
      const redirects = collectRedirects({ ...garden, diagnostics: [] }, this.#urlHistory);
      if (JSON.stringify(redirects) !== JSON.stringify(garden.redirects)) {
        const before = new Map(garden.redirects.map((r) => [r.from, r.to]));
        const after = new Map(redirects.map((r) => [r.from, r.to]));
        for (const from of new Set([...before.keys(), ...after.keys()])) if (before.get(from) !== after.get(from)) this.#pages.add(from);
        this.#pages.add("/_redirects");
        garden.redirects = redirects;
      }
    }

    // 5. The feeds carry the full text of the most recent notes.
    if (site.url && site.features.feeds) {
      const dated = garden.listed.filter((note) => !note.home && (note.updated ?? note.created)).slice(0, FEED_LIMIT);
      if (dated.some((note) => this.#pages.has(note.url)) || change.pages.has("/sitemap.xml")) {
        this.#pages.add("/feed.xml");
        this.#pages.add("/feed.json");
      }
    }

    // 6. The pages, rendered as a build renders them; written only when they differ.
    const rendering = { ...garden, diagnostics: [...this.#extras] };
    const renderer = new PageRenderer({ md: this.#o.md, site, env, transformHtml: htmlTransform(this.#o.eleventyConfig, site.pathPrefix) });
    const data = siteData(rendering, site, this.#views);
    const written: string[] = [];
    for (const url of [...this.#pages].sort()) {
      const file = await this.#write(outputDir, url, await renderer.render(url, rendering, data));
      if (file) written.push(file);
    }
    this.#pages.clear();
    this.#extras = [...rendering.diagnostics, ...imageWarnings];

    await this.#announce({
      seconds: (performance.now() - started) / 1000,
      files: written,
      failed: false,
      report: () => {
        const reviewed = this.#reviewed(garden, this.#extras);
        const wanted = new Set(readFiles);
        return { garden: reviewed, diagnostics: reviewed.diagnostics.filter((d) => wanted.has(d.file)) };
      },
    });
    if (written.length > 0 && site.features.search) this.#scheduleSearch();
  }

  /** The Garden with every problem a build would list: the notes', the site's, and the last renders'. */
  #reviewed(garden: Garden, extras: Diagnostic[]): Garden {
    const reviewed = { ...garden, diagnostics: (this.#live as LiveGarden).diagnostics().map((d) => ({ ...d })) };
    this.#o.review(reviewed);
    reviewed.diagnostics.push(...extras);
    return reviewed;
  }

  async #announce(update: LiveUpdate): Promise<void> {
    await this.#o.eleventyConfig.events.emit(LIVE_UPDATE_EVENT, update);
  }

  /** Writes a page when it differs from the file on disk, or removes it; returns the file when it did. */
  async #write(outputDir: string, url: string, text: string | undefined): Promise<string | undefined> {
    const relative = outputFile(url);
    const file = path.join(outputDir, ...relative.split("/"));
    if (!file.startsWith(outputDir + path.sep)) return undefined;
    if (text === undefined) {
      try {
        await unlink(file);
      } catch {
        return undefined;
      }
      // Folders left empty go too, as a build into an empty folder would not make them.
      for (let dir = path.dirname(file); dir.startsWith(outputDir + path.sep); dir = path.dirname(dir)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
      }
      return relative;
    }
    const existing = await readFile(file, "utf8").catch(() => undefined);
    if (existing === text) return undefined;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return relative;
  }

  /**
   * Pagefind indexes the site again once edits pause. It reads the pages itself, in its own
   * process, so live updates go on meanwhile; one that lands during indexing indexes again.
   */
  #scheduleSearch(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      if (this.#searching) {
        void this.#searching.then(() => this.#scheduleSearch());
        return;
      }
      this.#searching = this.#index().finally(() => {
        this.#searching = undefined;
      });
    }, SEARCH_DELAY_MS);
  }

  async #index(): Promise<void> {
    const live = this.#live;
    const outputDir = this.#outputDir;
    // With no listed note no page is marked for indexing, and Pagefind would index every page.
    if (this.#closed || this.#building || !live || !outputDir || live.garden.listed.length === 0) return;
    const { index, errors } = await pagefind.createIndex({ forceLanguage: indexLanguage(live.garden, this.#o.options.site.language) });
    try {
      if (!index) throw new Error(errors.join("; "));
      const added = await index.addDirectory({ path: outputDir });
      const written = added.errors.length === 0 ? await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") }) : added;
      if (written.errors.length > 0) throw new Error(written.errors.join("; "));
    } catch (error) {
      console.error(`trellis serve: the search index was not updated: ${(error as Error).message}`);
    } finally {
      await pagefind.close();
    }
  }
}
