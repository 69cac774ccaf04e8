/**
 * Links between notes, resolved once per build after every note is read: backlinks with
 * excerpts, the note-to-note links of the graph, the attachments published notes use, and
 * the dead links (to missing or unpublished notes) that the summary counts.
 */
import { addressKey, isNoteFile } from "../core/vault-paths.ts";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { Mount } from "../read/layout.ts";
import type { Note } from "../read/note.ts";
import { slugify } from "../read/permalink.ts";
import { isCanvasFile, isDocumentFile } from "../read/files.ts";
import { canvasReferences, parseCanvas } from "../read/canvas.ts";
import type { Reference } from "../read/references.ts";
import { LinkResolver, type Target } from "./resolver.ts";

export type LinkTarget = Target | { kind: "page"; url: string } | { kind: "self" };

export interface Backlink {
  note: Note;
  /** HTML (see Reference.context). */
  context: string;
}

export interface GardenLinks {
  resolver: LinkResolver;
  /** Published, listed notes that link to each note (never the note itself, never hidden ones). */
  backlinks: Map<Note, Backlink[]>;
  /** Note-to-note links, each target once, for the graph. */
  outgoing: Map<Note, Note[]>;
  /** What each of a note's references resolved to, in the order of note.references. */
  resolved: Map<Note, LinkTarget[]>;
  /** Vault path → site URL, for the attachments that published notes use. */
  attachments: Map<string, string>;
  deadLinks: number;
}

/**
 * `/assets/…`; a file of a mounted folder keeps the address its publisher gave it
 * (`/img/user/Folder/pic.png`), which pages and links elsewhere already name.
 */
export function attachmentUrl(file: string, taken: Set<string>, mounts: readonly Mount[] = []): string {
  if (mounts.some((mount) => file.startsWith(`${mount.at}/`)) && !taken.has(addressKey(`/${file}`))) {
    taken.add(addressKey(`/${file}`));
    return `/${file}`;
  }
  const extension = path.posix.extname(file).toLowerCase();
  const stem = file.slice(0, file.length - path.posix.extname(file).length);
  const parts = stem.split("/").map(slugify);
  let url = `/assets/${parts.join("/")}${extension}`;
  for (let n = 2; taken.has(addressKey(url)); n++) url = `/assets/${parts.join("/")}-${n}${extension}`;
  taken.add(addressKey(url));
  return url;
}

/**
 * The address of a base's or canvas's own page (`Reading/Books.base` → `/reading/books.base/`,
 * `Board.canvas` → `/board.canvas/`): they are never copied (files.ts); a link to one leads to
 * the page that shows it.
 */
export function documentPageUrl(file: string, taken: Set<string>): string {
  const extension = path.posix.extname(file).toLowerCase();
  const stem = file.slice(0, file.length - extension.length);
  const parts = stem.split("/").map(slugify);
  let url = `/${parts.join("/")}${extension}/`;
  for (let n = 2; taken.has(addressKey(url)); n++) url = `/${parts.join("/")}-${n}${extension}/`;
  taken.add(addressKey(url));
  return url;
}

export interface LinkInput {
  notes: readonly Note[];
  privateNotes: readonly string[];
  attachments: readonly string[];
  /** The text of each canvas and base (VaultListing.documents): a published canvas publishes the files it shows. */
  documents?: ReadonlyMap<string, string>;
  /** `--publish all`: every canvas and base is published, linked or not. */
  publishAll?: boolean;
  byUrl: ReadonlyMap<string, Note>;
  /** The site's own pages and files besides notes' (Garden.generated). */
  generated: ReadonlySet<string>;
  mounts?: readonly Mount[];
  diagnostics: Diagnostic[];
}

/** Where a site path (`/…`) can lead: a note's page or a page the site makes. */
export interface SiteAddresses {
  byUrl: ReadonlyMap<string, Note>;
  generated: ReadonlySet<string>;
}

/** Resolves what a note points at; the same rules serve the scan and the renderer. */
export function resolveTarget(resolver: LinkResolver, site: SiteAddresses, linkpath: string, from: string): { target: LinkTarget; candidates?: string[] } {
  if (linkpath === "") return { target: { kind: "self" } };
  if (linkpath.startsWith("/") && !isNoteFile(linkpath)) {
    const url = linkpath.endsWith("/") || path.posix.extname(linkpath) !== "" ? linkpath : `${linkpath}/`;
    const note = site.byUrl.get(url);
    if (note) return { target: { kind: "note", note } };
    if (site.generated.has(url)) return { target: { kind: "page", url } };
  }
  return resolver.resolve(linkpath, from);
}

/** What one note's references resolve to. */
export interface NoteLinks {
  /** The notes it links to or embeds, each once in order of first mention, with that mention's paragraph. */
  targets: Map<Note, string>;
  /** The attachments it uses, each once, in order of first mention. */
  attachments: string[];
  /** Its links and embeds to no published note or file. */
  deadLinks: number;
  /** Its ambiguous and dead links, in the order they are written. */
  diagnostics: Diagnostic[];
  /** What each reference resolved to, in order. */
  resolved: LinkTarget[];
}

/** Resolves one note's references. */
export function linkNote(resolver: LinkResolver, site: SiteAddresses, note: Note): NoteLinks {
  const links: NoteLinks = { targets: new Map(), attachments: [], deadLinks: 0, diagnostics: [], resolved: [] };
  for (const reference of note.references) {
    const { target, candidates } = resolveTarget(resolver, site, reference.linkpath, note.path);
    links.resolved.push(target);
    if (candidates) links.diagnostics.push(ambiguity(note, reference, candidates));
    if (target.kind === "note" && target.note !== note) {
      if (!links.targets.has(target.note)) links.targets.set(target.note, reference.context);
    } else if (target.kind === "attachment") {
      if (!links.attachments.includes(target.path)) links.attachments.push(target.path);
    } else if (target.kind === "dead") {
      links.deadLinks++;
      links.diagnostics.push(deadLink(note, reference));
    }
  }
  return links;
}

