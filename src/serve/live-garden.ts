/**
 * The Garden of `trellis serve`, kept up to date one edit at a time. A build assembles the
 * Garden from every note (src/garden/garden.ts); here a change to a few note files re-links
 * only the notes whose links can resolve differently and patches the indexes, then says which
 * pages may look different. The result is the Garden a build would assemble from the same
 * files: test/unit/live-garden.test.ts compares the two after every kind of edit.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { buildExplorer, gardenPath, type ExplorerFolder } from "../garden/explorer.ts";
import { comparePaths, NOTE_EXTENSION } from "../garden/files.ts";
import { textField } from "../garden/fields.ts";
import { byRecency, type Garden } from "../garden/garden.ts";
import { attachmentUrl, linkNote, resolveTarget, type Backlink } from "../garden/links.ts";
import type { Note } from "../garden/note.ts";
import { normalizePermalink, slugFromPath } from "../garden/permalink.ts";
import type { Reference } from "../garden/references.ts";
import { LinkResolver, type Resolution } from "../garden/resolver.ts";
import { buildTagIndex, tagKey, tagPageUrls, type Tag } from "../garden/tags.ts";
import type { NoteFile } from "./vault.ts";

/** What a change did: the site paths of pages that may look different now, or be gone. */
export interface GardenChange {
  pages: Set<string>;
  /** Attachments that published notes use now and did not use before (or at another URL). */
  newAttachments: string[];
  /** Site paths of attachments no published note uses any more (or that moved). */
  goneAttachments: string[];
  /** The notes whose own text changed, to report their problems. */
  files: string[];
  /** A note came, went, or changed its address or old addresses: redirects may change. */
  addresses: boolean;
}

/** How one published note's references resolved. */
interface NoteLinkState {
  /** Per reference, in order: `n:<path>`, `a:<path>`, `p:<url>`, `self` or `dead`. */
  resolved: string[];
  /** Notes it links to or embeds, each once in order of first mention, with that mention's paragraph. */
  targets: Map<string, string>;
  /** Notes it transcludes. */
  embeds: string[];
  attachments: string[];
  deadLinks: number;
  diagnostics: Diagnostic[];
  /** The lookup keys of its references, to find it again when a name changes. */
  keys: string[];
}

function key(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/** Hosts and file systems that ignore case would merge these URLs into one page (as assembleGarden). */
const urlKeys = new WeakMap<Note, string>();
function urlKey(note: Note): string {
  let k = urlKeys.get(note);
  if (k === undefined) {
    k = note.url.normalize("NFC").toLowerCase();
    urlKeys.set(note, k);
  }
  return k;
}

function hasExplicitPermalink(note: Note): boolean {
  return ["dg-permalink", "permalink"].some((name) => typeof note.data[name] === "string" && (note.data[name] as string).trim() !== "");
}

/** The address a note has when it is not the home page (as scan.ts computes it). */
function addressOf(note: Note): string | undefined {
  for (const name of ["dg-permalink", "permalink"]) {
    const raw = note.data[name];
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) continue;
    const result = normalizePermalink(raw);
    return result.ok ? result.url : undefined;
  }
  return slugFromPath(textField(note.data, "dg-path") ?? note.path);
}

