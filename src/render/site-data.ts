/** The data every Trellis page template receives, derived from the Garden once per build. */
import { explorerFiles, type ExplorerFiles } from "../garden/explorer-tree.ts";
import { gardenView, type GardenView } from "./article/garden-view.ts";
import { isPinned } from "../read/page-settings.ts";
import { articleView, canonicalUrl, dateView, type ArticleView, type DateView } from "./article/view.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { resolveTarget } from "../garden/links.ts";
import type { Note } from "../read/note.ts";
import { internalTarget } from "../read/references.ts";
import type { SiteOptions } from "../core/options.ts";
import { absoluteUrl, encodePath } from "../core/urls.ts";
import { pictureHtml } from "./images/optimise.ts";
import { contentSecurityPolicy, imageHost } from "../core/csp.ts";
import { THEME_SCRIPT } from "../core/theme-script.ts";
import { heroOverrides } from "../read/fields.ts";
import { cardUrl } from "./images/social-card.ts";
import { graphData } from "./graph-data.ts";
import { siteStrings, type Strings } from "../core/strings.ts";
import { noteIndexOrder } from "../garden/note-index.ts";
import { listPageCount, listPageItems, listPageUrl } from "../garden/list-pages.ts";
import { propertyViews } from "./properties.ts";
import { combinedFeatures, type PageFeatures } from "../read/markdown/syntax/index.ts";

export interface PageEntry {
  note: Note;
  view: ArticleView;
  garden: GardenView;
  /** This page's Content-Security-Policy. */
  csp: string;
  /** The page offers videos (its note's or an embedded note's): it loads the script that plays them. */
  videos: boolean;
  /** What the notes the page shows need (its own and those it embeds): styles and scripts to load. */
  features: PageFeatures;
}

export interface ListItem {
  title: string;
  href: string;
  description?: string;
  updated?: DateView;
  /** `dg-pinned`: listed first, with a pin mark. */
  pinned?: true;
  icon?: string;
}

/** One page of a list of notes that grows with the garden (list-pages.ts): a tag's, or the index of every note. */
export interface ListPage {
  /** This page's address; the first page is the list's own. */
  url: string;
  /** Notes in the list, on all its pages. */
  count: number;
  /** The notes on this page, as the page shows them. */
  notes: ListItem[];
  /** The notes on this page, for the page's key (emit/outputs.ts). */
  members: readonly Note[];
  /** From 1, of `pages`. */
  page: number;
  pages: number;
  previous?: string;
  next?: string;
}

export interface TagPage extends ListPage {
  name: string;
}

/** The pages of a list of notes, the first at `first`, each with `extra`; a page's items are made when it is shown. */
function listPages<Extra extends object>(all: readonly Note[], first: string, site: SiteOptions, extra: Extra): Array<ListPage & Extra> {
  const pages = listPageCount(all.length);
  return Array.from({ length: pages }, (_, i): ListPage & Extra => {
    const page = i + 1;
    const members = listPageItems(all, page);
    let items: ListItem[] | undefined;
    const entry: ListPage & Extra = {
      ...extra,
      url: listPageUrl(first, page),
      count: all.length,
      get notes() {
        return (items ??= members.map((note) => listItem(note, site)));
      },
      members,
      page,
      pages,
    };
    if (page > 1) entry.previous = listPageUrl(first, page - 1);
    if (page < pages) entry.next = listPageUrl(first, page + 1);
    return entry;
  });
}

