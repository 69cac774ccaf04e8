/**
 * The Garden: the published notes of a vault, with the indexes later stages read. Every rule
 * that decides what is published where (the home note, duplicate addresses, link resolution,
 * backlinks, tags, the explorer) is applied here, once, by assembleGarden; GardenIndex
 * (garden-index.ts) calls it for a whole vault and again after each edit. A Garden is never
 * changed once assembled: what a build makes from it (images, cards, redirects) travels beside
 * it as Artefacts.
 */
import path from "node:path";
import { writtenPermalink } from "../read/permalink.ts";
import { addressKey, withoutNoteExtension } from "../core/vault-paths.ts";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../core/diagnostics.ts";
import { buildExplorer, type ExplorerFolder, type ExplorerItem } from "./explorer-tree.ts";
import { isCanvasFile, isCopyable, isDocumentFile } from "../read/files.ts";
import type { Mount } from "../read/layout.ts";
import { linkGarden, type Backlink, type LinkMemory, type LinkTarget } from "./links.ts";
import type { Note } from "../read/note.ts";
import { homeClaim } from "../read/publish.ts";
import type { LinkResolver } from "./resolver.ts";
import { buildTagIndex, type TagIndex } from "./tags.ts";
import { LISTINGS, listingUrl, sitePages, takenByNotes, type SitePage, type SitePagesInput } from "./site-pages.ts";
import { DEFAULT_OPTIONS } from "../core/options.ts";

export interface GardenStats {
  /** Markdown files in the vault. */
  found: number;
  published: number;
  hidden: number;
  /** Notes without a publish flag (or whose frontmatter could not be read). */
  unpublished: number;
  /** Links and embeds that point at no published note or file. */
  deadLinks: number;
}

export interface Garden {
  readonly contentDir: string;
  /** Folders of attachments read into the vault, from beside it (layout.ts). */
  readonly mounts: readonly Mount[];
  /** Every published note, hidden ones included, in path order. */
  readonly notes: readonly Note[];
  /** Published notes that may appear in lists: not hidden, most recently updated first. */
  readonly listed: readonly Note[];
  readonly home?: Note;
  readonly byUrl: ReadonlyMap<string, Note>;
  readonly resolver: LinkResolver;
  readonly backlinks: ReadonlyMap<Note, readonly Backlink[]>;
  /** Note-to-note links, for the graph. */
  readonly outgoing: ReadonlyMap<Note, readonly Note[]>;
  /** What each of a note's references resolved to, in the order of note.references. */
  readonly resolved: ReadonlyMap<Note, readonly LinkTarget[]>;
  /** Vault path → site URL of each attachment a published note uses (a base's or canvas's page). */
  readonly attachments: ReadonlyMap<string, string>;
  /** The text of each canvas and base of the vault, published or not: rendering reads those it shows. */
  readonly documents: ReadonlyMap<string, string>;
  /** The site's own pages and files besides notes' (site-pages.ts), in the order a build makes them. */
  readonly sitePages: readonly SitePage[];
  /** Their addresses: links to them are live. */
  readonly generated: ReadonlySet<string>;
  /** Where the listings every page links to are: a note may have taken their own address. */
  readonly listings: { readonly tags: string; readonly graph: string };
  readonly tags: TagIndex;
  readonly explorer: ExplorerFolder;
  /** The icon of notes that name none (`site.noteIcon`). */
  readonly noteIcon?: string;
  readonly stats: GardenStats;
  /** The problems of the vault and its notes; rendering reports its own beside them. */
  readonly diagnostics: readonly Diagnostic[];
}

/** What a build makes from a Garden before its pages render, handed to rendering with it. */
/** An old address of a note (or one it names in `redirect_from`), and where it goes now (redirects.ts). */
export interface Redirect {
  from: string;
  to: string;
}

export interface Artefacts {
  /** Optimised images by the URL pages use for them. */
  readonly images: ReadonlyMap<string, ImageMetadata>;
  /** Social card file (in the cache) of each note by vault path, when the site has a url. */
  readonly cards: ReadonlyMap<string, string>;
  /** Old addresses of notes and where they go now. */
  readonly redirects: readonly Redirect[];
}

