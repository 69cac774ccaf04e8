/**
 * Renders single pages of the site outside an Eleventy build, with the layouts and data a
 * build uses: the same page list as src/eleventy/pages.ts, Eleventy's own Nunjucks environment
 * and the same view functions, so that a page rendered here is byte for byte the page a full
 * build writes (test/build/serve.test.ts compares them).
 */
import type MarkdownIt from "markdown-it";
import { renderArticleBody } from "../article/render.ts";
import type { ArticleView } from "../article/view.ts";
import { atomFeed, jsonFeed } from "../eleventy/feeds.ts";
import { graphData } from "../eleventy/graph-data.ts";
import { redirectsFile, sitemapXml } from "../eleventy/pages.ts";
import { listItem, pageEntry, pageView, RECENT_LIMIT, type ListItem, type PageEntry, type SiteData, type TagPage } from "../eleventy/site-data.ts";
import type { Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";
import type { SiteOptions } from "../site/options.ts";
import { contentSecurityPolicy } from "../site/csp.ts";
import { absoluteUrl, encodePath } from "../site/urls.ts";

/** The part of a Nunjucks Environment this needs: Eleventy hands its own over (`eleventy.engine.njk`). */
export interface TemplateEnvironment {
  render(name: string, context: object): string;
  getTemplate(name: string, eagerCompile?: boolean): unknown;
}

/** The layouts pages are rendered with. */
export const LAYOUTS = ["layouts/article.njk", "layouts/home.njk", "layouts/tags.njk", "layouts/tag.njk", "layouts/redirect.njk"];

/** Views of the notes' pages, computed once per note object: an edited note is a new object. */
export class ViewCache {
  #views = new WeakMap<Note, ArticleView>();

  of(note: Note, garden: Garden, site: SiteOptions): ArticleView {
    let view = this.#views.get(note);
    if (!view) {
      view = pageView(note, garden, site);
      this.#views.set(note, view);
    }
    return view;
  }

  /** Heroes depend on attachment addresses and optimised images: when those change, views are made again. */
  clear(): void {
    this.#views = new WeakMap();
  }
}

/**
 * The data the templates read (SiteData), computed on demand: a page that shows the recent
 * notes should not pay for the sitemap, and a tag page only for its own notes.
 */
export function liveSiteData(garden: Garden, site: SiteOptions, views: ViewCache): SiteData {
  const viewOf = (note: Note) => views.of(note, garden, site);
  const once = <T>(make: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: make() }).v;
  };
  // Only the feeds read every page (for the heroes of their notes); an entry is made when read.
  const pages = once(() =>
    garden.notes.map((note) => {
      let entry: PageEntry | undefined;
      const made = () => (entry ??= pageEntry(note, garden, viewOf(note)));
      return {
        note,
        get view() {
          return made().view;
        },
        get garden() {
          return made().garden;
        },
        get csp() {
          return made().csp;
        },
      };
    }),
  );
  const recent = once(() => garden.listed.filter((note) => !note.home).slice(0, RECENT_LIMIT).map((note) => listItem(note, viewOf(note))));
  const tags = once(() =>
    garden.tags.all.map((tag): TagPage => {
      let items: ListItem[] | undefined;
      return {
        name: tag.name,
        url: tag.url,
        count: tag.notes.length,
        get notes() {
          return (items ??= tag.notes.map((note) => listItem(note, viewOf(note))));
        },
      };
    }),
  );
  const sitemap = once(() =>
    garden.listed.map((note) => {
      const date = note.updated ?? note.created;
      const entry: { loc: string; lastmod?: string } = { loc: viewOf(note).canonical };
      if (date) entry.lastmod = date.toISOString();
      return entry;
    }),
  );
  const redirects = once(() => garden.redirects.map((r) => ({ from: r.from, to: encodePath(r.to), target: absoluteUrl(site, encodePath(r.to)) ?? encodePath(r.to) })));
  const explorerJson = once(() => JSON.stringify({ tree: garden.explorer }));
  const graphJson = once(() => JSON.stringify(graphData(garden)));
  return {
    site,
    csp: contentSecurityPolicy(),
    get pages() {
      return pages();
    },
    get recent() {
      return recent();
    },
    hasHome: garden.home !== undefined,
    get tags() {
      return tags();
    },
    get sitemap() {
      return sitemap();
    },
    get redirects() {
      return redirects();
    },
    get explorerJson() {
      return explorerJson();
    },
    get graphJson() {
      return graphJson();
    },
  };
}

export interface RenderedPage {
  /** Site path it is served at. */
  url: string;
  text: string;
}

/** Where Eleventy writes a permalink: `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`. */
export function outputFile(url: string): string {
  return (url.endsWith("/") ? `${url}index.html` : url).replace(/^\/+/, "");
}

export interface PageRendererOptions {
  md: MarkdownIt;
  site: SiteOptions;
  env: TemplateEnvironment;
  /** What a build does to every HTML page after its layout (the base path, when the site has one). */
  transformHtml: (html: string, url: string) => Promise<string>;
}

export class PageRenderer {
  readonly #md: MarkdownIt;
  readonly #site: SiteOptions;
  readonly #env: TemplateEnvironment;
  readonly #transformHtml: (html: string, url: string) => Promise<string>;

  constructor(options: PageRendererOptions) {
    this.#md = options.md;
    this.#site = options.site;
    this.#env = options.env;
    this.#transformHtml = options.transformHtml;
  }

  /** The page served at `url` as a build writes it, or undefined when no page is there now. */
  async render(url: string, garden: Garden, data: SiteData, views: ViewCache): Promise<string | undefined> {
    const site = this.#site;
    const features = site.features;
    const layout = async (name: string, context: object) => this.#transformHtml(this.#env.render(name, { trellis: data, page: { url }, content: "", ...context }), url);

    const note = garden.byUrl.get(url);
    if (note) {
      const entry = pageEntry(note, garden, views.of(note, garden, site));
      return layout("layouts/article.njk", { entry, content: renderArticleBody(this.#md, note, garden) });
    }
    if (url === "/") return garden.home ? undefined : layout("layouts/home.njk", {});
    if (url === "/tags/") return layout("layouts/tags.njk", {});
    if (url.startsWith("/tags/")) {
      const tag = data.tags.find((candidate) => candidate.url === url);
      if (tag) return layout("layouts/tag.njk", { tag });
    }
    switch (url) {
      case "/explorer.json":
        return features.explorer ? data.explorerJson : undefined;
      case "/graph.json":
        return features.graph ? data.graphJson : undefined;
      case "/sitemap.xml":
        return sitemapXml(data);
      case "/feed.xml":
        return site.url && features.feeds ? atomFeed(garden, data, this.#md) : undefined;
      case "/feed.json":
        return site.url && features.feeds ? jsonFeed(garden, data, this.#md) : undefined;
      case "/_redirects":
        return redirectsFile(data);
    }
    const redirect = data.redirects.find((candidate) => candidate.from === url);
    if (redirect) return layout("layouts/redirect.njk", { redirect });
    return undefined;
  }
}