export interface SiteData {
  site: SiteOptions;
  /** The interface text in the site's language: `trellis.t("search")`, `trellis.t("pageOf", { page, pages })`. */
  t: Strings["t"];
  /** The language's direction, for `<html dir>`. */
  dir: Strings["dir"];
  /** The texts the browser scripts show, as JSON for `<html data-strings>`; `{}` when they are the English the scripts hold. */
  clientStrings: string;
  /** The inline script in every page's head that sets the reader's colour scheme (theme-script.ts). */
  themeScript: string;
  /** A note's article view, made when a page shows it. */
  viewOf(note: Note): ArticleView;
  /** Published, listed notes for the home page: never hidden ones, never the home note itself. */
  recent: ListItem[];
  hasHome: boolean;
  /** The site has a search index: search is on and some note is listed (a build writes no index of nothing). */
  hasSearch: boolean;
  /** Where the site's listings are: a note may have taken their own address (site-pages.ts). */
  pages: { tags: string; graph: string };
  /** Every tag, as the first page of its list (the tag index links these). */
  tags: TagPage[];
  /** Every page of every tag's list. */
  tagPages: TagPage[];
  /** Every page of the index of notes; the first is the graph page. */
  notePages: ListPage[];
  /** Listed pages for the sitemap, with the date they last changed. */
  sitemap: Array<{ loc: string; lastmod?: string }>;
  /** Old addresses and where they lead: absolute when the site url is known, else a site path (the base-path step adds the prefix). */
  redirects: Array<{ from: string; to: string; target: string }>;
  /** The Content-Security-Policy of pages that show no note. */
  csp: string;
  /** The explorer's files (one per folder) and the graph, serialised once and served as shared files. */
  explorer: ExplorerFiles;
  /** The explorer's folders a page opens: the ids of those on the way to it, space-separated. */
  explorerOpen(url: string): string;
  graphJson: string;
}

export const RECENT_LIMIT = 30;

/** The notes the home page lists: pinned ones (`dg-pinned`) first, the rest as recently changed. */
export function recentNotes(garden: Garden): Note[] {
  const notes = garden.listed.filter((note) => !note.home);
  return [...notes.filter((note) => isPinned(note.data)), ...notes.filter((note) => !isPinned(note.data))].slice(0, RECENT_LIMIT);
}

/** A note as lists (tag pages, recent notes) show it: no article view needed. */
export function listItem(note: Note, site: SiteOptions): ListItem {
  const item: ListItem = { title: note.title, href: encodePath(note.url) };
  if (note.description) item.description = note.description;
  const date = dateView(note.updated ?? note.created, site.language, site.dateFormat);
  if (date) item.updated = date;
  if (isPinned(note.data)) item.pinned = true;
  const icon = note.icon ?? site.noteIcon;
  if (icon) item.icon = icon;
  return item;
}

/** A local image path (`Attachments/x.png`) as the site serves it; remote URLs pass through. */
export function assetSource(garden: Garden, note: Note): (src: string) => string | undefined {
  return (src) => {
    const written = internalTarget(src);
    if (!written) return src;
    const { target } = resolveTarget(garden.resolver, garden, written.linkpath, note.path);
    return target.kind === "attachment" ? garden.attachments.get(target.path) : undefined;
  };
}

/** The page of the published note an author `[[link]]` leads to; a link to a note that is not published leads nowhere. */
export function authorPage(garden: Garden, note: Note): (linkpath: string) => string | undefined {
  return (linkpath) => {
    const { target } = resolveTarget(garden.resolver, garden, linkpath, note.path);
    return target.kind === "note" ? encodePath(target.note.url) : undefined;
  };
}

/**
 * The hero's responsive <picture>, when its image was optimised; loaded first, never lazily.
 * A remote hero the build could not fetch is shown from its own address, over a box of its shape (see HeroView).
 */
function withHeroPicture(view: ArticleView, images: ReadonlyMap<string, ImageMetadata>): ArticleView {
  const hero = view.hero;
  if (!hero) return view;
  const metadata = images.get(hero.src);
  if (metadata) hero.picture = pictureHtml(metadata, { alt: hero.alt, sizes: HERO_SIZES, priority: true });
  else {
    const origin = imageHost(hero.src);
    if (origin) hero.unavailable = { aspect: hero.width && hero.height ? `${hero.width} / ${hero.height}` : "16 / 9", host: new URL(origin).host.replace(/^www\./, "") };
  }
  return view;
}

/** The hero spans the wide column (56rem) on large screens. */
const HERO_SIZES = "(min-width: 60rem) 56rem, 100vw";

