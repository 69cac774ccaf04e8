/**
 * The one index over a vault: every note file as last read, and the Garden assembled from them.
 * It has one operation, apply(changed files) → the Garden; a build applies every file of the
 * vault to an empty index, `trellis serve` applies each edit, `trellis check` applies every file
 * and renders in memory. The rules live in assembleGarden (garden.ts), which every apply runs
 * on the notes as read, so an edited garden is by construction the garden a build makes.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { MarkdownOptions } from "../read/markdown/parser.ts";
import type { PublishMode } from "../core/options.ts";
import { comparePaths } from "../read/files.ts";
import { assembleWithMemory, type Garden, type GardenParts } from "./garden.ts";
import type { Mount } from "../read/layout.ts";
import type { LinkMemory } from "./links.ts";
import { fileVersion, type Note, type NoteFile } from "../read/note.ts";
import { readNotes } from "../read/scan.ts";
import { loadReadCache, saveReadCache } from "../read/read-cache.ts";
import { VaultReader, type VaultListing } from "../read/vault-reader.ts";
import { SharedStrings } from "../read/shared-strings.ts";

/** Files that changed: each note file as read now, or undefined when it is gone. */
export interface VaultChange {
  files: ReadonlyMap<string, NoteFile | undefined>;
  /** The vault's listing, when files came or went: the truth about which files exist. */
  listing?: VaultListing;
}

export interface GardenIndexOptions {
  contentDir: string;
  /** Folders of attachments read into the vault (layout.ts). */
  mounts?: readonly Mount[] | undefined;
  /** Vault path of the home note named in the settings. */
  home?: string | undefined;
  /** The settings that decide the site's own pages (GardenParts.site). */
  site?: GardenParts["site"];
  /** Every note is published unless it says no (`--publish all`): every canvas and base too. */
  publishAll?: boolean;
}

export class GardenIndex {
  readonly #options: GardenIndexOptions;
  readonly #files = new Map<string, NoteFile>();
  #order: string[] = [];
  #listing: { attachments: readonly string[]; documents: ReadonlyMap<string, string>; diagnostics: readonly Diagnostic[] } = { attachments: [], documents: new Map(), diagnostics: [] };
  #garden: Garden;
  #links: LinkMemory | undefined;

  constructor(options: GardenIndexOptions) {
    this.#options = options;
    this.#garden = this.#assemble();
  }

  get garden(): Garden {
    return this.#garden;
  }

  /** The note file at a vault path, as last read. */
  file(file: string): NoteFile | undefined {
    return this.#files.get(file);
  }

  /** Every note file's vault path, in vault order. */
  files(): readonly string[] {
    return this.#order;
  }

