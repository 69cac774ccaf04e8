/**
 * The one renderer of Trellis's pages: every page of the garden (articles, the home page, tag
 * pages, redirect pages) and every file made from it (feeds), whether a build or an edit in
 * `trellis serve` asked for it. Layouts are Eleventy's: its own Nunjucks environment, handed
 * over by the `eleventy.engine.njk` event, and the HTML transforms of its plugins.
 */
import { NOT_FOUND_PAGE } from "../garden/site-pages.ts";
import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { renderArticleBody } from "./article/render.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import type { Note } from "../read/note.ts";
import type { SiteOptions } from "../core/options.ts";
import type { BodyCache } from "./body-cache.ts";
import type { BodyWorker, RenderedBody } from "./body-pool.ts";
import { bodyKey } from "./article-key.ts";
import { searchLanguage as searchLanguageOf } from "../garden/search-languages.ts";
import { basePage, reportBaseProblems } from "./bases.ts";
import { canvasPage } from "./canvas.ts";
import { pageEntry, type ListPage, type SiteData, type TagPage } from "./site-data.ts";

/** The part of a Nunjucks Environment this needs: Eleventy hands its own over (`eleventy.engine.njk`). */
export interface TemplateEnvironment {
  render(name: string, context: object): string;
  getTemplate(name: string, eagerCompile?: boolean): unknown;
}

/** Where Eleventy writes a permalink: `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`. */
export function outputFile(url: string): string {
  return (url.endsWith("/") ? `${url}index.html` : url).replace(/^\/+/, "");
}

export interface PageRendererOptions {
  md: MarkdownIt;
  /** The data every layout reads as `trellis` (siteData), made once for a build. */
  data: SiteData;
  env: TemplateEnvironment;
  /** What a build does to every HTML page after its layout (the base path, when the site has one). */
  transformHtml: (html: string, url: string) => Promise<string>;
  garden: Garden;
  artefacts: Artefacts;
  /** Bodies rendered by earlier builds; without it every body is rendered. */
  bodies?: BodyCache | undefined;
  /** A second thread that renders the bodies asked for ahead (prefetch). */
  worker?: BodyWorker | undefined;
}

/** A rendered page, with the document the search index reads of it and the problems rendering found. */
export interface RenderedPage {
  text: string;
  searchDocument?: string;
  diagnostics: Diagnostic[];
}

/** Renders the pages of one Garden with its artefacts. */
export class PageRenderer {
  readonly md: MarkdownIt;
  readonly site: SiteOptions;
  readonly garden: Garden;
  readonly artefacts: Artefacts;
  /** The data every layout reads as `trellis`. */
  readonly data: SiteData;
  readonly #env: TemplateEnvironment;
  readonly #transformHtml: (html: string, url: string) => Promise<string>;
  readonly #bodies: BodyCache | undefined;
  readonly #worker: BodyWorker | undefined;
  /** Bodies asked for ahead, by note path, until their page takes them. */
  readonly #ahead = new Map<string, Promise<RenderedBody>>();

  constructor(options: PageRendererOptions) {
    this.md = options.md;
    this.site = options.data.site;
    this.garden = options.garden;
    this.artefacts = options.artefacts;
    this.#env = options.env;
    this.#transformHtml = options.transformHtml;
    this.#bodies = options.bodies;
    this.#worker = options.worker;
    this.data = options.data;
  }

