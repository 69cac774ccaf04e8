/**
 * Renders pages with the layouts and data of the build, outside Eleventy's template pipeline:
 * Eleventy's own Nunjucks environment and the view functions the templates use. A build writes
 * every article page this way, one at a time (src/eleventy/article-pages.ts), and `trellis serve`
 * renders the pages an edit changes; test/build/serve.test.ts checks both give the same bytes.
 */
import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { renderArticleBody } from "../article/render.ts";
import type { Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";
import type { SiteOptions } from "../site/options.ts";
import { atomFeed, jsonFeed } from "./feeds.ts";
import { redirectsFile, sitemapXml } from "./pages.ts";
import { pageEntry, type SiteData } from "./site-data.ts";

/** The part of a Nunjucks Environment this needs: Eleventy hands its own over (`eleventy.engine.njk`). */
export interface TemplateEnvironment {
  render(name: string, context: object): string;
  getTemplate(name: string, eagerCompile?: boolean): unknown;
}

/** The layouts pages are rendered with. */
export const LAYOUTS = ["layouts/article.njk", "layouts/home.njk", "layouts/tags.njk", "layouts/tag.njk", "layouts/redirect.njk"];

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

  /** A note's article page as a build writes it. */
  async article(note: Note, garden: Garden, data: SiteData): Promise<string> {
    return (await this.articleAndSearchDocument(note, garden, data, false)).html;
  }

  /**
   * The article page and, for a listed note, the document the search index reads: the same
   * header and body without the rest of the page, half the bytes to send and parse.
   */
  async articleAndSearchDocument(note: Note, garden: Garden, data: SiteData, search = true): Promise<{ html: string; searchDocument?: string }> {
    const entry = pageEntry(note, garden, data.viewOf(note));
    const content = renderArticleBody(this.#md, note, garden);
    const html = await this.#layout("layouts/article.njk", note.url, data, { entry, content });
    if (!search || note.hidden) return { html };
    return { html, searchDocument: this.#env.render("partials/search-document.njk", { trellis: data, entry, content }) };
  }

  async #layout(name: string, url: string, data: SiteData, context: object): Promise<string> {
    return this.#transformHtml(this.#env.render(name, { trellis: data, page: { url }, content: "", ...context }), url);
  }

  /** The page served at `url` as a build writes it, or undefined when no page is there now. */
  async render(url: string, garden: Garden, data: SiteData): Promise<string | undefined> {
    const site = this.#site;
    const features = site.features;
    const layout = (name: string, context: object) => this.#layout(name, url, data, context);

    const note = garden.byUrl.get(url);
    if (note) return this.article(note, garden, data);
    if (url === "/") return garden.home ? undefined : layout("layouts/home.njk", {});
    if (url === "/tags/") return layout("layouts/tags.njk", {});
    if (url.startsWith("/tags/")) {
      const tag = data.tagPages.find((candidate) => candidate.url === url);
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

/** What a build does to HTML after the layouts: the base path, when the site is served under one. */
export function htmlTransform(eleventyConfig: UserConfig, pathPrefix: string): (html: string, url: string) => Promise<string> {
  if (pathPrefix === "/") return async (html) => html;
  // The HTML base plugin's own filter: the transform it applies to every page of a build. Looked
  // up when first used, since Eleventy registers plugins' filters after the configuration ran.
  const config = eleventyConfig as UserConfig & { getFilter(name: string): ((this: unknown, html: string) => unknown) | undefined };
  return async (html, url) => {
    const withBase = config.getFilter("transformWithHtmlBase");
    if (!withBase) throw new Error("Trellis: the HTML base plugin is not loaded; pages cannot get the site's path prefix");
    return (await withBase.call({ page: { url } }, html)) as string;
  };
}