/**
 * What the resolver is built from, as one line per file: the paths, addresses, titles and aliases
 * every lookup reads, and the site's own addresses. Two equal tables resolve every link alike.
 */
function nameTable(input: LinkInput): string[] {
  return [
    ...input.notes.map((note) => `n\0${note.path}\0${note.url}\0${note.title}\0${note.aliases.join("\0")}`),
    ...input.privateNotes.map((file) => `p\0${file}`),
    ...input.attachments.map((file) => `a\0${file}`),
    ...[...input.generated].map((url) => `g\0${url}`),
  ];
}

/** One note's links as found before, kept to be used again while its text and every name stay the same. */
interface KnownLinks {
  version: string;
  links: NoteLinks;
}

/** What an earlier linking left for the next: the name table it resolved against and each note's links. */
export interface LinkMemory {
  names: readonly string[];
  notes: ReadonlyMap<string, KnownLinks>;
}

/**
 * Links every note. Given what linking an earlier version of the garden found, a note whose text
 * did not change keeps its links when no name in the vault changed (the usual edit: a note's
 * text): the same resolver would give the same answers, with the notes of this garden.
 */
export function linkGarden(input: LinkInput, previous?: LinkMemory): GardenLinks & { memory: LinkMemory } {
  const resolver = new LinkResolver(input);
  const names = nameTable(input);
  const reusable = previous !== undefined && previous.names.length === names.length && previous.names.every((line, i) => line === names[i]);
  const byPath = new Map(input.notes.map((note) => [note.path, note]));
  const current = (note: Note) => byPath.get(note.path) ?? note;
  const memory = new Map<string, KnownLinks>();
  const backlinks = new Map<Note, Backlink[]>();
  const outgoing = new Map<Note, Note[]>();
  const resolved = new Map<Note, LinkTarget[]>();
  const attachments = new Map<string, string>();
  const taken = new Set<string>();
  let deadLinks = 0;

  for (const note of input.notes) {
    const known = reusable ? previous.notes.get(note.path) : undefined;
    const links = known?.version === note.version ? withNotes(known.links, current) : linkNote(resolver, input, note);
    memory.set(note.path, { version: note.version, links });
    input.diagnostics.push(...links.diagnostics);
    deadLinks += links.deadLinks;
    for (const file of links.attachments) if (!attachments.has(file)) attachments.set(file, isDocumentFile(file) ? documentPageUrl(file, taken) : attachmentUrl(file, taken, input.mounts));
    outgoing.set(note, [...links.targets.keys()]);
    resolved.set(note, links.resolved);
    if (note.hidden) continue;
    for (const [target, context] of links.targets) {
      const list = backlinks.get(target) ?? [];
      list.push({ note, context });
      backlinks.set(target, list);
    }
  }
  if (input.publishAll) for (const file of [...(input.documents?.keys() ?? [])].sort()) if (!attachments.has(file)) attachments.set(file, documentPageUrl(file, taken));
  // A published canvas shows the files its nodes name: they are published with it (and a canvas it shows, in turn).
  for (let i = 0, files = [...attachments.keys()]; i < files.length; i++) {
    const file = files[i] ?? "";
    if (!isCanvasFile(file)) continue;
    for (const linkpath of canvasReferences(parseCanvas(input.documents?.get(file) ?? "").canvas)) {
      const { target } = resolveTarget(resolver, input, linkpath, file);
      if (target.kind !== "attachment" || attachments.has(target.path)) continue;
      attachments.set(target.path, isDocumentFile(target.path) ? documentPageUrl(target.path, taken) : attachmentUrl(target.path, taken, input.mounts));
      files.push(target.path);
    }
  }
  return { resolver, backlinks, outgoing, resolved, attachments, deadLinks, memory: { names, notes: memory } };
}

/** Links found before, pointing at this garden's notes. */
function withNotes(links: NoteLinks, current: (note: Note) => Note): NoteLinks {
  return {
    ...links,
    targets: new Map([...links.targets].map(([note, context]) => [current(note), context])),
    resolved: links.resolved.map((target) => (target.kind === "note" ? { kind: "note", note: current(target.note) } : target)),
  };
}

function lineOf(note: Note, reference: Reference): number | undefined {
  return reference.line === undefined ? undefined : reference.line + note.bodyLine;
}

function deadLink(note: Note, reference: Reference): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: "warning",
    code: "dead-link",
    file: note.path,
    message: `dead link: ${reference.written} matches no published note or file; it is shown as plain text`,
    fix: "publish the target note, fix the name, or remove the link",
  };
  const line = lineOf(note, reference);
  if (line !== undefined) diagnostic.line = line;
  return diagnostic;
}

function ambiguity(note: Note, reference: Reference, candidates: string[]): Diagnostic {
  const diagnostic: Diagnostic = {
    severity: "warning",
    file: note.path,
    message: `ambiguous link: ${reference.written} could mean ${candidates.join(", ")}; using ${candidates[0]}`,
    fix: "write the folder too, as in [[Folder/Name]]",
  };
  const line = lineOf(note, reference);
  if (line !== undefined) diagnostic.line = line;
  return diagnostic;
}