/** Keys under which the resolver can find what a reference names. */
function referenceKeys(reference: Reference, byUrlKey: (linkpath: string) => string | undefined): string[] {
  const wanted = reference.linkpath.trim().replace(/^\.\//, "");
  if (wanted === "") return [];
  const keys = [key(wanted), key(path.posix.basename(wanted))];
  const url = byUrlKey(reference.linkpath);
  if (url !== undefined) keys.push(`url:${url}`);
  return keys;
}

/** The site path a `/…` link names, as resolveTarget looks it up. */
function linkedUrl(linkpath: string): string | undefined {
  if (!linkpath.startsWith("/") || /\.(md|markdown)$/i.test(linkpath)) return undefined;
  return linkpath.endsWith("/") || path.posix.extname(linkpath) !== "" ? linkpath : `${linkpath}/`;
}

/** Keys under which the resolver files a vault file (and, for a published note, its title and aliases). */
function entryKeys(file: string, note: Note | undefined): string[] {
  const keys = [key(path.posix.basename(file))];
  if (NOTE_EXTENSION.test(file)) keys.push(key(path.posix.basename(file.replace(NOTE_EXTENSION, ""))), key(file.replace(NOTE_EXTENSION, "")));
  if (note) keys.push(key(note.title), ...note.aliases.map(key), `url:${note.url}`);
  return keys;
}

/** The names a LinkResolver files a vault file under: its file name, its name without extension, a note's title and aliases. */
function entryNames(file: string, note: Note | undefined): string[] {
  const names = [key(path.posix.basename(file))];
  if (NOTE_EXTENSION.test(file)) names.push(key(path.posix.basename(file.replace(NOTE_EXTENSION, ""))));
  if (note) names.push(key(note.title), ...note.aliases.map(key));
  return [...new Set(names)];
}

/**
 * The names a lookup of `linkpath` consults: what LinkResolver.resolve finds, by path, by file
 * name or by alias, is always filed under one of these (see entryNames).
 */
function lookupNames(linkpath: string, from: string): string[] {
  const wanted = linkpath.trim().replace(/^\.\//, "");
  if (wanted === "") return [];
  const folder = path.posix.dirname(from);
  const fromRoot = path.posix.normalize(wanted.replace(/^\/+/, ""));
  const relative = path.posix.normalize(path.posix.join(folder === "." ? "" : folder, wanted));
  return [...new Set([wanted, path.posix.basename(wanted), path.posix.basename(fromRoot), path.posix.basename(relative)].map(key))];
}

/**
 * Answers as a LinkResolver built from today's files would, with today's Note objects. The
 * resolver built from every file is kept across edits; a link whose names changed since (a
 * note came or went, took a new title or alias) is answered by a LinkResolver made from just
 * the files filed under those names, which is all a lookup of them ever considers.
 */
class CurrentNotesResolver extends LinkResolver {
  readonly #inner: LinkResolver;
  readonly #current: ReadonlyMap<string, Note>;
  readonly #changedNames: ReadonlySet<string>;
  readonly #filesNamed: (names: readonly string[]) => ConstructorParameters<typeof LinkResolver>[0];

  constructor(inner: LinkResolver, current: ReadonlyMap<string, Note>, changedNames: ReadonlySet<string>, filesNamed: (names: readonly string[]) => ConstructorParameters<typeof LinkResolver>[0]) {
    super({ notes: [], privateNotes: [], attachments: [] });
    this.#inner = inner;
    this.#current = current;
    this.#changedNames = changedNames;
    this.#filesNamed = filesNamed;
  }

  override resolve(linkpath: string, from: string): Resolution {
    const names = this.#changedNames.size > 0 ? lookupNames(linkpath, from) : [];
    const resolver = names.some((name) => this.#changedNames.has(name)) ? new LinkResolver(this.#filesNamed(names)) : this.#inner;
    const resolution = resolver.resolve(linkpath, from);
    if (resolution.target.kind !== "note") return resolution;
    const note = this.#current.get(resolution.target.note.path);
    return note ? { ...resolution, target: { kind: "note", note } } : { target: { kind: "dead" } };
  }
}

/** Past this many changed names, the resolver of every file is built again. */
const CHANGED_NAMES_LIMIT = 500;

function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameTargets(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  const left = [...a];
  const right = [...b];
  return left.every(([target, context], index) => right[index]?.[0] === target && right[index]?.[1] === context);
}

function dateKey(note: Note): string {
  return `${note.created?.getTime() ?? ""}/${note.updated?.getTime() ?? ""}`;
}

/** What a list item, tag page entry or sitemap line shows of a note. */
function listedFacts(note: Note): string {
  return JSON.stringify([note.title, note.url, note.description ?? "", dateKey(note)]);
}

/** Listed notes' order: most recent first, then path order, as a stable sort of the path-ordered notes gives. */
function listedOrder(a: Note, b: Note): number {
  return byRecency(a, b) || comparePaths(a.path, b.path);
}

function addTo<K, V>(map: Map<K, Set<V>>, k: K, value: V): void {
  const set = map.get(k);
  if (set) set.add(value);
  else map.set(k, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, value: V): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(k);
}

/** Folder path → the URL of its folder note, for breadcrumbs. */
function folderUrls(root: ExplorerFolder): Map<string, string | undefined> {
  const urls = new Map<string, string | undefined>();
  const walk = (folder: ExplorerFolder, at: string) => {
    for (const child of folder.folders) {
      const where = at === "" ? child.name : `${at}/${child.name}`;
      urls.set(where, child.url);
      walk(child, where);
    }
  };
  walk(root, "");
  return urls;
}

export interface LiveGardenInput {
  contentDir: string;
  /** Vault path of the home note from the site settings. */
  home?: string;
  files: Map<string, NoteFile>;
  attachments: string[];
  /** Warnings about the vault as a whole. */
  vaultDiagnostics: Diagnostic[];
}

const INDEX_NOTE = /^index\.(md|markdown)$/i;

/** Where `file` is in the sorted list, or where it would go. */
function lowerBound(list: readonly string[], file: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (comparePaths(list[middle] as string, file) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(list: string[], file: string): void {
  const index = lowerBound(list, file);
  if (list[index] !== file) list.splice(index, 0, file);
}

function removeSorted(list: string[], file: string): void {
  const index = indexOfSorted(list, file);
  if (index !== -1) list.splice(index, 1);
}

function indexOfSorted(list: readonly string[], file: string): number {
  const index = lowerBound(list, file);
  return list[index] === file ? index : -1;
}

export class LiveGarden {
  readonly garden: Garden;
  readonly #home: string | undefined;
  readonly #files: Map<string, NoteFile>;
  /** Every note file, published or not, in path order. */
  readonly #paths: string[];
  #attachments: string[];
  #attachmentSet: Set<string>;
  #vaultDiagnostics: Diagnostic[];
  /** Files whose reading found an error. */
  readonly #failedFiles = new Set<string>();
  #unpublished = 0;
  /** Published notes as the home rule leaves them (a changed copy of the note as read, or the note). */
  readonly #effective = new Map<string, Note>();
  /** Notes with `dg-home`, and top-level index notes: the candidates of the home rule. */
  readonly #homeFlagged = new Set<string>();
  readonly #indexFiles: string[] = [];
  /** Paths the home rule changed last time. */
  #adjusted = new Set<string>();
  /** URL key → notes claiming it, in path order: the first has the page. */
  readonly #claims = new Map<string, string[]>();
  /** The published notes that have a page, by vault path. */
  readonly #kept = new Map<string, Note>();
  /** Notes not published because another note has their address. */
  readonly #duplicates = new Map<string, Diagnostic>();
  #homeProblem: Diagnostic | undefined;
  readonly #links = new Map<string, NoteLinkState>();
  #deadLinks = 0;
  /** Reference lookup key → notes with a reference under that key. */
  readonly #byKey = new Map<string, Set<string>>();
  /** Note → notes whose links or embeds resolve to it. */
  readonly #linkers = new Map<string, Set<string>>();
  /** Note → notes that transclude it. */
  readonly #embedders = new Map<string, Set<string>>();
  /** Attachment → notes that use it. */
  readonly #users = new Map<string, Set<string>>();
  /** Tag (as written on a note) → notes with that tag, hidden ones too. */
  readonly #tagged = new Map<string, Set<string>>();
  #baseResolver: LinkResolver;
  /** Vault file name, title or alias → the files filed under it, as LinkResolver files them. */
  readonly #named = new Map<string, Set<string>>();
  readonly #namesOf = new Map<string, string[]>();
  /** Names whose files changed since #baseResolver was built. */
  readonly #changedNames = new Set<string>();
  // The Garden's collections, which it exposes read-only.
  readonly #notes: Note[] = [];
  readonly #listed: Note[];
  readonly #byUrl = new Map<string, Note>();
  readonly #backlinks = new Map<Note, Backlink[]>();
  readonly #outgoing = new Map<Note, Note[]>();

  constructor(input: LiveGardenInput) {
    this.#home = input.home;
    this.#files = new Map();
    this.#paths = [];
    this.#attachments = [...input.attachments].sort(comparePaths);
    this.#attachmentSet = new Set(this.#attachments);
    this.#vaultDiagnostics = input.vaultDiagnostics;
    for (const file of [...input.files.keys()].sort(comparePaths)) this.#setFile(file, input.files.get(file));
    this.#choosePages(new Set(this.#paths));
    for (const file of this.#paths) {
      const note = this.#kept.get(file);
      if (note) {
        this.#notes.push(note);
        this.#byUrl.set(note.url, note);
      }
    }
    for (const file of [...this.#paths, ...this.#attachments]) this.#refile(file);
    this.#baseResolver = this.#buildResolver();
    this.#changedNames.clear();
    this.#listed = this.#notes.filter((note) => !note.hidden).sort(byRecency);
    this.garden = {
      contentDir: input.contentDir,
      notes: this.#notes,
      listed: this.#listed,
      byUrl: this.#byUrl,
      resolver: this.#resolver(),
      backlinks: this.#backlinks,
      outgoing: this.#outgoing,
      attachments: new Map(),
      tags: buildTagIndex(this.#listed),
      explorer: buildExplorer(this.#listed),
      // What a build adds before rendering (images, redirects, social cards) comes from the last build: see LiveSession.built.
      images: new Map(),
      redirects: [],
      cards: new Map(),
      stats: { found: 0, published: 0, hidden: 0, unpublished: 0, deadLinks: 0 },
      diagnostics: [],
    } as Garden;
    const home = this.#notes.find((note) => note.home);
    if (home) this.garden.home = home;
    for (const note of this.#notes) this.#link(note);
    for (const note of this.#notes) this.#index(note);
    for (const note of this.#notes) this.#backlinksOf(note.path);
    for (const note of this.#notes) this.#outgoingOf(note.path);
    this.#assignAttachments();
    this.#refresh();
  }

  /** Every problem a build would report about these files, before rendering. */
  diagnostics(): Diagnostic[] {
    const list = [...this.#vaultDiagnostics];
    for (const file of this.#paths) list.push(...(this.#files.get(file)?.diagnostics ?? []));
    if (this.#homeProblem) list.push(this.#homeProblem);
    list.push(...[...this.#duplicates].sort(([a], [b]) => comparePaths(a, b)).map(([, diagnostic]) => diagnostic));
    for (const note of this.#notes) list.push(...(this.#links.get(note.path)?.diagnostics ?? []));
    return list;
  }

  /** The published note at a vault path, if it has a page. */
  note(file: string): Note | undefined {
    return this.#kept.get(file);
  }

  /** A note file as last read. */
  file(file: string): NoteFile | undefined {
    return this.#files.get(file);
  }

  /** Every note file, in path order. */
  files(): readonly string[] {
    return [...this.#paths];
  }

  /** Whether a build would stop on these files, with `strict` turning dead links into errors. */
  hasErrors(strict: boolean): boolean {
    return this.#failedFiles.size > 0 || this.#duplicates.size > 0 || this.#homeProblem !== undefined || (strict && this.#deadLinks > 0) || this.#vaultDiagnostics.some((d) => d.severity === "error");
  }

  /** Site paths of the notes that use an attachment. */
  usersOf(file: string): string[] {
    return [...(this.#users.get(file) ?? [])].flatMap((user) => this.#kept.get(user)?.url ?? []);
  }

  /**
   * Applies changed note files (undefined: deleted) and, when the vault's list of files changed,
   * its attachments; returns what it changed.
   */
  update(changed: Map<string, NoteFile | undefined>, listing?: { attachments: string[]; diagnostics: Diagnostic[] }): GardenChange {
    const pages = new Set<string>();
    const oldTags = this.garden.tags;
    const oldExplorer = this.garden.explorer;
    const oldRecent = this.#recent();

    // 1. The files themselves.
    const addedFiles: string[] = [];
    const removedFiles: string[] = [];
    for (const [file, record] of changed) {
      const had = this.#files.has(file);
      this.#setFile(file, record);
      if (record && !had) addedFiles.push(file);
      if (!record && had) removedFiles.push(file);
    }
    const changedAttachments: string[] = [];
    if (listing) {
      const oldSet = new Set(this.#attachments);
      const newSet = new Set(listing.attachments);
      for (const file of oldSet) if (!newSet.has(file)) changedAttachments.push(file);
      for (const file of newSet) if (!oldSet.has(file)) changedAttachments.push(file);
      this.#attachments = [...listing.attachments].sort(comparePaths);
      this.#attachmentSet = newSet;
      this.#vaultDiagnostics = listing.diagnostics;
    }

    // 2. Which notes have a page, at which address.
    const before = this.#choosePages(new Set(changed.keys()));
    const changedNotes = new Set<string>(before.keys());
    for (const file of changed.keys()) if (changed.get(file)?.note || before.has(file)) changedNotes.add(file);

    // 3. The collections that hold notes.
    for (const file of [...changedAttachments, ...addedFiles, ...removedFiles]) this.#refile(file);
    let listedChanged = false;
    let explorerChanged = false;
    /** Folders whose notes only changed title or pin: only their order changes. */
    const retitledFolders = new Set<string>();
    let tagsChanged = false;
    let addresses = false;
    const affectedKeys = new Set<string>();
    for (const file of [...changedAttachments, ...addedFiles, ...removedFiles]) for (const k of entryKeys(file, undefined)) affectedKeys.add(k);
    for (const file of changedNotes) {
      const old = before.has(file) ? before.get(file) : this.#kept.get(file);
      const now = this.#kept.get(file);
      if (old === now) continue;
      this.#replaceInNotes(file, old, now);
      if (old && this.#byUrl.get(old.url) === old) this.#byUrl.delete(old.url);
      if (now) this.#byUrl.set(now.url, now);
      if (!old !== !now || (old && now && (old.title !== now.title || !sameArray(old.aliases, now.aliases)))) {
        this.#refile(file);
        for (const k of [...entryKeys(file, old), ...entryKeys(file, now)]) affectedKeys.add(k);
      }
      if (old?.url !== now?.url) {
        if (old) affectedKeys.add(`url:${old.url}`);
        if (now) affectedKeys.add(`url:${now.url}`);
      }
      const oldAddresses = (note: Note | undefined) => JSON.stringify(note && [note.url, note.aliases, note.data["redirect_from"], note.data["redirect-from"]]);
      if (oldAddresses(old) !== oldAddresses(now)) addresses = true;
      const wasListed = old !== undefined && !old.hidden;
      const isListed = now !== undefined && !now.hidden;
      const oldIndex = wasListed ? this.#listed.indexOf(old) : -1;
      if (oldIndex !== -1) this.#listed.splice(oldIndex, 1);
      const newIndex = isListed ? this.#insertListed(now) : -1;
      if (!wasListed && !isListed) continue;
      // A note that stays listed in the same place moves nothing in the lists.
      const moved = !old || !now || oldIndex !== newIndex;
      if (moved) listedChanged = true;
      // Tags list their notes in listed order, under the name first written in that order.
      if (moved || !sameArray(old.tags, now.tags)) tagsChanged = true;
      const pinned = (note: Note) => JSON.stringify([note.data["dg-pinned"], note.data["pinned"]]);
      if (moved || old.url !== now.url || old.home !== now.home || gardenPath(old) !== gardenPath(now)) explorerChanged = true;
      else if (old.title !== now.title || pinned(old) !== pinned(now)) retitledFolders.add(path.posix.dirname(gardenPath(now)));
    }
    const home = this.#notes.find((note) => note.home);
    if (home) this.garden.home = home;
    else delete this.garden.home;
    if (this.#changedNames.size > CHANGED_NAMES_LIMIT) {
      this.#baseResolver = this.#buildResolver();
      this.#changedNames.clear();
    }
    this.garden.resolver = this.#resolver();

    // 4. Links: the changed notes, and the notes whose references may now resolve elsewhere.
    const relink = new Set<string>([...changedNotes].filter((file) => this.#kept.has(file)));
    for (const k of affectedKeys) for (const file of this.#byKey.get(k) ?? []) if (this.#kept.has(file)) relink.add(file);
    const oldLinks = new Map<string, NoteLinkState | undefined>();
    for (const file of [...relink, ...changedNotes]) if (!oldLinks.has(file)) oldLinks.set(file, this.#links.get(file));
    for (const file of changedNotes) this.#unindex(file, before.has(file) ? before.get(file) : this.#kept.get(file));
    for (const file of relink) {
      const note = this.#kept.get(file);
      if (!note) continue;
      if (!changedNotes.has(file)) this.#unindex(file, note);
      this.#link(note);
      this.#index(note);
    }

    // 5. Backlinks and outgoing links, for every note whose lists hold a changed note.
    const backlinkTargets = new Set<string>(changedNotes);
    const outgoingSources = new Set<string>(relink);
    for (const file of [...relink, ...changedNotes]) {
      for (const target of oldLinks.get(file)?.targets.keys() ?? []) backlinkTargets.add(target);
      for (const target of this.#links.get(file)?.targets.keys() ?? []) backlinkTargets.add(target);
    }
    // What each page's backlinks showed, to render only the pages whose list changed.
    const shown = (note: Note | undefined) => JSON.stringify((note && this.#backlinks.get(note)?.map((b) => [b.note.title, b.note.url, b.context])) ?? []);
    const oldBacklinks = new Map<string, string>();
    for (const target of backlinkTargets) oldBacklinks.set(target, shown(before.has(target) ? before.get(target) : this.#kept.get(target)));
    for (const file of changedNotes) {
      const old = before.get(file);
      if (old) this.#backlinks.delete(old);
      if (old) this.#outgoing.delete(old);
      for (const linker of this.#linkers.get(file) ?? []) outgoingSources.add(linker);
    }
    for (const target of backlinkTargets) this.#backlinksOf(target);
    for (const source of outgoingSources) this.#outgoingOf(source);
    for (const target of backlinkTargets) {
      const note = this.#kept.get(target);
      if (note && shown(note) !== oldBacklinks.get(target)) pages.add(note.url);
    }

    // 6. Attachments in use, and their addresses (given in order of first use over all notes).
    const newAttachments: string[] = [];
    const goneAttachments: string[] = [];
    const usesChanged = [...relink, ...changedNotes].some((file) => !sameArray(oldLinks.get(file)?.attachments ?? [], this.#links.get(file)?.attachments ?? []));
    if (usesChanged || changedAttachments.length > 0) {
      const oldAttachments = this.garden.attachments;
      this.#assignAttachments();
      for (const [file, url] of oldAttachments) if (this.garden.attachments.get(file) !== url) goneAttachments.push(url);
      for (const [file, url] of this.garden.attachments) {
        if (oldAttachments.get(file) === url) continue;
        newAttachments.push(file);
        for (const user of this.#users.get(file) ?? []) {
          const note = this.#kept.get(user);
          if (note) pages.add(note.url);
        }
      }
    }

    // 7. Tags and the explorer, rebuilt only when what they show changed.
    if (tagsChanged) this.garden.tags = buildTagIndex(this.#listed);
    else this.#replaceInTags(changedNotes, before);
    if (explorerChanged) this.garden.explorer = buildExplorer(this.#listed);
    else for (const folder of retitledFolders) this.#refreshFolder(folder);
    this.#refresh();

    // 8. Pages: the changed notes' own, and every page that shows something of them.
    const rendered = new Set<string>(); // notes whose article text may have changed
    for (const file of changedNotes) {
      const old = before.has(file) ? before.get(file) : this.#kept.get(file);
      const now = this.#kept.get(file);
      if (old) pages.add(old.url);
      if (now) {
        pages.add(now.url);
        rendered.add(file);
      }
      // Links to it point elsewhere, or nowhere. (Pages listing it among their backlinks were found above.)
      if (old?.url !== now?.url) {
        for (const linker of this.#linkers.get(file) ?? []) rendered.add(linker);
        for (const linker of oldLinkers(oldLinks, file)) rendered.add(linker);
      }
    }
    for (const file of relink) {
      const old = oldLinks.get(file);
      const now = this.#links.get(file);
      if (!old || !now || !sameArray(old.resolved, now.resolved) || !sameTargets(old.targets, now.targets)) rendered.add(file);
    }
    // Transclusions show the embedded note's text: their pages change with it.
    for (const file of this.#embeddersOf(rendered)) rendered.add(file);
    for (const file of rendered) {
      const note = this.#kept.get(file);
      if (note) pages.add(note.url);
    }

    // Tag pages, the tag list, and pages that link to a tag that appeared or went.
    const tagKeys = new Set<string>();
    for (const file of changedNotes) {
      const old = before.has(file) ? before.get(file) : this.#kept.get(file);
      const now = this.#kept.get(file);
      const facts = (note: Note | undefined) => (note && !note.hidden ? `${listedFacts(note)}${JSON.stringify(note.tags)}` : "");
      if (facts(old) === facts(now) && !listedChanged) continue;
      for (const note of [old, now]) {
        if (!note || note.hidden) continue;
        for (const name of note.tags) {
          const parts = name.split("/").filter(Boolean);
          for (let depth = 1; depth <= parts.length; depth++) tagKeys.add(tagKey(parts.slice(0, depth).join("/")));
        }
      }
    }
    let tagListChanged = false;
    for (const k of tagKeys) {
      const old = oldTags.byKey.get(k);
      const now = this.garden.tags.byKey.get(k);
      // Every page of its list, before and after: notes move between pages, and pages come and go.
      for (const url of [...(old ? tagPageUrls(old) : []), ...(now ? tagPageUrls(now) : [])]) pages.add(url);
      if (old?.name !== now?.name || old?.url !== now?.url || old?.notes.length !== now?.notes.length) tagListChanged = true;
      if (old?.name !== now?.name || old?.url !== now?.url) {
        for (const [written, files] of this.#tagged) {
          if (tagKey(written) !== k) continue;
          for (const file of files) {
            const note = this.#kept.get(file);
            if (note) pages.add(note.url);
          }
        }
      }
    }
    if (tagListChanged) pages.add("/tags/");

    // The explorer, and breadcrumbs, which link the folders that have a folder note.
    if (retitledFolders.size > 0) pages.add("/explorer.json");
    if (explorerChanged) {
      pages.add("/explorer.json");
      const oldFolders = folderUrls(oldExplorer);
      const newFolders = folderUrls(this.garden.explorer);
      const moved = [...new Set([...oldFolders.keys(), ...newFolders.keys()])].filter((folder) => oldFolders.get(folder) !== newFolders.get(folder));
      if (moved.length > 0) {
        for (const note of this.#notes) {
          const folder = path.posix.dirname(gardenPath(note));
          if (moved.some((m) => folder === m || folder.startsWith(`${m}/`))) pages.add(note.url);
        }
      }
    }

    // The home page's list, the sitemap and the graph.
    const newRecent = this.#recent();
    const recentFiles = new Set([...oldRecent, ...newRecent].map((note) => note.path));
    if (!sameArray(oldRecent.map((n) => n.path), newRecent.map((n) => n.path)) || [...changedNotes].some((file) => recentFiles.has(file))) pages.add("/");
    // What the sitemap (address, date) and the graph (title, address, tags, links) show of a listed note.
    const listedShow = (file: string, show: (note: Note) => unknown[]) => {
      const old = before.has(file) ? before.get(file) : this.#kept.get(file);
      const now = this.#kept.get(file);
      const shown = (note: Note | undefined) => (note && !note.hidden ? JSON.stringify(show(note)) : "");
      return shown(old) !== shown(now);
    };
    if (listedChanged || [...changedNotes].some((file) => listedShow(file, (note) => [note.url, dateKey(note)]))) pages.add("/sitemap.xml");
    const linksChanged = [...relink].some((file) => !sameArray([...(oldLinks.get(file)?.targets.keys() ?? [])], [...(this.#links.get(file)?.targets.keys() ?? [])]));
    if (listedChanged || linksChanged || [...changedNotes].some((file) => listedShow(file, (note) => [note.title, note.url, note.tags]))) pages.add("/graph.json");

    return { pages, newAttachments, goneAttachments, files: [...changed.keys()], addresses };
  }

  /** Published, listed notes on the home page, as site-data.ts chooses them. */
  #recent(limit = 30): Note[] {
    const recent: Note[] = [];
    for (const note of this.#listed) {
      if (note.home) continue;
      recent.push(note);
      if (recent.length === limit) break;
    }
    return recent;
  }

  /** Records a note file as read (undefined: gone), with the counts that depend on it. */
  #setFile(file: string, record: NoteFile | undefined): void {
    const old = this.#files.get(file);
    if (old && !old.note) this.#unpublished--;
    if (record && !record.note) this.#unpublished++;
    if (record) {
      this.#files.set(file, record);
      if (!old) insertSorted(this.#paths, file);
    } else if (old) {
      this.#files.delete(file);
      removeSorted(this.#paths, file);
    }
    if (record?.diagnostics.some((d) => d.severity === "error")) this.#failedFiles.add(file);
    else this.#failedFiles.delete(file);
    if (record?.note?.home) this.#homeFlagged.add(file);
    else this.#homeFlagged.delete(file);
    if (INDEX_NOTE.test(file)) {
      if (record) insertSorted(this.#indexFiles, file);
      else removeSorted(this.#indexFiles, file);
    }
  }

  /**
   * The home rule and one page per address, as scanVault and assembleGarden decide them, for
   * the files given and those the home rule moves. Returns what had a page before, for every
   * file whose page changed.
   */
  #choosePages(files: Set<string>): Map<string, Note | undefined> {
    // Which notes the home rule changes: the settings' home note, else `dg-home`, else index.md.
    const adjusted = new Map<string, { home: boolean; url: string }>();
    this.#homeProblem = undefined;
    const noteOf = (file: string) => this.#files.get(file)?.note;
    let hasHome = this.#homeFlagged.size > 0;
    if (this.#home !== undefined) {
      const chosen = this.#homeNote(this.#home);
      if (!chosen) {
        this.#homeProblem = { severity: "error", file: "", message: `the home note "${this.#home}" set in the site settings is not a published note of the vault`, fix: "give the note's path in the vault, e.g. \"Home.md\", and publish it" };
      } else {
        for (const file of this.#homeFlagged) {
          const note = noteOf(file);
          if (note && file !== chosen.path) adjusted.set(file, { home: false, url: addressOf(note) ?? note.url });
        }
        adjusted.set(chosen.path, { home: true, url: "/" });
        hasHome = true;
      }
    }
    if (!hasHome) {
      const index = this.#indexFiles.map(noteOf).find((note) => note !== undefined && !hasExplicitPermalink(note));
      if (index) adjusted.set(index.path, { home: true, url: "/" });
    }
    const touched = new Set([...files, ...this.#adjusted, ...adjusted.keys()]);
    this.#adjusted = new Set([...adjusted.keys()].filter((file) => {
      const note = noteOf(file);
      const change = adjusted.get(file);
      return note && change && (note.home !== change.home || note.url !== change.url);
    }));

    // The published note of each touched file, and who claims which address.
    const keys = new Set<string>();
    for (const file of touched) {
      const old = this.#effective.get(file);
      const read = noteOf(file);
      const change = adjusted.get(file);
      let now = read;
      if (read && change && (read.home !== change.home || read.url !== change.url)) {
        now = old && old !== read && old.path === read.path && Object.getPrototypeOf(old) === Object.prototype && sameAdjusted(old, read, change) ? old : { ...read, ...change };
      }
      if (old === now) continue;
      if (old) {
        const claims = this.#claims.get(urlKey(old)) ?? [];
        removeSorted(claims, file);
        if (claims.length === 0) this.#claims.delete(urlKey(old));
        keys.add(urlKey(old));
      }
      if (now) {
        this.#effective.set(file, now);
        const k = urlKey(now);
        const claims = this.#claims.get(k) ?? [];
        insertSorted(claims, file);
        this.#claims.set(k, claims);
        keys.add(k);
      } else {
        this.#effective.delete(file);
      }
    }

    // The first note (in path order) at an address has the page; the others are errors.
    const before = new Map<string, Note | undefined>();
    const keep = (file: string, note: Note | undefined) => {
      const old = this.#kept.get(file);
      if (old === note) return;
      if (!before.has(file)) before.set(file, old);
      if (note) this.#kept.set(file, note);
      else this.#kept.delete(file);
    };
    for (const file of touched) if (!this.#effective.has(file)) {
      keep(file, undefined);
      this.#duplicates.delete(file);
    }
    for (const k of keys) {
      const claims = this.#claims.get(k) ?? [];
      const first = claims[0] === undefined ? undefined : this.#effective.get(claims[0]);
      claims.forEach((file, index) => {
        const note = this.#effective.get(file);
        if (!note || !first) return;
        if (index === 0) {
          keep(file, note);
          this.#duplicates.delete(file);
          return;
        }
        keep(file, undefined);
        this.#duplicates.set(file, {
          severity: "error",
          file,
          message: `published at ${note.url}, the same URL as ${first.path}${note.url === "/" ? " (both are home notes)" : ""}`,
          fix: note.url === "/" ? "keep `dg-home: true` on one note only" : "give one of the two notes a different `dg-permalink`",
        });
      });
    }
    return before;
  }

  /** The note the settings name as the home page: the first published note at that path, with or without extension. */
  #homeNote(wanted: string): Note | undefined {
    let index = 0;
    let high = this.#paths.length;
    while (index < high) {
      const middle = (index + high) >> 1;
      if (comparePaths(this.#paths[middle] as string, wanted) < 0) index = middle + 1;
      else high = middle;
    }
    for (; index < this.#paths.length; index++) {
      const file = this.#paths[index] as string;
      if (!file.startsWith(wanted)) break;
      const note = this.#files.get(file)?.note;
      if (note && (file === wanted || file.replace(NOTE_EXTENSION, "") === wanted)) return note;
    }
    return undefined;
  }

  #replaceInNotes(file: string, old: Note | undefined, now: Note | undefined): void {
    if (old) {
      const index = this.#notes.indexOf(old);
      if (index !== -1) {
        if (now) this.#notes[index] = now;
        else this.#notes.splice(index, 1);
        return;
      }
    }
    if (!now) return;
    let low = 0;
    let high = this.#notes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (comparePaths((this.#notes[middle] as Note).path, file) < 0) low = middle + 1;
      else high = middle;
    }
    this.#notes.splice(low, 0, now);
  }

  #resolver(): LinkResolver {
    return new CurrentNotesResolver(this.#baseResolver, this.#kept, this.#changedNames, (names) => {
      const input = { notes: [] as Note[], privateNotes: [] as string[], attachments: [] as string[] };
      const files = new Set(names.flatMap((name) => [...(this.#named.get(name) ?? [])]));
      for (const file of files) {
        const note = this.#kept.get(file);
        if (note) input.notes.push(note);
        else if (this.#files.has(file)) input.privateNotes.push(file);
        else input.attachments.push(file);
      }
      return input;
    });
  }

  /** Files a vault file under its names as it is now (published or not, title, aliases); its old and new names have changed. */
  #refile(file: string): void {
    for (const name of this.#namesOf.get(file) ?? []) {
      removeFrom(this.#named, name, file);
      this.#changedNames.add(name);
    }
    const exists = this.#files.has(file) || this.#attachmentSet.has(file);
    const names = exists ? entryNames(file, this.#kept.get(file)) : [];
    for (const name of names) {
      addTo(this.#named, name, file);
      this.#changedNames.add(name);
    }
    if (names.length > 0) this.#namesOf.set(file, names);
    else this.#namesOf.delete(file);
  }

  #buildResolver(): LinkResolver {
    return new LinkResolver({ notes: this.#notes, privateNotes: this.#paths.filter((file) => !this.#kept.has(file)), attachments: this.#attachments });
  }

  /** Puts a note in its place among the listed notes; returns that place. */
  #insertListed(note: Note): number {
    let low = 0;
    let high = this.#listed.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (listedOrder(this.#listed[middle] as Note, note) <= 0) low = middle + 1;
      else high = middle;
    }
    this.#listed.splice(low, 0, note);
    return low;
  }

  /** Resolves a note's references (as linkGarden does) and remembers how. */
  #link(note: Note): void {
    const links = linkNote(this.garden.resolver, this.#byUrl, note);
    const resolved: string[] = [];
    const embeds: string[] = [];
    const keys = new Set<string>();
    for (const reference of note.references) {
      const { target } = resolveTarget(this.garden.resolver, this.#byUrl, reference.linkpath, note.path);
      resolved.push(target.kind === "note" ? `n:${target.note.path}` : target.kind === "attachment" ? `a:${target.path}` : target.kind === "page" ? `p:${target.url}` : target.kind);
      if (reference.kind === "embed" && target.kind === "note" && target.note !== note && !embeds.includes(target.note.path)) embeds.push(target.note.path);
      for (const k of referenceKeys(reference, linkedUrl)) keys.add(k);
    }
    this.#deadLinks += links.deadLinks - (this.#links.get(note.path)?.deadLinks ?? 0);
    this.#links.set(note.path, {
      resolved,
      targets: new Map([...links.targets].map(([target, context]) => [target.path, context])),
      embeds,
      attachments: links.attachments,
      deadLinks: links.deadLinks,
      diagnostics: links.diagnostics,
      keys: [...keys],
    });
  }

  /** Files a note's links in the reverse indexes. */
  #index(note: Note): void {
    const links = this.#links.get(note.path);
    if (!links) return;
    for (const k of links.keys) addTo(this.#byKey, k, note.path);
    for (const target of links.targets.keys()) addTo(this.#linkers, target, note.path);
    for (const target of links.embeds) addTo(this.#embedders, target, note.path);
    for (const file of links.attachments) addTo(this.#users, file, note.path);
    for (const name of note.tags) addTo(this.#tagged, name, note.path);
  }

  /** Takes a note's links (as last resolved) out of the reverse indexes. */
  #unindex(file: string, note: Note | undefined): void {
    const links = this.#links.get(file);
    if (links) {
      for (const k of links.keys) removeFrom(this.#byKey, k, file);
      for (const target of links.targets.keys()) removeFrom(this.#linkers, target, file);
      for (const target of links.embeds) removeFrom(this.#embedders, target, file);
      for (const attachment of links.attachments) removeFrom(this.#users, attachment, file);
    }
    if (note) for (const name of note.tags) removeFrom(this.#tagged, name, file);
    if (links && !this.#kept.has(file)) {
      this.#deadLinks -= links.deadLinks;
      this.#links.delete(file);
    }
  }

  /** The backlinks of one note, in path order of the notes that link to it (as linkGarden lists them). */
  #backlinksOf(file: string): void {
    const note = this.#kept.get(file);
    if (!note) return;
    const list: Backlink[] = [];
    for (const source of [...(this.#linkers.get(file) ?? [])].sort(comparePaths)) {
      const from = this.#kept.get(source);
      const context = this.#links.get(source)?.targets.get(file);
      if (from && !from.hidden && context !== undefined) list.push({ note: from, context });
    }
    if (list.length > 0) this.#backlinks.set(note, list);
    else this.#backlinks.delete(note);
  }

  #outgoingOf(file: string): void {
    const note = this.#kept.get(file);
    const links = this.#links.get(file);
    if (!note || !links) return;
    this.#outgoing.set(note, [...links.targets.keys()].flatMap((target) => this.#kept.get(target) ?? []));
  }

  /** Attachment addresses, given in order of first use as linkGarden gives them. */
  #assignAttachments(): void {
    const attachments = new Map<string, string>();
    const taken = new Set<string>();
    for (const note of this.#notes) {
      for (const file of this.#links.get(note.path)?.attachments ?? []) if (!attachments.has(file)) attachments.set(file, attachmentUrl(file, taken));
    }
    this.garden.attachments = attachments;
  }

  /** A tag lists Note objects: an edited note that kept its tags and place is swapped in. */
  #replaceInTags(changed: Set<string>, before: ReadonlyMap<string, Note | undefined>): void {
    for (const file of changed) {
      const old = before.get(file);
      const now = this.#kept.get(file);
      if (!old || !now || old === now || old.hidden) continue;
      const seen = new Set<Tag>();
      for (const name of old.tags) {
        const parts = name.split("/").filter(Boolean);
        for (let depth = 1; depth <= parts.length; depth++) {
          const tag = this.garden.tags.byKey.get(tagKey(parts.slice(0, depth).join("/")));
          if (!tag || seen.has(tag)) continue;
          seen.add(tag);
          const index = tag.notes.indexOf(old);
          if (index !== -1) tag.notes[index] = now;
        }
      }
    }
  }

  /** The notes of one folder of the explorer, made again from its listed notes (their order follows titles and pins). */
  #refreshFolder(folder: string): void {
    const parts = folder.split("/").filter((part) => part !== "" && part !== ".");
    const find = (root: ExplorerFolder) => parts.reduce<ExplorerFolder | undefined>((node, name) => node?.folders.find((child) => child.name === name), root);
    const fresh = find(buildExplorer(this.#listed.filter((note) => path.posix.dirname(gardenPath(note)) === folder)));
    const shown = find(this.garden.explorer);
    if (fresh && shown) shown.notes = fresh.notes;
    else this.garden.explorer = buildExplorer(this.#listed);
  }

  /** Notes that transclude these, directly or through other transclusions. */
  #embeddersOf(files: Iterable<string>): Set<string> {
    const found = new Set<string>();
    const queue = [...files];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      for (const embedder of this.#embedders.get(file) ?? []) {
        if (found.has(embedder)) continue;
        found.add(embedder);
        queue.push(embedder);
      }
    }
    return found;
  }

  /** The counts a build reports. (The list of problems is made when asked for: see diagnostics().) */
  #refresh(): void {
    this.garden.stats = {
      found: this.#paths.length,
      published: this.#notes.length,
      hidden: this.#notes.length - this.#listed.length,
      unpublished: this.#unpublished,
      deadLinks: this.#deadLinks,
    };
  }
}

/** Whether `adjusted` is `read` with the home rule's `change` applied (so it can be kept as it is). */
function sameAdjusted(adjusted: Note, read: Note, change: { home: boolean; url: string }): boolean {
  if (adjusted.home !== change.home || adjusted.url !== change.url) return false;
  const keys = Object.keys(read);
  return keys.length === Object.keys(adjusted).length && keys.every((k) => k === "home" || k === "url" || (adjusted as unknown as Record<string, unknown>)[k] === (read as unknown as Record<string, unknown>)[k]);
}

/** Notes whose links pointed at `file` before this update. */
function oldLinkers(oldLinks: ReadonlyMap<string, NoteLinkState | undefined>, file: string): string[] {
  const linkers: string[] = [];
  for (const [source, links] of oldLinks) if (links?.targets.has(file)) linkers.push(source);
  return linkers;
}
