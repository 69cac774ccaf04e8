/** The parts of an article page that come from the rest of the garden: backlinks, tags, breadcrumbs, the note's folder. */
import type { ExplorerFolder } from "../../garden/explorer-tree.ts";
import { gardenPath } from "../../garden/explorer-tree.ts";
import type { Garden } from "../../garden/garden.ts";
import type { Note } from "../../read/note.ts";
import { tagKey } from "../../garden/tags.ts";
import { encodePath } from "../../core/urls.ts";

export interface LinkView {
  text: string;
  /** Absent when there is no page to link to. */
  href?: string;
  /** The home page's crumb, named in the site's language by the layout. */
  home?: boolean;
}

export interface BacklinkView {
  title: string;
  /** The linking note's icon (`dg-note-icon`). */
  icon?: string;
  href: string;
  context: string;
}

/**
 * The note's folder as the page itself shows it, for readers without JavaScript (the explorer's
 * tree is drawn by a script): the folder's note, the notes around this one (FOLDER_LIMIT at
 * most, so a page does not grow with its folder) and whether there are more.
 */
export interface FolderView {
  name: string;
  /** The folder's own note, when it has one. */
  href?: string;
  notes: Array<{ title: string; href: string; current: boolean }>;
  more: boolean;
}

export const FOLDER_LIMIT = 10;

export interface GardenView {
  backlinks: BacklinkView[];
  tags: LinkView[];
  breadcrumbs: LinkView[];
  folder: FolderView;
}

export function gardenView(note: Note, garden: Garden): GardenView {
  const backlinks = (garden.backlinks.get(note) ?? []).map((link): BacklinkView => ({
    title: link.note.title,
    href: encodePath(link.note.url),
    context: link.context,
    ...(link.note.icon ?? garden.noteIcon ? { icon: link.note.icon ?? garden.noteIcon } : {}),
  }));
  const tags = note.tags.map((name): LinkView => {
    const tag = garden.tags.byKey.get(tagKey(name));
    return tag ? { text: name, href: encodePath(tag.url) } : { text: name };
  });
  return { backlinks, tags, breadcrumbs: note.home ? [] : breadcrumbs(note, garden.explorer), folder: folderView(note, garden.explorer) };
}

/** The folder the note is in (the home note: the garden's top level); a folder's own note shows its folder. */
export function folderView(note: Note, root: ExplorerFolder): FolderView {
  let folder: ExplorerFolder | undefined = root;
  for (const name of note.home ? [] : gardenPath(note).split("/").slice(0, -1)) folder = folder?.folders.find((child) => child.name === name);
  folder ??= root;
  // A window of the folder with the note in it: its neighbours, then "All notes" for the rest.
  const index = Math.max(0, folder.notes.findIndex((entry) => entry.url === note.url));
  const start = Math.max(0, Math.min(index - Math.floor(FOLDER_LIMIT / 2), folder.notes.length - FOLDER_LIMIT));
  const notes = folder.notes.slice(start, start + FOLDER_LIMIT).map((entry) => ({ title: entry.title, href: encodePath(entry.url), current: entry.url === note.url }));
  const view: FolderView = { name: folder.name, notes, more: folder.notes.length > FOLDER_LIMIT };
  if (folder.url !== undefined) view.href = encodePath(folder.url);
  return view;
}

/** Folders from the garden's root to the note; a folder with a folder note links to it. */
function breadcrumbs(note: Note, root: ExplorerFolder): LinkView[] {
  // The layout writes the first crumb's text in the site's language.
  const crumbs: LinkView[] = [{ text: "", href: "/", home: true }];
  let folder: ExplorerFolder | undefined = root;
  const names = gardenPath(note).split("/").slice(0, -1);
  for (const name of names) {
    folder = folder?.folders.find((child) => child.name === name);
    crumbs.push(folder?.url !== undefined && folder.url !== note.url ? { text: name, href: encodePath(folder.url) } : { text: name });
  }
  return crumbs;
}
