/**
 * The file explorer's tree: listed notes in the vault's folders, pinned notes (`dg-pinned`)
 * first, then a natural sort. A note named like its folder (or `index.md`) is the folder's note.
 * Emitted once as /explorer.json and loaded by every page, so pages do not grow with the garden.
 */
import { addressKey, withoutNoteExtension } from "../core/vault-paths.ts";
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