  /** Has the worker thread render a note's body now, for its page to take soon (emit.ts asks a few pages ahead). */
  prefetch(note: Note): void {
    if (!this.#worker?.ready || this.#ahead.has(note.path)) return;
    this.#ahead.set(note.path, this.#renderBody(note, this.#worker));
  }

  /** A note's body as its page shows it; problems rendering finds are added to `diagnostics`. */
  async body(note: Note, diagnostics: Diagnostic[]): Promise<string> {
    const ahead = this.#ahead.get(note.path);
    this.#ahead.delete(note.path);
    const { html, diagnostics: found } = await (ahead ?? this.#renderBody(note));
    diagnostics.push(...found);
    return html;
  }

  /**
   * The note's page is taken over from the previous site: its body, not rendered, stays in the
   * cache all the same (a build removes the entries it did not use), for the build that renders
   * the page again or indexes it anew.
   */
  keepBody(note: Note): void {
    const cache = this.#bodies;
    cache?.keep(cache.key(bodyKey(note, this.garden, this.artefacts.images)));
  }

  /** From the cache, else from the worker when given one (and it can), else rendered here. */
  async #renderBody(note: Note, worker?: BodyWorker): Promise<RenderedBody> {
    const cache = this.#bodies;
    const key = cache?.key(bodyKey(note, this.garden, this.artefacts.images));
    const cached = key === undefined ? undefined : await cache?.get(key);
    if (cached) return cached;
    let rendered = await worker?.render(note.path);
    if (!rendered) {
      const diagnostics: Diagnostic[] = [];
      rendered = { html: renderArticleBody(this.md, note, this.garden, this.artefacts.images, diagnostics, this.site), diagnostics };
    }
    if (key !== undefined) await cache?.put(key, rendered);
    return rendered;
  }

  /**
   * A note's article page and, for a listed note when the site has search, the document the
   * search index reads: the same header and body without the rest of the page.
   */
  async article(note: Note): Promise<RenderedPage> {
    const diagnostics: Diagnostic[] = [];
    const entry = pageEntry(note, this.garden, this.artefacts.images, this.data.viewOf(note));
    const content = await this.body(note, diagnostics);
    const text = await this.#layout("layouts/article.njk", note.url, { entry, content });
    const searchDocument = this.#searchDocument(note, entry, content);
    return searchDocument === undefined ? { text, diagnostics } : { text, searchDocument, diagnostics };
  }

  /** A note's search document alone, as `article` makes it, without its page. */
  async articleSearchDocument(note: Note): Promise<string | undefined> {
    if (!this.site.features.search || note.hidden) return undefined;
    const entry = pageEntry(note, this.garden, this.artefacts.images, this.data.viewOf(note));
    return this.#searchDocument(note, entry, await this.body(note, []));
  }

  /** The header and body search reads, for a listed note when the site has search. */
  #searchDocument(note: Note, entry: ReturnType<typeof pageEntry>, content: string): string | undefined {
    if (!this.site.features.search || note.hidden) return undefined;
    return this.#env.render("partials/search-document.njk", { trellis: this.data, entry: { ...entry, searchLanguage: searchLanguageOf(note, this.site.language) }, content });
  }

  /** The site's home page when no note is the home note. */
  home(): Promise<string> {
    return this.#layout("layouts/home.njk", "/", {});
  }

  tagIndex(): Promise<string> {
    return this.#layout("layouts/tags.njk", this.data.pages.tags, {});
  }

  tag(tag: TagPage): Promise<string> {
    return this.#layout("layouts/tag.njk", tag.url, { tag });
  }

  /** A page of the index of notes; the first is the graph page. */
  noteIndex(index: ListPage): Promise<string> {
    return this.#layout("layouts/graph.njk", index.url, { notesPage: index });
  }

  /** A canvas's own page (render/canvas.ts), which search indexes. */
  async canvasPage(file: string, url: string): Promise<RenderedPage> {
    const diagnostics: Diagnostic[] = [];
    const page = canvasPage(file, { md: this.md, garden: this.garden, images: this.artefacts.images, site: this.site, diagnostics });
    const text = await this.#layout("layouts/canvas-page.njk", url, { canvasPage: page });
    return { text, diagnostics, ...(this.site.features.search ? { searchDocument: page.searchDocument } : {}) };
  }

  /** A base's own page (render/bases.ts), with the problems its evaluation found. */
  async basePage(file: string, url: string): Promise<RenderedPage> {
    const { page, problems } = basePage(file, this.garden, this.site);
    const diagnostics: Diagnostic[] = [];
    reportBaseProblems({ diagnostics }, problems);
    return { text: await this.#layout("layouts/base-page.njk", url, { basePage: page }), diagnostics };
  }

  redirect(redirect: SiteData["redirects"][number]): Promise<string> {
    return this.#layout("layouts/redirect.njk", redirect.from, { redirect });
  }

  /** The page hosts show for an address the site has no file for. */
  notFound(): Promise<string> {
    return this.#layout("layouts/404.njk", NOT_FOUND_PAGE, {});
  }

  async #layout(name: string, url: string, context: object): Promise<string> {
    return this.#transformHtml(this.#env.render(name, { trellis: this.data, page: { url }, content: "", ...context }), url);
  }
}

/** What a build does to HTML after the layouts: the base path, when the site is served under one. */
export function htmlTransform(eleventyConfig: UserConfig, pathPrefix: string): (html: string, url: string) => Promise<string> {
  if (pathPrefix === "/") return async (html) => html;
  // The base is given to the filter: a garden mounted in a host site loads the plugin with the base "/", for the host's pages.
  // The HTML base plugin's own filter: the transform it applies to every page of a build. Looked
  // up when first used, since Eleventy registers plugins' filters after the configuration ran.
  const config = eleventyConfig as UserConfig & { getFilter(name: string): ((this: unknown, html: string, base: string) => unknown) | undefined };
  return async (html, url) => {
    const withBase = config.getFilter("transformWithHtmlBase");
    if (!withBase) throw new Error("Trellis: the HTML base plugin is not loaded; pages cannot get the site's path prefix");
    return (await withBase.call({ page: { url } }, html, pathPrefix)) as string;
  };
}
