/**
 * The article page's view model: everything the layout prints, computed here so that
 * templates only loop and print.
 */
import type { PropertyView } from "../properties.ts";
import type { PageFeatures } from "../../read/markdown/syntax/index.ts";
import type { HeadingEntry, Note } from "../../read/note.ts";
import { hiddenInGraph, noteSwitch, PAGE_PART_KEYS, pageParts, type MetaTag, type PageParts } from "../../read/page-settings.ts";
import type { DateFormat, SiteOptions } from "../../core/options.ts";
import type { Hero } from "../../read/note/hero.ts";
import { shareLinks, type ShareLink } from "./share.ts";
import { readingMinutes } from "../../read/note/reading.ts";
import { absoluteUrl, encodePath } from "../../core/urls.ts";

export interface ArticleView {
  url: string;
  title: string;
  /** The id links to the note's leading heading land on (see Note.titleId). */
  titleId?: string;
  /** `<title>`: the note title, then the site title (the home page shows the site title alone). */
  documentTitle: string;
  description: string;
  /** Absolute when the site url is configured, else the page path. */
  canonical: string;
  /** `picture` is the optimised, responsive markup when the image could be processed. */
  hero?: HeroView;
  created?: DateView;
  updated?: DateView;
  /** The description under the headline, when it says more than the opening paragraph. */
  dek?: string;
  /** `author`/`authors`: each linked to the author's note when that is a published note. */
  byline: BylineName[];
  /** A web clip: the page it was taken from, named by its site; `created` is then the clip's date. */
  source?: { url: string; site: string };
  /** When a clip's original was published. */
  published?: DateView;
  /** Minutes it takes to read (at 230 words a minute), shown as "5 min read"; none on the home page. */
  readingMinutes?: number;
  share: { url: string; title: string; links: ShareLink[] };
  /** JSON-LD, already serialised safely for a `<script>` element. */
  jsonLd: string;
  home: boolean;
  /** The properties the note shows, drawn (render/properties.ts); filled in by pageView, which has the Garden. */
  properties: PropertyView[];
  features: PageFeatures;
  /** Absolute address of the picture shown when the page is shared: the social card or the note's own image. */
  shareImage?: string;
  /** Other names of the note (aliases that are old addresses are redirects instead). */
  aliases: string[];
  /** The parts of the page the note shows (its `dg-show-…` keys over the site's features). */
  show: PageParts;
  /** The table of contents, when the page shows one. */
  toc: HeadingEntry[];
  /** The article element's classes, the note's own after Trellis's. */
  classes: string;
  /** The note's icon (`dg-note-icon`). */
  icon?: string;
  /** The note's extra meta tags, those the page does not already write from the note. */
  metaTags: MetaTag[];
}

/** Headings it takes before a page shows a table of contents unasked. */
const TOC_MIN_HEADINGS = 3;

/**
 * The table of contents: on when the note asks for one (`dg-show-toc: true`) and has a heading,
 * or by the site's default on pages with three or more headings.
 */
export function tableOfContents(note: Note, show: PageParts): HeadingEntry[] {
  const headings = note.headings ?? [];
  if (!show.toc) return [];
  const asked = noteSwitch(note.data, PAGE_PART_KEYS.toc) === true;
  return asked || headings.length >= TOC_MIN_HEADINGS ? headings : [];
}

/** Meta tags the page writes from the note's own fields: a `dg-metatags` entry sets those fields instead. */
const PAGE_META = new Set(["description", "og:description", "twitter:description", "og:image", "twitter:image", "og:title", "twitter:title", "og:url", "og:type", "og:site_name", "twitter:card", "article:published_time", "article:modified_time"]);

export interface HeroView extends Hero {
  absoluteSrc?: string;
  picture?: string;
  /**
   * A remote image the build could not fetch (offline, its host down): the figure keeps the
   * image's shape (`aspect`, CSS `aspect-ratio`) with the caption and credit, and a link to the
   * image on its own site, rather than a broken image.
   */
  unavailable?: { aspect: string; host: string };
}