/** A note's article view as its page and the lists show it; `trellis serve` computes it for the notes an edit changed. */
export function pageView(note: Note, garden: Garden, artefacts: Artefacts, site: SiteOptions): ArticleView {
  const view = withHeroPicture(articleView(note, site, assetSource(garden, note), authorPage(garden, note)), artefacts.images);
  view.properties = propertyViews(note.properties, { garden, from: note, site });
  // The note's social card, unless the note names its own image to share.
  const card = artefacts.cards.get(note.path);
  const ownImage = heroOverrides(note.data).image;
  // An `og:image` of the note's `dg-metatags` is the note's choice.
  if (view.shareImage) return view;
  if (card && !ownImage) view.shareImage = absoluteUrl(site, cardUrl(card));
  else if (view.hero?.absoluteSrc) view.shareImage = view.hero.absoluteSrc;
  return view;
}

/** The notes a note's page shows: its own and those it embeds, at any depth. */
function notesOnPage(note: Note, garden: Garden, into = new Set<Note>()): Set<Note> {
  if (into.has(note)) return into;
  into.add(note);
  for (const reference of note.references) {
    if (reference.kind !== "embed") continue;
    const { target } = resolveTarget(garden.resolver, garden, reference.linkpath, note.path);
    if (target.kind === "note") notesOnPage(target.note, garden, into);
  }
  return into;
}

/** Hosts of the remote images the notes show as they are (not optimised). */
function remoteImageHosts(notes: Iterable<Note>, images: ReadonlyMap<string, ImageMetadata>): string[] {
  return [...notes]
    .flatMap((note) => [...note.remoteImages, ...(note.hero ? [note.hero.src] : [])])
    .filter((url) => !images.has(url))
    .map(imageHost)
    .filter((host): host is string => host !== undefined);
}

/** One note's page: its view, what the rest of the garden shows on it, its security policy. */
export function pageEntry(note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, view: ArticleView): PageEntry {
  const notes = notesOnPage(note, garden);
  const features = combinedFeatures([...notes].map((shown) => shown.features));
  return { note, view, garden: gardenView(note, garden), csp: contentSecurityPolicy(remoteImageHosts(notes, images), features.players), videos: features.players.length > 0, features };
}

/**
 * The data the templates read, computed on demand: a page that shows the recent notes should
 * not pay for the sitemap, and a tag page only for its own notes. Nothing here holds a page
 * per note, so memory does not grow with rendered pages.
 */
export function siteData(garden: Garden, artefacts: Artefacts, site: SiteOptions): SiteData {
  const viewOf = (note: Note) => pageView(note, garden, artefacts, site);
  const once = <T>(make: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: make() }).v;
  };
  const recent = once(() => recentNotes(garden).map((note) => listItem(note, site)));
  const tagPages = once(() =>
    garden.tags.all.flatMap((tag): TagPage[] => listPages(tag.notes, tag.url, site, { name: tag.name })),
  );
  const tags = once(() => tagPages().filter((page) => page.page === 1));
  const graphUrl = garden.listings.graph;
  const notePages = once(() => listPages(noteIndexOrder(garden.listed), graphUrl, site, {}));
  const sitemap = once(() =>
    garden.listed.map((note) => {
      const date = note.updated ?? note.created;
      const entry: { loc: string; lastmod?: string } = { loc: canonicalUrl(note, site) };
      if (date) entry.lastmod = date.toISOString();
      return entry;
    }),
  );
  const redirects = once(() => artefacts.redirects.map((r) => ({ from: r.from, to: encodePath(r.to), target: absoluteUrl(site, encodePath(r.to)) ?? encodePath(r.to) })));
  const explorer = once(() => explorerFiles(garden.explorer));
  const graphJson = once(() => JSON.stringify(graphData(garden)));
  const strings = siteStrings(site.language, site.strings);
  return {
    site,
    t: strings.t,
    dir: strings.dir,
    clientStrings: JSON.stringify(strings.client),
    themeScript: THEME_SCRIPT,
    csp: contentSecurityPolicy(),
    viewOf,
    get recent() {
      return recent();
    },
    hasHome: garden.home !== undefined,
    hasSearch: site.features.search && garden.listed.length > 0,
    pages: garden.listings,
    get tags() {
      return tags();
    },
    get tagPages() {
      return tagPages();
    },
    get notePages() {
      return notePages();
    },
    get sitemap() {
      return sitemap();
    },
    get redirects() {
      return redirects();
    },
    get explorer() {
      return explorer();
    },
    explorerOpen: (url) => explorer().openFor.get(url)?.join(" ") ?? "",
    get graphJson() {
      return graphJson();
    },
  };
}
