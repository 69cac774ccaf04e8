/**
 * The Publisher: the one orchestration of a site, whatever asked for it. `begin(outputDir)` takes
 * the output folder (output-folder.ts), reads the vault into the Garden (through the
 * GardenIndex), settles its problems and makes the build's artefacts; the build's `finish` then
 * writes every output (outputs.ts) through the writer and swaps the site into place;
 * `update(changes)` applies an edit of the vault to the same index and writes the outputs whose
 * key changed. It knows nothing of Eleventy: the adapters (the Eleventy plugin, `trellis serve`)
 * hand it a render engine and an output folder, and read its reports.
 */
import { createHash } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import { GardenError, type Diagnostic } from "../core/diagnostics.ts";
import type { BuildReport } from "./build-report.ts";
import { PageRenderer, type TemplateEnvironment } from "../render/page-renderer.ts";
import { siteData, type SiteData } from "../render/site-data.ts";
import { readSearchRecord, SearchIndexer, writeSearchRecord, type PreviousIndex } from "./search-index.ts";
import { searchLanguages } from "../garden/search-languages.ts";
import { hasErrors, type Garden } from "../garden/garden.ts";
import { indexVault, type GardenIndex, type VaultChange } from "../garden/garden-index.ts";
import type { Mount } from "../read/layout.ts";
import type { NoteFile } from "../read/note.ts";
import { nextUrlHistory, readUrlHistory, writeUrlHistory, type UrlHistory } from "../garden/redirects.ts";
import type { VaultListing, VaultReader } from "../read/vault-reader.ts";
import { createMarkdown } from "../render/markdown/create.ts";
import type { SiteOptions, TrellisOptions } from "../core/options.ts";
import { reviewDiagnostics, uniqueDiagnostics } from "../core/review.ts";
import { makeArtefacts, type ArtefactsMade } from "./artefacts.ts";
import { BodyCache, codeDigest, outputDigest } from "../render/body-cache.ts";
import { BodyWorker } from "../render/body-pool.ts";
import { emitAll, emitChanges, type Emitted } from "./emit.ts";
import { checkOutputs, siteOutputs, type Output } from "./outputs.ts";
import { siteAssets } from "./site-assets.ts";
import { OutputFolder, OutputFolderError, searchStaging, type WritingSites } from "./output-folder.ts";
import { digest, OutputWriter, readManifest } from "./writer.ts";
import { readRenderedProblems, writeRenderedProblems } from "./rendered-problems.ts";

/**
 * Gardens from this many notes render bodies on a second thread too, up to WORKER_UP_TO, when
 * the build may use WORKER_THREADS threads (#bodyWorker).
 */
const WORKER_FROM = 300;
const WORKER_UP_TO = 20_000;
const WORKER_THREADS = 4;

export interface PublisherOptions {
  options: TrellisOptions;
  /** The notes folder and the folders read into the vault with it (layout.ts). */
  contentDir: string;
  mounts: readonly Mount[];
  /** The folder the paths of `site.custom` are relative to: the config file's, else the project's. */
  projectRoot: string;
  /** The folder of caches kept across builds (`.cache/trellis` of the project); each vault has its own inside. */
  cacheRoot: string;
  /** Trellis's own folder: its code's digest keys the caches. */
  packageRoot: string;
  /** `trellis check`: read and render everything in memory, write nothing, optimise no image. */
  check?: boolean;
  /** `trellis serve`: keep what the last build wrote, so that edits update it (update). */
  live?: boolean;
  /** Replace an output folder of files Trellis did not write. */
  force?: boolean;
  /** Use nothing earlier builds left but optimised images and social cards (`trellis build --fresh`). */
  fresh?: boolean;
  /** Threads a build may use (`TRELLIS_THREADS`); the machine's cores when absent. */
  threads?: number | undefined;
  /** The command's way to stop the sites being written when it is stopped. */
  stops?: WritingSites;
  /** The layouts' engine, once the host has loaded it. */
  templates: () => TemplateEnvironment | undefined;
  /** What the host does to every HTML page after its layout (the base path, when the site has one). */
  transformHtml: (html: string, url: string) => Promise<string>;
  /** Shows the progress of long work, labelled. */
  progress?: (label: string) => ((done: number, total: number) => void) | undefined;
}

