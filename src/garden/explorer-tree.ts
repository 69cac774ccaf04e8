/**
 * The file explorer's tree: listed notes in the vault's folders, pinned notes (`dg-pinned`)
 * first, then a natural sort. A note named like its folder (or `index.md`) is the folder's note.
 * Emitted as one file per folder (explorerFiles), which pages load as they show them.
 */
import { addressKey, withoutNoteExtension } from "../core/vault-paths.ts";
import { createHash } from "node:crypto";
import path from "node:path";
import type { Note } from "../read/note.ts";
import { hiddenInExplorer, isPinned as pinnedIn } from "../read/page-settings.ts";

export interface ExplorerNote {
  title: string;
  url: string;
  /** Shown first, with a pin mark (`dg-pinned`). */
  pinned?: true;
  /** `dg-note-icon`. */
  icon?: string;
}

export interface ExplorerFolder {
  name: string;
  url?: string;
  /** The folder note's icon (`dg-note-icon`). */
  icon?: string;
  folders: ExplorerFolder[];
  notes: ExplorerNote[];
}

/** A page the explorer lists: a note, or a canvas's page, at its place in the garden. */
export interface ExplorerItem {
  title: string;
  url: string;
  /** Where it sits (gardenPath). */
  path: string;
  pinned: boolean;
  icon?: string;
}

