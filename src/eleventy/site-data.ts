/** The data every Trellis page template receives, derived from the Garden once per build. */
import { articleView, encodePath, type ArticleView, type DateView } from "../article/view.ts";
import type { Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";
import type { SiteOptions } from "../site/options.ts";

export interface PageEntry {
  note: Note;
  view: ArticleView;
}

export interface ListItem {
  title: string;
  href: string;
  description?: string;
  updated?: DateView;
}

export interface SiteData {
  site: SiteOptions;
  /** Every published note's page, hidden ones included. */
  pages: PageEntry[];
  /** Published, listed notes for the home page: never hidden ones, never the home note itself. */
  recent: ListItem[];
  hasHome: boolean;
  /** Listed pages for the sitemap, with the date they last changed. */
  sitemap: Array<{ loc: string; lastmod?: string }>;
}

export const RECENT_LIMIT = 30;

function listItem(note: Note, view: ArticleView): ListItem {
  const item: ListItem = { title: note.title, href: encodePath(note.url) };
  if (note.description) item.description = note.description;
  if (view.updated ?? view.created) item.updated = view.updated ?? view.created;
  return item;
}

export function siteData(garden: Garden, site: SiteOptions): SiteData {
  const views = new Map(garden.notes.map((note) => [note, articleView(note, site)]));
  const viewOf = (note: Note): ArticleView => {
    const view = views.get(note);
    if (!view) throw new Error(`Trellis: no page for ${note.path}`);
    return view;
  };
  return {
    site,
    pages: garden.notes.map((note) => ({ note, view: viewOf(note) })),
    recent: garden.listed.filter((note) => !note.home).slice(0, RECENT_LIMIT).map((note) => listItem(note, viewOf(note))),
    hasHome: garden.home !== undefined,
    sitemap: garden.listed.map((note) => {
      const date = note.updated ?? note.created;
      const entry: { loc: string; lastmod?: string } = { loc: viewOf(note).canonical };
      if (date) entry.lastmod = date.toISOString();
      return entry;
    }),
  };
}