/**
 * `trellis serve`'s session, as a build sees it: edits wait while the host builds the site, and
 * are applied (update) once it has.
 */
export interface LiveSite {
  /** Before each build; resolves once no edit is being applied. */
  beforeBuild(publisher: Publisher): Promise<void>;
  /** After a build that wrote the site. */
  afterBuild(): void;
}

/** A build under way: its Garden read, its artefacts made, its pages not yet written. */
export interface PublishRun {
  garden: Garden;
  /**
   * Writes every output, and swaps the site into place; `hostFiles` are the files the host
   * writes in the output folder itself, which no output may take. Ends the run.
   */
  finish(hostFiles: readonly string[]): Promise<BuildReport>;
  /** Ends a run that will not be finished (the host's build failed). */
  cancel(): Promise<void>;
}

/** The outcome of an edit (update). */
export type UpdateResult =
  | { kind: "updated"; files: string[]; searchPending: boolean; diagnostics: Diagnostic[]; garden: Garden }
  | { kind: "failed"; diagnostics: Diagnostic[]; garden: Garden }
  /** Only a build of the whole site can bring it up to date (no build wrote it, or a listing moved). */
  | { kind: "rebuild" };

/** The site a build replaces: its folder, its manifest's files, its pages' problems, and its search index when it can be taken over. */
interface PreviousSite {
  folder: string;
  files: ReadonlyMap<string, string>;
  problems: ReadonlyMap<string, Diagnostic[]>;
  index: PreviousIndex | undefined;
}

/** What the last build wrote, kept up to date by each edit (`trellis serve`). */
interface Written {
  writer: OutputWriter;
  made: ArtefactsMade;
  /** Each output's key, in the order a build makes them. */
  keys: Map<string, string>;
  /** Problems rendering found, by output file. */
  rendered: Map<string, Diagnostic[]>;
  searchDocuments: Map<string, string>;
  /** The site's settings as the build had them, with the author's files found. */
  site: SiteOptions;
  /** The site's own files (site-assets.ts), as the build found them. */
  assets: readonly Output[];
}

/**
 * Each vault has a cache of its own (images, rendered bodies, the history of addresses): the
 * history of one vault must never give another its redirects.
 */
function vaultCache(root: string, contentDir: string): string {
  const name = path.basename(contentDir).replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 40) || "vault";
  return path.join(root, `${name}-${createHash("sha256").update(contentDir).digest("hex").slice(0, 10)}`);
}

export class Publisher {
  readonly #o: PublisherOptions;
  readonly #md: MarkdownIt;
  readonly #cacheDir: string;
  #code: Promise<string> | undefined;
  #salt: Promise<string> | undefined;
  #bodies: Promise<BodyCache> | undefined;
  #index: GardenIndex | undefined;
  #reader: VaultReader | undefined;
  #history: UrlHistory = { notes: {} };
  #written: Written | undefined;
  /** The output folder a live Publisher keeps locked between builds. */
  #folder: OutputFolder | undefined;

  constructor(options: PublisherOptions) {
    this.#o = options;
    this.#md = createMarkdown(this.#markdownOptions());
    this.#cacheDir = vaultCache(path.resolve(options.cacheRoot), options.contentDir);
  }

  get options(): TrellisOptions {
    return this.#o.options;
  }

  get cacheDir(): string {
    return this.#cacheDir;
  }