interface Draft {
  name: string;
  /** Path of the folder in the garden (`Projects/2024`). */
  path: string;
  url?: string;
  icon?: string;
  folders: Map<string, Draft>;
  notes: ExplorerItem[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * Place in the site's `explorerOrder` (the garden path of a note, with or without `.md`, or of
 * a folder), or Infinity when it is not listed there.
 */
type OrderOf = (gardenPath: string) => number;

function orderOf(order: readonly string[]): OrderOf {
  const places = new Map<string, number>();
  order.forEach((entry, index) => {
    const key = addressKey(withoutNoteExtension(entry.trim().replace(/^\/+|\/+$/g, "")));
    if (!places.has(key)) places.set(key, index);
  });
  return (gardenPath) => places.get(addressKey(withoutNoteExtension(gardenPath))) ?? Infinity;
}

function compareBy(order: OrderOf): (a: ExplorerItem, b: ExplorerItem) => number {
  return (a, b) => {
    const placed = order(a.path) - order(b.path);
    if (placed !== 0 && !Number.isNaN(placed)) return placed;
    return Number(b.pinned) - Number(a.pinned) || collator.compare(a.title, b.title);
  };
}

/** Where a note sits in the garden: the Digital Garden plugin's `dg-path`, else its vault path. */
export function gardenPath(note: Note): string {
  const custom = note.data["dg-path"];
  return typeof custom === "string" && custom.trim() !== "" ? custom.trim().replace(/^\/+/, "") : note.path;
}

/** A listed note as the explorer lists it. */
function noteItem(note: Note): ExplorerItem {
  return { title: note.title, url: note.url, path: gardenPath(note), pinned: pinnedIn(note.data), ...(note.icon ? { icon: note.icon } : {}) };
}

/** The tree of the listed notes, and of `pages` that are not notes (canvases) at their places. */
export function buildExplorer(listed: readonly Note[], order: readonly string[] = [], defaultIcon?: string, pages: readonly ExplorerItem[] = []): ExplorerFolder {
  const root: Draft = { name: "", path: "", folders: new Map(), notes: [] };
  // `dg-hide-in-filetree`: the page is listed everywhere else.
  const items = [...listed.filter((note) => !note.home && !hiddenInExplorer(note.data)).map(noteItem), ...pages];
  for (const note of items) {
    const folders = path.posix.dirname(note.path).split("/").filter((part) => part !== "" && part !== ".");
    let draft = root;
    for (const name of folders) {
      let child = draft.folders.get(name);
      if (!child) {
        child = { name, path: draft.path ? `${draft.path}/${name}` : name, folders: new Map(), notes: [] };
        draft.folders.set(name, child);
      }
      draft = child;
    }
    const stem = withoutNoteExtension(path.posix.basename(note.path));
    if (draft !== root && draft.url === undefined && (stem === draft.name || stem.toLowerCase() === "index")) {
      draft.url = note.url;
      const icon = note.icon ?? defaultIcon;
      if (icon) draft.icon = icon;
    }
    else draft.notes.push(note);
  }
  return finish(root, orderOf(order), defaultIcon);
}

function explorerNote(note: ExplorerItem, defaultIcon: string | undefined): ExplorerNote {
  const entry: ExplorerNote = { title: note.title, url: note.url };
  if (note.pinned) entry.pinned = true;
  const icon = note.icon ?? defaultIcon;
  if (icon) entry.icon = icon;
  return entry;
}

function finish(draft: Draft, order: OrderOf, defaultIcon: string | undefined): ExplorerFolder {
  const folder: ExplorerFolder = {
    name: draft.name,
    folders: [...draft.folders.values()]
      .sort((a, b) => {
        const placed = order(a.path) - order(b.path);
        return placed !== 0 && !Number.isNaN(placed) ? placed : collator.compare(a.name, b.name);
      })
      .map((child) => finish(child, order, defaultIcon)),
    notes: draft.notes.sort(compareBy(order)).map((note) => explorerNote(note, defaultIcon)),
  };
  if (draft.url !== undefined) folder.url = draft.url;
  if (draft.icon !== undefined) folder.icon = draft.icon;
  return folder;
}

/** A folder as its parent's file lists it: its own file is /explorer/<id>.json. */
export interface ExplorerFolderEntry {
  name: string;
  id: string;
  url?: string;
  icon?: string;
}

/** One folder's file: what the folder holds, its folders by name and file. */
export interface ExplorerFile {
  folders: ExplorerFolderEntry[];
  notes: ExplorerNote[];
}

/** The explorer as files, and what each page opens of it. */
export interface ExplorerFiles {
  /** Each folder's file by address: /explorer.json the root, /explorer/<id>.json the others. */
  files: Map<string, string>;
  /** The folders on the way to each page the explorer lists, by the page's address: the ids a page loads open. */
  openFor: Map<string, string[]>;
  /** Every page the explorer lists, title and address, for search's "closest titles" (/explorer/titles.json). */
  titles: Array<{ title: string; url: string }>;
}

export const EXPLORER_ROOT = "/explorer.json";
export const EXPLORER_TITLES = "/explorer/titles.json";

/** A folder's file name: its path in the garden, digested (names may be any text). */
function folderId(folderPath: string): string {
  return createHash("sha256").update(folderPath).digest("base64url").slice(0, 12);
}

export const explorerFileUrl = (id: string) => `/explorer/${id}.json`;

/**
 * The tree cut into one file per folder, so that a page loads the root and the folders it shows
 * open, and the rest only when the reader opens them: what a reader downloads no longer grows
 * with the garden.
 */
export function explorerFiles(tree: ExplorerFolder): ExplorerFiles {
  const result: ExplorerFiles = { files: new Map(), openFor: new Map(), titles: [] };
  const visit = (folder: ExplorerFolder, url: string, way: string[], folderPath: string) => {
    const entries = folder.folders.map((child): ExplorerFolderEntry & { path: string } => {
      const childPath = folderPath ? `${folderPath}/${child.name}` : child.name;
      return { name: child.name, id: folderId(childPath), ...(child.url ? { url: child.url } : {}), ...(child.icon ? { icon: child.icon } : {}), path: childPath };
    });
    const file: ExplorerFile = { folders: entries.map(({ path: _path, ...entry }) => entry), notes: folder.notes };
    result.files.set(url, JSON.stringify(file));
    for (const note of folder.notes) {
      result.openFor.set(note.url, way);
      result.titles.push({ title: note.title, url: note.url });
    }
    folder.folders.forEach((child, i) => {
      const entry = entries[i]!;
      const childWay = [...way, entry.id];
      // A folder's own note shows in its folder's list, which opens for it.
      if (child.url) {
        result.openFor.set(child.url, childWay);
        result.titles.push({ title: child.name, url: child.url });
      }
      visit(child, explorerFileUrl(entry.id), childWay, entry.path);
    });
  };
  visit(tree, EXPLORER_ROOT, [], "");
  return result;
}