export interface BylineName {
  name: string;
  href?: string;
  /** What comes before the name in the list (", ", " and "), in the site's language. */
  before: string;
}

/** The address of a published note an author `[[link]]` leads to; undefined for a note that is not published (or missing). */
export type AuthorResolver = (linkpath: string) => string | undefined;

export interface DateView {
  iso: string;
  /** Day as readers see it, in the site language. */
  text: string;
}

/** One formatter per language and style: making a formatter costs far more than formatting a date with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(language: string, style: Exclude<DateFormat, "iso">): Intl.DateTimeFormat {
  const key = `${language} ${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: "UTC" });
    dayFormats.set(key, format);
  }
  return format;
}

/** `format` is the site's `dateFormat`: an Intl date style in the site's language, or `iso` (2023-01-24). */
export function dateView(date: Date | undefined, language: string, format: DateFormat = "long"): DateView | undefined {
  if (!date) return undefined;
  let text: string;
  try {
    text = format === "iso" ? date.toISOString().slice(0, 10) : dayFormat(language, format).format(date);
  } catch {
    text = date.toISOString().slice(0, 10);
  }
  return { iso: date.toISOString(), text };
}

/** JSON for a `<script>` element: `<`, `>` and `&` cannot end the element or start a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * `resolveSrc` turns the hero's image path as written into the URL the site serves it at;
 * undefined drops a hero whose local file is missing.
 */
/** The address a note's page is shared and indexed at: absolute when the site's url is known. */
export function canonicalUrl(note: Note, site: SiteOptions): string {
  const path = encodePath(note.url);
  return absoluteUrl(site, path) ?? path;
}

const DAY_MS = 86_400_000;

/**
 * The dates a page shows: "Updated" only when it is a day or more after "Published" (the same
 * day twice says nothing), and never one before it (a first git commit after the frontmatter's
 * date would read "Published Nov 28, Updated Nov 20").
 */
export function shownDates(created: Date | undefined, updated: Date | undefined): { created?: Date; updated?: Date } {
  if (!created) return updated ? { updated } : {};
  if (!updated || updated.getTime() - created.getTime() < DAY_MS) return { created };
  return { created, updated };
}

const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(language: string): Intl.ListFormat {
  let format = listFormats.get(language);
  if (!format) {
    try {
      format = new Intl.ListFormat(language, { type: "conjunction" });
    } catch {
      format = new Intl.ListFormat("en", { type: "conjunction" });
    }
    listFormats.set(language, format);
  }
  return format;
}

/** The names of a byline with what goes between them ("A, B and C"), in the site's language. */
export function bylineNames(names: ReadonlyArray<{ name: string; href?: string }>, language: string): BylineName[] {
  if (names.length === 0) return [];
  const parts = listFormat(language).formatToParts(names.map((_, i) => `\u0000${i}`));
  const out: BylineName[] = [];
  let before = "";
  for (const part of parts) {
    if (part.type === "literal") before += part.value;
    else {
      const name = names[Number(part.value.slice(1))];
      if (name) out.push({ ...name, before });
      before = "";
    }
  }
  return out;
}