  /** Applies the files as read now; returns the Garden assembled from them. (Outputs compare their keys to know what changed.) */
  apply(change: VaultChange): Garden {
    for (const [file, read] of change.files) {
      // The same text too: git dates or the reader's view may be newer.
      if (read === undefined) this.#files.delete(file);
      else this.#files.set(file, read);
    }
    if (change.listing) {
      const listed = new Set(change.listing.notes);
      for (const file of [...this.#files.keys()]) if (!listed.has(file)) this.#files.delete(file);
      const missing = change.listing.notes.filter((file) => !this.#files.has(file));
      if (missing.length > 0) throw new Error(`Trellis: the listing names note files that were not read: ${missing.slice(0, 3).join(", ")}`);
      this.#listing = { attachments: change.listing.attachments, documents: change.listing.documents, diagnostics: change.listing.diagnostics };
    }
    if (this.#order.length !== this.#files.size || this.#order.some((file) => !this.#files.has(file))) {
      this.#order = [...this.#files.keys()].sort(comparePaths);
    }
    this.#garden = this.#assemble();
    return this.#garden;
  }

  /**
   * What the Garden was last assembled from, without what linking remembered: another thread
   * assembles the same Garden from it (render/body-worker.ts).
   */
  parts(): GardenParts {
    const notes: Note[] = [];
    const diagnostics: Diagnostic[] = [...this.#listing.diagnostics];
    let unpublished = 0;
    for (const file of this.#order) {
      const read = this.#files.get(file);
      if (!read) continue;
      diagnostics.push(...read.diagnostics);
      if (read.note) notes.push(read.note);
      else unpublished++;
    }
    return {
      contentDir: this.#options.contentDir,
      mounts: this.#options.mounts ?? [],
      notes,
      notePaths: this.#order,
      attachments: this.#listing.attachments,
      documents: this.#listing.documents,
      publishAll: this.#options.publishAll === true,
      unpublished,
      diagnostics,
      home: this.#options.home,
      site: this.#options.site,
    };
  }

  #assemble(): Garden {
    const { garden, links } = assembleWithMemory({ ...this.parts(), links: this.#links });
    this.#links = links;
    return garden;
  }
}

export interface IndexVaultOptions {
  contentDir: string;
  /** Folders of attachments read into the vault (layout.ts). */
  mounts?: readonly Mount[] | undefined;
  md: MarkdownIt;
  /** Which notes are published: by flag (the default) or all but those that say no. */
  publish?: PublishMode;
  /** Vault path of the home note, overriding `dg-home`. */
  home?: string | undefined;
  /** How `md` was made: given, a large vault is read by a second thread too (see scan-worker.ts). */
  markdown?: MarkdownOptions;
  /** Notes read by earlier builds (read-cache.ts): `salt` names the settings and code they were read with. */
  cache?: { dir: string; salt: string; read: boolean; write: boolean } | undefined;
  site?: GardenParts["site"];
  /** Threads the scan may use: from two (and `markdown` given), a large vault is read by a second one. */
  threads?: number;
}

/** Notes are read this many at a time to tell which changed. */
const CHECK_CONCURRENCY = 64;
const utf8 = new TextDecoder("utf-8");

/** The files whose text is what the cache read: their reads, as the cache has them. */
async function cachedReads(contentDir: string, files: readonly string[], cached: ReadonlyMap<string, NoteFile>): Promise<Map<string, NoteFile>> {
  const hits = new Map<string, NoteFile>();
  const candidates = files.filter((file) => cached.has(file));
  for (let i = 0; i < candidates.length; i += CHECK_CONCURRENCY) {
    const batch = candidates.slice(i, i + CHECK_CONCURRENCY);
    const texts = await Promise.all(batch.map((file) => readFile(path.join(contentDir, file)).then((bytes) => utf8.decode(bytes), () => undefined)));
    batch.forEach((file, index) => {
      const text = texts[index];
      const read = cached.get(file);
      // The digest readNoteFile gives the same text (invalid bytes decode alike either way).
      if (text !== undefined && read && read.version === fileVersion(text)) hits.set(file, read);
    });
  }
  return hits;
}

/** The vault read into a GardenIndex: every file applied to an empty index. */
export async function indexVault({ contentDir, mounts = [], md, publish = "flag", home, markdown, cache, site, threads = 1 }: IndexVaultOptions): Promise<{ index: GardenIndex; reader: VaultReader }> {
  const reader = new VaultReader(contentDir, md, publish, mounts);
  const listing = await reader.list();
  const known = cache?.read ? await loadReadCache(cache.dir, cache.salt) : { files: new Map<string, NoteFile>() };
  if (known.problem) listing.diagnostics.push(known.problem);
  const hits = await cachedReads(contentDir, listing.notes, known.files);
  const misses = listing.notes.filter((file) => !hits.has(file));
  const reads = new Map(hits);
  (await readNotes(misses, contentDir, md, publish, markdown, threads)).forEach((read, i) => reads.set(misses[i] ?? "", read));
  // Written when it changed: a note read anew, or one that is gone.
  if (cache?.write && (misses.length > 0 || known.files.size !== hits.size)) await saveReadCache(cache.dir, cache.salt, reads);
  const files = new Map<string, NoteFile>();
  const strings = new SharedStrings();
  // In the vault's order, whichever thread read them: the same Garden and messages every time.
  for (const file of listing.notes) {
    const read = reads.get(file);
    if (read) files.set(file, reader.withGitDates(file, strings.note(read)));
  }
  const index = new GardenIndex({ contentDir, mounts, home, site, publishAll: publish === "all" });
  index.apply({ files, listing });
  return { index, reader };
}

/** The Garden of a whole vault. */
export async function scanVault(options: IndexVaultOptions): Promise<Garden> {
  return (await indexVault(options)).index.garden;
}