  #markdownOptions() {
    const { options } = this.#o;
    return { trustHtml: options.trustHtml, typographer: options.site.language };
  }

  /** Notes as read and rendered bodies are kept for the settings and the code that made them. */
  #cacheSalt(): Promise<string> {
    const { options, packageRoot } = this.#o;
    return (this.#salt ??= this.#codeDigest().then((code) =>
      JSON.stringify({ code, trustHtml: options.trustHtml, publish: options.publish, language: options.site.language, noteIcon: options.site.noteIcon ?? null }),
    ));
  }

  #codeDigest(): Promise<string> {
    return (this.#code ??= codeDigest(this.#o.packageRoot));
  }

  /**
   * The site this build replaces, for its unchanged files to be taken over: only a site written
   * with the same code, layouts and settings (`salt`), and, when the site has search, whose index
   * the cache's record describes (a page taken over must be indexed as it was).
   */
  async #previousSite(target: string, salt: string, search: boolean): Promise<PreviousSite | undefined> {
    if (this.#o.fresh || this.#o.live) return undefined;
    const manifest = await readManifest(target);
    if (!manifest || manifest.salt !== salt) return undefined;
    // A page taken over reports the problems its rendering found: without their record, every page is rendered.
    const problems = await readRenderedProblems(this.#cacheDir, manifest.digest);
    if (!problems) return undefined;
    if (!search) return { folder: target, files: manifest.files, problems, index: undefined };
    const record = await readSearchRecord(this.#cacheDir, salt);
    const entry = manifest.files.get("pagefind/pagefind-entry.json");
    if (!record || (record.bundles.length === 0 ? entry !== undefined : entry !== digest(record.key))) return undefined;
    const files = [...manifest.files.keys()].filter((file) => file.startsWith("pagefind/")).map((file) => file.slice("pagefind/".length));
    return { folder: target, files: manifest.files, problems, index: { record, folder: path.join(target, "pagefind"), files } };
  }

  #bodyCache(): Promise<BodyCache> {
    return (this.#bodies ??= this.#cacheSalt().then((key) => new BodyCache(this.#cacheDir, key, { read: !this.#o.fresh })));
  }

  /** The vault read into the index, once for the life of a live Publisher. `trellis check` reads the cache but never writes it. */
  async #readVault(): Promise<GardenIndex> {
    if (this.#index && this.#o.live) return this.#index;
    const { options, contentDir, mounts } = this.#o;
    const { index, reader } = await indexVault({
      contentDir,
      mounts,
      md: this.#md,
      markdown: this.#markdownOptions(),
      publish: options.publish,
      home: options.home,
      site: options.site,
      cache: { dir: this.#cacheDir, salt: await this.#cacheSalt(), read: !this.#o.fresh, write: !this.#o.check },
      threads: this.#threads,
    });
    this.#index = index;
    this.#reader = reader;
    return index;
  }

  /**
   * Takes the output folder (outputDir: locked, a staging folder beside it), reads the vault and
   * makes the build's artefacts; a garden with errors stops here (but for `trellis check`, which
   * lists everything and writes nothing).
   */
  async begin(outputDir: string): Promise<PublishRun> {
    const { check = false, options, packageRoot, projectRoot, contentDir } = this.#o;
    const folder = check ? undefined : await this.#openFolder(outputDir);
    let search: SearchIndexer | undefined;
    let worker: BodyWorker | undefined;
    // A build that fails or is stopped ends its indexer and leaves the previous site as it was;
    // a stopped build whose new site is being swapped in lets the swap finish.
    const stop = async () => {
      await worker?.stop();
      await search?.cancel();
      folder?.discard();
      if (!this.#o.live) folder?.release();
    };
    const stopping = this.#o.stops?.add(async () => {
      const swapping = folder?.swapping;
      const written = swapping ? await swapping.then(() => true, () => false) : (await stop(), false);
      folder?.release();
      return written;
    });
    try {
      const assets = await siteAssets(options, { packageRoot, root: projectRoot, vault: contentDir });
      const site: SiteOptions = { ...options.site, look: assets.look };
      const index = await this.#readVault();
      const garden = index.garden;
      const diagnostics = reviewDiagnostics(garden.diagnostics, this.#o.options);
      if (hasErrors(diagnostics) && !check) throw new GardenError(diagnostics);
      // Started now, it loads while the images are made.
      worker = this.#bodyWorker(index);
      const { history, problem } = await readUrlHistory(this.#cacheDir);
      if (problem) diagnostics.push(problem);
      const made = await makeArtefacts(garden, { site, cacheDir: this.#cacheDir, history, images: !check, onProgress: this.#o.progress?.("Optimising images") });
      diagnostics.push(...made.diagnostics);
      const salt = await outputDigest(packageRoot, await this.#codeDigest(), { options, site });
      const previous = folder ? await this.#previousSite(folder.target, salt, site.features.search) : undefined;
      search = site.features.search && folder ? await SearchIndexer.start(searchLanguages(garden, site.language), path.join(folder.staging, "pagefind"), previous?.index) : undefined;
      let ended = false;
      const end = () => {
        if (ended) return false;
        ended = true;
        return true;
      };
      return {
        garden,
        finish: async (hostFiles) => {
          if (!end()) throw new Error("Trellis: a build was finished twice");
          const built = { garden, made, search, worker, diagnostics, history, site, assets: assets.outputs, salt, previous };
          try {
            return await this.#finish(built, folder, outputDir, hostFiles);
          } catch (error) {
            await stop();
            throw error;
          } finally {
            stopping?.();
          }
        },
        cancel: async () => {
          if (!end()) return;
          stopping?.();
          await stop();
        },
      };
    } catch (error) {
      stopping?.();
      await stop();
      throw error;
    }
  }

  /** The output folder: locked and staged for a build; a live Publisher keeps it locked between builds. */
  async #openFolder(outputDir: string): Promise<OutputFolder> {
    if (this.#folder && this.#folder.target !== path.resolve(outputDir)) this.#folder.release();
    const folder = await OutputFolder.open(outputDir, { force: this.#o.force === true });
    if (this.#o.live) this.#folder = folder;
    return folder;
  }

  async #finish(
    run: {
      garden: Garden;
      made: ArtefactsMade;
      search: SearchIndexer | undefined;
      worker: BodyWorker | undefined;
      diagnostics: Diagnostic[];
      history: UrlHistory;
      site: SiteOptions;
      assets: readonly Output[];
      /** What no output's key holds (outputDigest), written into the manifest. */
      salt: string;
      previous: PreviousSite | undefined;
    },
    folder: OutputFolder | undefined,
    outputDir: string,
    hostFiles: readonly string[],
  ): Promise<BuildReport> {
    const { garden, made, search, worker, diagnostics, history, site, assets, salt, previous } = run;
    // The garden's folder is replaced whole: a page the host wrote there would be lost.
    if (folder && hostFiles.length > 0) {
      throw new OutputFolderError(`the host site writes ${hostFiles.slice(0, 3).join(", ")}${hostFiles.length > 3 ? "…" : ""} inside the garden's folder ${outputDir}, which each build of the garden replaces; give those pages addresses outside ${this.#o.options.mount}`);
    }
    // What the layouts read, made once for the outputs' keys and the pages alike.
    const data = siteData(garden, made.artefacts, site);
    const outputs = [...siteOutputs(garden, made.artefacts, data), ...assets];
    try {
      checkOutputs(outputs, hostFiles);
    } catch (error) {
      if (!(!folder && error instanceof GardenError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
    const writer = new OutputWriter(folder?.staging ?? outputDir, { dryRun: !folder, salt });
    const bodies = folder ? await this.#bodyCache() : undefined;
    const renderer = this.#renderer(garden, made, data, bodies, worker?.artefacts(made.artefacts.images, site) ? worker : undefined);
    const emitted = await emitAll(outputs, renderer, writer, { search, live: this.#o.live === true, previous, onProgress: this.#o.progress?.("Writing pages") }).finally(() => worker?.stop());
    diagnostics.push(...uniqueDiagnostics([...emitted.diagnostics.values()].flat()));
    if (folder) {
      // Pagefind writes its index in its own process while this one finishes the rest.
      const indexing = search?.write();
      // Awaited below; a failure meanwhile (Pagefind died) must wait there, not end the process.
      indexing?.catch(() => undefined);
      if (bodies) {
        await bodies.prune();
        diagnostics.push(...bodies.problems.splice(0));
      }
      await writeUrlHistory(this.#cacheDir, nextUrlHistory(garden, history));
      await indexing;
      if (search) {
        await writer.adopt("pagefind", search.key);
        if (!this.#o.live) await writeSearchRecord(this.#cacheDir, salt, search.record());
      }
      await writer.writeManifest();
      const manifest = writer.manifestDigest;
      if (manifest && !this.#o.live) await writeRenderedProblems(this.#cacheDir, manifest, emitted.diagnostics);
      await folder.commit({ keepLock: this.#o.live === true });
    }
    if (this.#o.live) await this.#keep({ made, emitted, writer: new OutputWriter(outputDir, { manifest: writer.manifest, salt }), site, assets });
    return {
      stats: garden.stats,
      diagnostics: uniqueDiagnostics(diagnostics),
      notes: garden.notes.map((note) => ({ path: note.path, url: note.url, title: note.title, hidden: note.hidden, home: note.home })),
      attachments: [...garden.attachments].map(([file, url]) => ({ path: file, url })),
      files: [...hostFiles, ...outputs.map((output) => output.file)],
      ...(folder ? { work: { ...emitted.work, indexed: search?.work.indexed ?? 0, bundlesTakenOver: search?.work.takenOver ?? 0 } } : {}),
    };
  }

  /** Lets the output folder go (`trellis serve` ends). */
  close(): void {
    this.#folder?.release();
  }

  #renderer(garden: Garden, made: ArtefactsMade, data: SiteData, bodies: BodyCache | undefined, worker?: BodyWorker): PageRenderer {
    const env = this.#o.templates();
    if (!env) throw new Error("Trellis: the layouts were not loaded by this build");
    return new PageRenderer({ md: this.#md, data, env, transformHtml: this.#o.transformHtml, garden, artefacts: made.artefacts, bodies, worker });
  }

  get #threads(): number {
    return this.#o.threads ?? availableParallelism();
  }

  /**
   * A second thread for the notes' bodies (body-pool.ts), for a build of a garden large enough to
   * gain from it. Only with four threads or more: on two, the worker, this thread and Pagefind's
   * process share two cores and the build is slower (docs/performance.md). Not above
   * WORKER_UP_TO notes: the worker holds a second Garden, and the largest gardens must stay
   * within their memory budget.
   */
  #bodyWorker(index: GardenIndex): BodyWorker | undefined {
    const notes = index.garden.notes.length;
    if (this.#o.check || this.#o.live || notes < WORKER_FROM || notes > WORKER_UP_TO || this.#threads < WORKER_THREADS) return undefined;
    return BodyWorker.start({ parts: index.parts(), markdown: this.#markdownOptions() });
  }

  /** After a build, what it wrote is this Publisher's to keep up to date. */
  async #keep(site: { made: ArtefactsMade; emitted: Emitted; writer: OutputWriter; site: SiteOptions; assets: readonly Output[] }): Promise<void> {
    this.#history = (await readUrlHistory(this.#cacheDir)).history;
    this.#written = {
      writer: site.writer,
      made: site.made,
      keys: site.emitted.keys,
      rendered: site.emitted.diagnostics,
      searchDocuments: site.emitted.searchDocuments,
      site: site.site,
      assets: site.assets,
    };
  }

  /** Whether the note at a vault path reads as the garden holds it (serve looks again at notes saved in quick succession). */
  async isCurrent(file: string): Promise<boolean> {
    const index = this.#index;
    const reader = this.#reader;
    if (!index || !reader) return true;
    return (await reader.read(file))?.version === index.file(file)?.version;
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

  /**
   * Applies an edit of the vault: `events` are the vault paths changed and what they are,
   * `touched` the attachments changed on disk since they were last copied. Writes the outputs
   * whose key changed and removes those that are gone; with errors, writes nothing.
   */
  async update(events: ReadonlyMap<string, "note" | "other">, touched: ReadonlySet<string>): Promise<UpdateResult & { read: Array<{ file: string; version: string | undefined }> }> {
    const index = this.#index;
    const reader = this.#reader;
    if (!index || !reader) return { kind: "rebuild", read: [] };
    const { options } = this.#o;
    const change = await this.#read(index, reader, events);
    const read = [...new Set([...events.keys(), ...change.files.keys()])].sort().map((file) => ({ file, version: change.files.get(file)?.version }));
    const garden = index.apply(change);
    const diagnostics = reviewDiagnostics(garden.diagnostics, options);
    // With errors, a build would stop: nothing is written until the next good edit.
    if (hasErrors(diagnostics)) return { kind: "failed", diagnostics, garden, read };
    const site = this.#written;
    // No build wrote the site (the last one failed): only a build can say what is on disk.
    if (!site) return { kind: "rebuild", read };

    const stale = new Set([...touched].flatMap((file) => garden.attachments.get(file) ?? []));
    const made = await makeArtefacts(garden, { site: site.site, cacheDir: this.#cacheDir, history: this.#history }, site.made, stale);
    const data = siteData(garden, made.artefacts, site.site);
    const outputs = [...siteOutputs(garden, made.artefacts, data), ...site.assets];
    try {
      checkOutputs(outputs, []);
    } catch (error) {
      if (error instanceof GardenError) return { kind: "failed", diagnostics: [...diagnostics, ...error.diagnostics], garden, read };
      throw error;
    }
    const renderer = this.#renderer(garden, made, data, await this.#bodyCache());
    const force = new Set([...touched].flatMap((file) => garden.attachments.get(file)?.replace(/^\/+/, "") ?? []));
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
    // The folder holds what the writer wrote and nothing else: a file dropped in goes.
    changes.files.push(...(await site.writer.sweep()));
    await site.writer.writeManifest();
    const all = uniqueDiagnostics([...diagnostics, ...made.diagnostics, ...[...keys.keys()].flatMap((file) => site.rendered.get(file) ?? [])]);
    return { kind: "updated", files: changes.files, searchPending: searchChanged && site.site.features.search, diagnostics: all, garden, read };
  }

  /**
   * The search index made again from the pages' search documents, in the order a build gives
   * them to Pagefind: the same index a build writes. Made beside the output folder; what it returns
   * puts it in place (through the writer, with no edit being written meanwhile) and says how many
   * pages it holds (undefined when a build replaced the site since), or undefined when there is no site to index.
   */
  async reindex(): Promise<{ install(): Promise<number | undefined>; discard(): Promise<void> } | undefined> {
    const site = this.#written;
    const index = this.#index;
    if (!site || !index) return undefined;
    const next = searchStaging(site.writer.outputDir);
    const documents = [...site.keys.keys()].flatMap((file) => {
      const document = site.searchDocuments.get(file);
      return document !== undefined && document.includes("data-pagefind-body") ? [{ file, document }] : [];
    });
    try {
      // With no listed note a build writes no index: neither does this (write leaves no folder).
      const search = await SearchIndexer.start(searchLanguages(index.garden, this.#o.options.site.language), next);
      for (const { file, document } of documents) await search.add(file, document);
      await search.write();
      const discard = () => rm(next, { recursive: true, force: true });
      const install = async () => {
        try {
          // A build since (Eleventy's, in `trellis serve`) wrote the site and its own index: this one is older.
          if (this.#written !== site) return undefined;
          const folder = path.join(site.writer.outputDir, "pagefind");
          const old = `${next}-old`;
          await renameIfThere(folder, old);
          await renameIfThere(next, folder);
          await rm(old, { recursive: true, force: true });
          await site.writer.adopt("pagefind", search.key);
          await site.writer.writeManifest();
          return documents.length;
        } finally {
          await discard();
        }
      };
      return { install, discard };
    } catch (error) {
      await rm(next, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }
}

async function renameIfThere(from: string, to: string): Promise<void> {
  await rename(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}