export function articleView(
  note: Note,
  site: SiteOptions,
  resolveSrc: (src: string) => string | undefined = (src) => src,
  resolveAuthor: AuthorResolver = () => undefined,
): ArticleView {
  const canonical = canonicalUrl(note, site);
  const ownMeta = new Map((note.metaTags ?? []).map((tag) => [tag.key.toLowerCase(), tag.content]));
  const description = ownMeta.get("description") ?? ownMeta.get("og:description") ?? note.description ?? site.description;
  const show = pageParts(note.data, site.features);
  // A note left out of the graph has no local graph of its own to show.
  if (hiddenInGraph(note.data)) show.localGraph = false;
  const heroSrc = note.hero ? resolveSrc(note.hero.src) : undefined;
  const hero = note.hero && heroSrc !== undefined ? { ...note.hero, src: heroSrc, absoluteSrc: absoluteUrl(site, heroSrc) } : undefined;
  // A clip's `created` is the day it was clipped (a note's own `published` is read as its `created`).
  const dates = shownDates(note.created, note.updated);
  const created = dateView(dates.created, site.language, site.dateFormat);
  const updated = dateView(dates.updated, site.language, site.dateFormat);
  const published = note.source ? dateView(note.published, site.language, site.dateFormat) : undefined;
  // Search engines get the real last change, unless it contradicts the publication date.
  const modified = note.updated && !(note.created && note.updated < note.created) ? note.updated : note.created;
  const byline = bylineNames(
    (note.authors ?? []).map((author) => {
      const href = author.linkpath === undefined ? undefined : resolveAuthor(author.linkpath);
      return href === undefined ? { name: author.name } : { name: author.name, href };
    }),
    site.language,
  );

  const jsonLd = articleJsonLd(note, site, { description, canonical, heroSrc: hero?.absoluteSrc, published: published ?? created, modified, byline });

  const view: ArticleView = {
    url: note.url,
    title: note.title,
    documentTitle: note.home ? site.title : `${note.title} · ${site.title}`,
    description,
    canonical,
    share: { url: canonical, title: note.title, links: shareLinks(canonical, note.title) },
    jsonLd: jsonForScript(jsonLd),
    home: note.home,
    properties: [],
    features: note.features,
    aliases: note.aliases.filter((alias) => !alias.startsWith("/")),
    show,
    toc: tableOfContents(note, show),
    classes: ["article", ...(note.classes ?? [])].join(" "),
    metaTags: (note.metaTags ?? []).filter((tag) => !PAGE_META.has(tag.key.toLowerCase())),
    byline,
  };
  // A site path (`/img/user/card.png`) is made absolute where the site's url is known, as Open Graph wants.
  const ownImage = ownMeta.get("og:image") ?? ownMeta.get("twitter:image");
  if (ownImage) view.shareImage = ownImage.startsWith("/") && !ownImage.startsWith("//") ? (absoluteUrl(site, ownImage) ?? ownImage) : ownImage;
  if (note.dek) view.dek = note.dek;
  if (note.source) view.source = note.source;
  if (published) view.published = published;
  if (!note.home && note.words !== undefined) view.readingMinutes = readingMinutes(note.words);
  if (note.titleId) view.titleId = note.titleId;
  const icon = note.icon ?? site.noteIcon;
  if (icon) view.icon = icon;
  if (hero) view.hero = hero;
  if (created) view.created = created;
  if (updated) view.updated = updated;
  return view;
}

/** The page's schema.org description for search engines: an Article (a NewsArticle for a web clip), or the WebSite on the home page. */
function articleJsonLd(
  note: Note,
  site: SiteOptions,
  facts: { description: string; canonical: string | undefined; heroSrc: string | undefined; published: { iso: string } | undefined; modified: Date | undefined; byline: Array<{ name: string; href?: string }> },
): Record<string, unknown> {
  const { description, canonical, heroSrc, published, modified, byline } = facts;
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": note.home ? "WebSite" : note.source ? "NewsArticle" : "Article",
    headline: note.title,
    name: note.title,
    description,
    url: canonical,
    inLanguage: site.language,
  };
  if (heroSrc) jsonLd["image"] = [heroSrc];
  if (published) jsonLd["datePublished"] = published.iso;
  if (modified) jsonLd["dateModified"] = modified.toISOString();
  if (byline.length > 0) {
    jsonLd["author"] = byline.map((author) => ({ "@type": "Person", name: author.name, ...(author.href ? { url: absoluteUrl(site, author.href) ?? author.href } : {}) }));
  } else if (site.author) jsonLd["author"] = { "@type": "Person", name: site.author };
  if (note.source) jsonLd["isBasedOn"] = note.source.url;
  if (!note.home) {
    const home = absoluteUrl(site, "/");
    jsonLd["publisher"] = { "@type": "Organization", name: site.title, ...(home ? { url: home } : {}) };
    jsonLd["mainEntityOfPage"] = { "@type": "WebPage", "@id": canonical };
  }
  return jsonLd;
}