export const NO_ARTEFACTS: Artefacts = { images: new Map(), cards: new Map(), redirects: [] };

export interface GardenParts {
  contentDir: string;
  mounts?: readonly Mount[] | undefined;
  /** Published notes as read, in path order, before the home note is chosen and duplicates are removed. */
  notes: readonly Note[];
  /** Every note file of the vault, published or not. */
  notePaths: readonly string[];
  attachments: readonly string[];
  /** The text of each canvas and base of the vault (VaultListing.documents). */
  documents?: ReadonlyMap<string, string>;
  /** `--publish all`: every canvas and base is published, linked or not. */
  publishAll?: boolean;
  unpublished: number;
  /** Problems found while reading the vault, in vault order. */
  diagnostics: readonly Diagnostic[];
  /** Vault path of the home note named in the settings, overriding `dg-home` and `index.md`. */
  home?: string | undefined;
  /** What linking the garden before this one found (GardenIndex passes it from one apply to the next). */
  links?: LinkMemory | undefined;
  /** The settings that decide which pages the site has besides notes' (feeds, graph…); the defaults when absent. */
  site?: (SitePagesInput["site"] & { explorerOrder?: readonly string[]; noteIcon?: string | undefined }) | undefined;
}

/** What gave way where two things wanted one address: tags written differently, a listing whose address a note took. */
function sharedAddresses(tags: TagIndex, pages: readonly SitePage[], notes: readonly Note[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = tags.merged.map(({ name, into, note }) => ({
    severity: "warning",
    file: note,
    message: `the tag #${name} is listed with #${into.name} on one page (${into.url}): the two are written differently but have the same address`,
    fix: `write the tag the same way in every note (#${into.name} or #${name})`,
  }));
  for (const page of pages) {
    const note = page.movedFrom === undefined ? undefined : notes.find((candidate) => addressKey(candidate.url) === page.movedFrom);
    if (!note) continue;
    diagnostics.push({
      severity: "warning",
      file: note.path,
      ...(note.addressLines.page ? { line: note.addressLines.page } : {}),
      message: `the note's page is at ${page.movedFrom}, the address of ${Object.values(LISTINGS).find((listing) => listing.url === page.movedFrom)?.name ?? "a page of the site"}, which is published at ${page.url} instead`,
      fix: `give the note another permalink to keep the site's page at ${page.movedFrom}`,
    });
  }
  return diagnostics;
}

export function assembleGarden(parts: GardenParts): Garden {
  return assembleWithMemory(parts).garden;
}

/** The Garden, and what linking it found, for the next assembly to start from. */
export function assembleWithMemory(parts: GardenParts): { garden: Garden; links: LinkMemory } {
  const diagnostics = [...parts.diagnostics];
  const notes = placeHome(parts.notes, parts.home, diagnostics);

  const byKey = new Map<string, Note>();
  const kept: Note[] = [];
  for (const note of notes) {
    const key = addressKey(note.url);
    const first = byKey.get(key);
    if (first) {
      if (note.home && first.home) continue; // placeHome has named both
      diagnostics.push({
        severity: "error",
        file: note.path,
        message: `published at ${note.url}, the same URL as ${first.path}`,
        fix: "give one of the two notes a different `dg-permalink`",
      });
      continue;
    }
    byKey.set(key, note);
    kept.push(note);
  }

  const byUrl = new Map(kept.map((note) => [note.url, note]));
  const published = new Set(kept.map((note) => note.path));
  const listed = kept.filter((note) => !note.hidden).sort(byRecency);
  const home = kept.find((note) => note.home);
  const tags = buildTagIndex(listed);
  const taken = takenByNotes(byUrl.keys());
  const pages = sitePages({ home: home !== undefined, tags: tags.all, listed: listed.length, site: parts.site ?? DEFAULT_OPTIONS.site, taken });
  const generated = new Set(pages.map((page) => page.url));
  diagnostics.push(...sharedAddresses(tags, pages, kept));
  const links = linkGarden(
    {
      notes: kept,
      privateNotes: parts.notePaths.filter((file) => !published.has(file)),
      ...(parts.documents ? { documents: parts.documents } : {}),
      ...(parts.publishAll ? { publishAll: true } : {}),
      // Bases resolve (their embeds render them), but are never copied (linkNote).
      attachments: parts.attachments.filter((file) => isCopyable(file) || isDocumentFile(file)),
      byUrl,
      generated,
      mounts: parts.mounts ?? [],
      diagnostics,
    },
    parts.links,
  );
  const garden: Garden = {
    contentDir: parts.contentDir,
    mounts: parts.mounts ?? [],
    notes: kept,
    listed,
    ...(home ? { home } : {}),
    byUrl,
    resolver: links.resolver,
    backlinks: links.backlinks,
    outgoing: links.outgoing,
    resolved: links.resolved,
    attachments: links.attachments,
    documents: parts.documents ?? new Map(),
    sitePages: pages,
    generated,
    listings: { tags: listingUrl("tag-index", taken), graph: listingUrl("graph", taken) },
    tags,
    explorer: buildExplorer(listed, parts.site?.explorerOrder, parts.site?.noteIcon, canvasPages(links.attachments)),
    ...(parts.site?.noteIcon ? { noteIcon: parts.site.noteIcon } : {}),
    stats: {
      found: parts.notePaths.length,
      published: kept.length,
      hidden: kept.length - listed.length,
      unpublished: parts.unpublished,
      deadLinks: links.deadLinks,
    },
    diagnostics,
  };
  return { garden, links: links.memory };
}

/**
 * The home page, at `/`: the note named in the settings; else the note that claims it (homeClaim
 * in publish.ts: `dg-home: true`, the tag `gardenEntry`, `permalink: /`; two notes that do are an
 * error naming both); else a published `index.md` at the top of the vault without a permalink of
 * its own. A note that is not the home page keeps the
 * address it was read with; notes are copied, never changed, so one read serves every assembly.
 */
/** The canvases the garden publishes, as the explorer lists them: by their file's name, where their file is. */
function canvasPages(attachments: ReadonlyMap<string, string>): ExplorerItem[] {
  return [...attachments].filter(([file]) => isCanvasFile(file)).map(([file, url]) => ({ title: path.posix.basename(file).replace(/\.canvas$/i, ""), url, path: file, pinned: false }));
}

function placeHome(notes: readonly Note[], setting: string | undefined, diagnostics: Diagnostic[]): Note[] {
  let homes: Set<Note>;
  if (setting !== undefined) {
    const chosen = notes.find((note) => note.path === setting || withoutNoteExtension(note.path) === setting);
    if (!chosen) {
      diagnostics.push({ severity: "error", file: "", message: `the home note "${setting}" set in the site settings is not a published note of the vault`, fix: "give the note's path in the vault, e.g. \"Home.md\", and publish it" });
    }
    homes = new Set(chosen ? [chosen] : notes.filter((note) => note.home));
  } else {
    homes = new Set(notes.filter((note) => note.home));
    const [first, ...others] = homes;
    for (const other of others) {
      diagnostics.push({
        severity: "error",
        file: other.path,
        message: `claims the home page with ${homeClaim(other.data) ?? "the settings"}, and so does ${first?.path} with ${first ? homeClaim(first.data) : ""}`,
        fix: "keep one home claim (`dg-home: true`, the tag `gardenEntry` or `permalink: /`) on one note only",
      });
    }
    const index = homes.size === 0 ? notes.find((note) => withoutNoteExtension(note.path).toLowerCase() === "index" && !hasExplicitPermalink(note)) : undefined;
    if (index) homes.add(index);
  }
  return notes.map((note) => {
    if (homes.has(note)) return { ...note, home: true, url: "/" };
    return note.home ? { ...note, home: false } : note;
  });
}

function hasExplicitPermalink(note: Note): boolean {
  return writtenPermalink(note.data) !== undefined;
}

const titleOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Newest first by `updated` (else `created`); undated notes after, by title. */
export function byRecency(a: Note, b: Note): number {
  const time = (note: Note) => (note.updated ?? note.created)?.getTime() ?? -Infinity;
  const diff = time(b) - time(a);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return titleOrder.compare(a.title, b.title);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
