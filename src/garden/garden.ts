/**
 * The Garden: the published notes of one build, with the indexes later stages read.
 * Built once per build from the scan; nothing renders before it is complete.
 */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../diagnostics.ts";
import { buildExplorer, type ExplorerFolder } from "./explorer.ts";
import { linkGarden, type Backlink } from "./links.ts";
import type { Note } from "./note.ts";
import type { Redirect } from "./redirects.ts";
import type { LinkResolver } from "./resolver.ts";
import { buildTagIndex, type TagIndex } from "./tags.ts";

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
  contentDir: string;
  /** Every published note, hidden ones included, in path order. */
  notes: readonly Note[];
  /** Published notes that may appear in lists: not hidden, most recently updated first. */
  listed: readonly Note[];
  home?: Note;
  byUrl: ReadonlyMap<string, Note>;
  resolver: LinkResolver;
  backlinks: ReadonlyMap<Note, readonly Backlink[]>;
  /** Note-to-note links, for the graph. */
  outgoing: ReadonlyMap<Note, readonly Note[]>;
  /** Vault path → site URL of each attachment a published note uses. */
  attachments: ReadonlyMap<string, string>;
  tags: TagIndex;
  explorer: ExplorerFolder;
  /** Optimised images by the URL pages use for them; filled by the image step before rendering. */
  images: Map<string, ImageMetadata>;
  /** Old addresses of notes and where they go now; filled before rendering. */
  redirects: Redirect[];
  /** Social card file (in the cache) of each note by vault path; filled before rendering when the site has a url. */
  cards: Map<string, string>;
  stats: GardenStats;
  /** Problems found so far; rendering adds its warnings here. */
  diagnostics: Diagnostic[];
}

export interface GardenParts {
  contentDir: string;
  /** Published notes as read, before duplicates are removed. */
  notes: Note[];
  /** Every note file of the vault, published or not. */
  notePaths: readonly string[];
  attachments: readonly string[];
  unpublished: number;
  diagnostics: Diagnostic[];
}

/** Hosts and file systems that ignore case would merge these URLs into one page. */
function urlKey(url: string): string {
  return url.normalize("NFC").toLowerCase();
}

export function assembleGarden(parts: GardenParts): Garden {
  const { notes, diagnostics } = parts;

  // Without a `dg-home` note, a published `index.md` at the top of the vault is the home page.
  if (!notes.some((note) => note.home)) {
    const index = notes.find((note) => /^index\.(md|markdown)$/i.test(note.path) && !hasExplicitPermalink(note));
    if (index) {
      index.home = true;
      index.url = "/";
    }
  }

  const byKey = new Map<string, Note>();
  const kept: Note[] = [];
  for (const note of notes) {
    const key = urlKey(note.url);
    const first = byKey.get(key);
    if (first) {
      diagnostics.push({
        severity: "error",
        file: note.path,
        message: `published at ${note.url}, the same URL as ${first.path}${note.url === "/" ? " (both are home notes)" : ""}`,
        fix: note.url === "/" ? "keep `dg-home: true` on one note only" : "give one of the two notes a different `dg-permalink`",
      });
      continue;
    }
    byKey.set(key, note);
    kept.push(note);
  }

  const byUrl = new Map(kept.map((note) => [note.url, note]));
  const published = new Set(kept.map((note) => note.path));
  const links = linkGarden({
    notes: kept,
    privateNotes: parts.notePaths.filter((file) => !published.has(file)),
    attachments: parts.attachments,
    byUrl,
    diagnostics,
  });
  const listed = kept.filter((note) => !note.hidden).sort(byRecency);
  const home = kept.find((note) => note.home);
  const garden: Garden = {
    contentDir: parts.contentDir,
    notes: kept,
    listed,
    byUrl,
    resolver: links.resolver,
    backlinks: links.backlinks,
    outgoing: links.outgoing,
    attachments: links.attachments,
    tags: buildTagIndex(listed),
    explorer: buildExplorer(listed),
    images: new Map(),
    redirects: [],
    cards: new Map(),
    stats: {
      found: parts.notePaths.length,
      published: kept.length,
      hidden: kept.length - listed.length,
      unpublished: parts.unpublished,
      deadLinks: links.deadLinks,
    },
    diagnostics,
  };
  if (home) garden.home = home;
  return garden;
}

function hasExplicitPermalink(note: Note): boolean {
  return ["dg-permalink", "permalink"].some((key) => typeof note.data[key] === "string" && (note.data[key] as string).trim() !== "");
}

/** Newest first by `updated` (else `created`); undated notes after, by title. */
export function byRecency(a: Note, b: Note): number {
  const time = (note: Note) => (note.updated ?? note.created)?.getTime() ?? -Infinity;
  const diff = time(b) - time(a);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: "base" });
}

export function hasErrors(garden: Garden): boolean {
  return garden.diagnostics.some((d) => d.severity === "error");
}
