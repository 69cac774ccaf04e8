/**
 * The article page's view model: everything the layout prints, computed here so that
 * templates only loop and print.
 */
import type { Property } from "../garden/fields.ts";
import type { PageFeatures } from "../markdown/syntax/index.ts";
import type { Note } from "../garden/note.ts";
import type { SiteOptions } from "../site/options.ts";
import type { Hero } from "../note/hero.ts";
import { shareLinks, type ShareLink } from "./share.ts";
import { readingMinutes } from "../note/reading.ts";
import { absoluteUrl, encodePath } from "../site/urls.ts";

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
  /** "5 min read" (at 230 words a minute); none on the home page. */
  readingTime?: string;
  share: { url: string; title: string; links: ShareLink[] };
  /** JSON-LD, already serialised safely for a `<script>` element. */
  jsonLd: string;
  home: boolean;
  properties: Property[];
  features: PageFeatures;
  /** Absolute address of the picture shown when the page is shared: the social card or the note's own image. */
  shareImage?: string;
  /** Other names of the note (aliases that are old addresses are redirects instead). */
  aliases: string[];
}

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

/** One formatter per language: making a formatter costs far more than formatting a date with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(language: string): Intl.DateTimeFormat {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    dayFormats.set(language, format);
  }
  return format;
}

export function dateView(date: Date | undefined, language: string): DateView | undefined {
  if (!date) return undefined;
  let text: string;
  try {
    text = dayFormat(language).format(date);
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
  const description = note.description ?? site.description;
  const heroSrc = note.hero ? resolveSrc(note.hero.src) : undefined;
  const hero = note.hero && heroSrc !== undefined ? { ...note.hero, src: heroSrc, absoluteSrc: absoluteUrl(site, heroSrc) } : undefined;
  // A clip's `created` is the day it was clipped (a note's own `published` is read as its `created`).
  const createdDate = note.created;
  const dates = shownDates(createdDate, note.updated);
  const created = dateView(dates.created, site.language);
  const updated = dateView(dates.updated, site.language);
  const published = note.source ? dateView(note.published, site.language) : undefined;
  // Search engines get the real last change, unless it contradicts the publication date.
  const modified = note.updated && !(createdDate && note.updated < createdDate) ? note.updated : createdDate;
  const byline = bylineNames(
    (note.authors ?? []).map((author) => {
      const href = author.linkpath === undefined ? undefined : resolveAuthor(author.linkpath);
      return href === undefined ? { name: author.name } : { name: author.name, href };
    }),
    site.language,
  );

  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": note.home ? "WebSite" : note.source ? "NewsArticle" : "Article",
    headline: note.title,
    name: note.title,
    description,
    url: canonical,
    inLanguage: site.language,
  };
  if (hero?.absoluteSrc) jsonLd["image"] = [hero.absoluteSrc];
  const firstPublished = published ?? created;
  if (firstPublished) jsonLd["datePublished"] = firstPublished.iso;
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

  const view: ArticleView = {
    url: note.url,
    title: note.title,
    documentTitle: note.home ? site.title : `${note.title} · ${site.title}`,
    description,
    canonical,
    share: { url: canonical, title: note.title, links: shareLinks(canonical, note.title) },
    jsonLd: jsonForScript(jsonLd),
    home: note.home,
    properties: note.properties,
    features: note.features,
    aliases: note.aliases.filter((alias) => !alias.startsWith("/")),
    byline,
  };
  if (note.dek) view.dek = note.dek;
  if (note.source) view.source = note.source;
  if (published) view.published = published;
  if (!note.home && note.words !== undefined) view.readingTime = `${readingMinutes(note.words)} min read`;
  if (note.titleId) view.titleId = note.titleId;
  if (hero) view.hero = hero;
  if (created) view.created = created;
  if (updated) view.updated = updated;
  return view;
}
