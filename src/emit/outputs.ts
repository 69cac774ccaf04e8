/**
 * Every file Trellis writes into a site, as one list: each output names its file, a key that
 * changes whenever its content can, and how to make it. A full build makes every output; an
 * edit in `trellis serve` makes the outputs whose key changed and removes those that are gone
 * (emit.ts). The list is the one place that says what a garden publishes: nothing else writes
 * into the site.
 */
import { addressKey } from "../core/vault-paths.ts";
import { GardenError, type Diagnostic } from "../core/diagnostics.ts";
import { atomFeed, feedNotes, jsonFeed } from "../render/feeds.ts";
import { outputFile, type PageRenderer, type RenderedPage } from "../render/page-renderer.ts";
import { recentNotes, type SiteData } from "../render/site-data.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import type { Note } from "../read/note.ts";
import { vaultSource } from "../read/layout.ts";
import { redirectLine } from "../garden/redirects.ts";
import { redirectsFile, robotsTxt, sitemapXml } from "./data-files.ts";
import { generatedFiles } from "../render/images/optimise.ts";
import { cardUrl } from "../render/images/social-card.ts";
import { articleKey, noteFacts } from "../render/article-key.ts";
import { EXPLORER_TITLES } from "../garden/explorer-tree.ts";
import type { SitePage } from "../garden/site-pages.ts";
import { isBaseFile, isCanvasFile, isCopyable } from "../read/files.ts";
import { canvasKey } from "../render/canvas.ts";
import { baseKey } from "../render/bases.ts";

/** A file made by rendering. */
export interface RenderedOutput {
  kind: "render";
  /** Relative to the output folder, forward slashes. */
  file: string;
  /** The note it shows, when it is an article page: the one blamed when two outputs claim a file. */
  note?: Note;
  /** The line of the note's frontmatter that gave it this address. */
  line?: number;
  /** Changes whenever the content can; computed only when outputs are compared. */
  key(): string;
  render(renderer: PageRenderer): Promise<RenderedPage>;
  /** Starts the slow part of its rendering elsewhere, a few pages before it is rendered (an article's body). */
  prefetch?(renderer: PageRenderer): void;
  /** Its search document alone, made more cheaply than the whole page (an article's). */
  searchDocument?(renderer: PageRenderer): Promise<string | undefined>;
  /** Taken over unrendered: what the renderer caches for it is still in use (an article's body). */
  keep?(renderer: PageRenderer): void;
}

/** A file copied as it is: an attachment, an optimised image, a social card. */
export interface CopiedOutput {
  kind: "copy";
  /** An attachment of the author's: an image loses its metadata (GPS position and the like) on the way (clean-copy.ts). */
  attachment?: boolean;
  /**
   * A file of Trellis's cache (an optimised image, a social card): named by what it holds and
   * never written again, so the site shares it (a hard link) instead of holding a copy.
   */
  cached?: boolean;
  file: string;
  /** Absolute path of the file to copy. */
  from: string;
  key(): string;
}

export type Output = RenderedOutput | CopiedOutput;

/** What every emitter of a garden's outputs works from. */
interface Emitting {
  garden: Garden;
  artefacts: Artefacts;
  data: SiteData;
  /** A page of the site, keyed by `key` and the listings every page's navigation links to. */
  page(url: string, key: () => string, render: (renderer: PageRenderer) => Promise<string>): RenderedOutput;
  /** A small file: its own key, made and compared, never stale. */
  file(url: string, make: () => string): RenderedOutput;
  /** What the home page and the home note list besides their own text. */
  recentKey(): string;
  /** What every page shows of the site around it: the listings' addresses, which move when a note takes one. */
  chrome: string;
  /** The pages of tags and of the index of notes, by address. */
  tagPages: ReadonlyMap<string, SiteData["tagPages"][number]>;
  notePages: ReadonlyMap<string, SiteData["notePages"][number]>;
}

/** Every output of a garden's site, in the order a build makes them: article pages first. `data` is what the layouts read (siteData). */
export function siteOutputs(garden: Garden, artefacts: Artefacts, data: SiteData): Output[] {
  const chrome = `\nlistings ${data.pages.tags} ${data.pages.graph} search ${data.hasSearch}`;
  const emitting: Emitting = {
    garden,
    artefacts,
    data,
    chrome,
    page: (url, key, render) => ({ kind: "render", file: outputFile(url), key: () => key() + chrome, render: async (renderer) => ({ text: await render(renderer), diagnostics: [] }) }),
    file: (url, make) => {
      let made: string | undefined;
      const content = () => (made ??= make());
      return { kind: "render", file: outputFile(url), key: content, render: async () => ({ text: content(), diagnostics: [] }) };
    },
    recentKey: () => recentNotes(garden).map(noteFacts).join("\n"),
    tagPages: new Map(data.tagPages.map((tag) => [tag.url, tag])),
    notePages: new Map(data.notePages.map((index) => [index.url, index])),
  };
  return [...articleOutputs(emitting), ...documentPageOutputs(emitting), ...garden.sitePages.flatMap((page) => sitePageOutput(emitting, page)), ...redirectOutputs(emitting), ...copiedOutputs(emitting)];
}

/**
 * A note's page; the home note's lists the recent notes too. A class, like CopiedFile: a garden
 * has one per note, and four closures each were memory a large garden felt.
 */
class ArticlePage implements RenderedOutput {
  readonly kind = "render";
  readonly file: string;
  readonly line?: number;

  constructor(
    readonly note: Note,
    private readonly emitting: Emitting,
  ) {
    this.file = outputFile(note.url);
    if (note.addressLines.page) this.line = note.addressLines.page;
  }

  key(): string {
    const { garden, artefacts, chrome, recentKey } = this.emitting;
    return articleKey(this.note, garden, artefacts) + (this.note.home ? recentKey() : "") + chrome;
  }

  render(renderer: PageRenderer): Promise<RenderedPage> {
    return renderer.article(this.note);
  }

  prefetch(renderer: PageRenderer): void {
    renderer.prefetch(this.note);
  }

  searchDocument(renderer: PageRenderer): Promise<string | undefined> {
    return renderer.articleSearchDocument(this.note);
  }

  keep(renderer: PageRenderer): void {
    renderer.keepBody(this.note);
  }
}

function articleOutputs(emitting: Emitting): Output[] {
  return emitting.garden.notes.map((note) => new ArticlePage(note, emitting));
}

/**
 * The page of each base and canvas a published note links to or embeds (or a published canvas
 * shows): a base's views, keyed by what they select; a canvas's board, keyed by its text and its files.
 */
function documentPageOutputs({ garden, chrome }: Emitting): Output[] {
  return [...garden.attachments].flatMap(([vaultFile, url]): Output[] => {
    if (isBaseFile(vaultFile)) {
      return [{
        kind: "render",
        file: outputFile(url),
        key: () => `base-page ${baseKey({ text: garden.documents.get(vaultFile) ?? "", file: vaultFile, firstLine: 1 }, garden, undefined, undefined, true)}${chrome}`,
        render: (renderer) => renderer.basePage(vaultFile, url),
      }];
    }
    if (isCanvasFile(vaultFile)) {
      return [{ kind: "render", file: outputFile(url), key: () => `canvas-page ${canvasKey(garden.documents.get(vaultFile) ?? "", garden, vaultFile)}${chrome}`, render: (renderer) => renderer.canvasPage(vaultFile, url) }];
    }
    return [];
  });
}

/** One of the site's own pages and files (site-pages.ts): listings, data files, feeds, the 404 page. */
function sitePageOutput(emitting: Emitting, sitePage: SitePage): RenderedOutput | RenderedOutput[] {
  const { garden, artefacts, data, page, file, recentKey, tagPages, notePages } = emitting;
  const { url } = sitePage;
  const feedKey = () => JSON.stringify(feedNotes(garden).map((note) => articleKey(note, garden, artefacts)));
  switch (sitePage.kind) {
    case "home":
      return page(url, recentKey, (renderer) => renderer.home());
    case "tag-index":
      return page(url, () => JSON.stringify(data.tags.map((tag) => [tag.name, tag.url, tag.count])), (renderer) => renderer.tagIndex());
    case "tag": {
      const tag = tagPages.get(url);
      if (!tag) throw new Error(`Trellis: no tag page at ${url}`);
      // A page shows its notes and where it stands among the tag's pages.
      return page(url, () => [tag.name, tag.url, tag.count, tag.page, tag.pages, ...tag.members.map(noteFacts)].join("\n"), (renderer) => renderer.tag(tag));
    }
    case "note-index": {
      const index = notePages.get(url);
      if (!index) throw new Error(`Trellis: no page of the index of notes at ${url}`);
      return page(url, () => [index.url, index.count, index.page, index.pages, ...index.members.map(noteFacts)].join("\n"), (renderer) => renderer.noteIndex(index));
    }
    case "explorer":
      return [...data.explorer.files].map(([fileUrl, json]) => file(fileUrl, () => json)).concat(file(EXPLORER_TITLES, () => JSON.stringify(data.explorer.titles)));
    case "graph-data":
      return file(url, () => data.graphJson);
    case "sitemap":
      return file(url, () => sitemapXml(data));
    case "atom":
      return page(url, feedKey, (renderer) => atomFeed(renderer));
    case "json-feed":
      return page(url, feedKey, (renderer) => jsonFeed(renderer));
    case "robots":
      return file(url, () => robotsTxt(data));
    case "redirects":
      return file(url, () => redirectsFile(data));
    case "not-found":
      return page(url, () => "", (renderer) => renderer.notFound());
  }
}

/** A page at each old address of a note; it is the note's (its old address, or one it names in `redirect_from`). */
function redirectOutputs({ garden, artefacts, data, page }: Emitting): Output[] {
  return data.redirects.map((redirect, i) => {
    const note = garden.byUrl.get(artefacts.redirects[i]?.to ?? "");
    const line = note && redirectLine(note, redirect.from);
    return { ...page(redirect.from, () => JSON.stringify(redirect), (renderer) => renderer.redirect(redirect)), ...(note ? { note } : {}), ...(line ? { line } : {}) };
  });
}

/** A file copied as it is, keyed by where it comes from. A class: a garden has one per card and optimised image. */
class CopiedFile implements CopiedOutput {
  readonly kind = "copy";
  readonly file: string;
  readonly attachment?: boolean;
  readonly cached?: boolean;

  constructor(
    url: string,
    readonly from: string,
    { attachment, cached }: { attachment?: true; cached?: true },
  ) {
    this.file = url.replace(/^\/+/, "");
    if (attachment) this.attachment = attachment;
    if (cached) this.cached = cached;
  }

  key(): string {
    return this.from;
  }
}

/**
 * Files copied into the site: the attachments published notes use (no other file of the vault
 * leaves it), then the optimised images and social cards from the cache.
 */
function copiedOutputs({ garden, artefacts }: Emitting): Output[] {
  // A base is a page of its own (basePageOutputs), never a copy of the file.
  const outputs: Output[] = [...garden.attachments].filter(([vaultFile]) => isCopyable(vaultFile)).map(([vaultFile, url]) => new CopiedFile(url, vaultSource(garden.contentDir, garden.mounts, vaultFile), { attachment: true }));
  const images = new Map<string, string>();
  for (const metadata of artefacts.images.values()) for (const generated of generatedFiles(metadata)) images.set(generated.url, generated.from);
  for (const [url, from] of images) outputs.push(new CopiedFile(url, from, { cached: true }));
  for (const card of new Set(artefacts.cards.values())) outputs.push(new CopiedFile(cardUrl(card), card, { cached: true }));
  return outputs;
}

/** Folders of files Trellis writes itself: no note's page may live in one. */
const TRELLIS_FOLDERS = new Set(["pagefind", "js", "css", "og", "assets", "img"]);
const TRELLIS_FOLDERS_TEXT = [...TRELLIS_FOLDERS].map((name) => `/${name}/`).join(", ");

/**
 * Two outputs at one file would overwrite each other: a note whose address is one of the site's
 * own pages (`/tags/`, `/404.html`…) is an error naming the note. `reserved` are the files the
 * host (Eleventy) writes itself.
 */
export function checkOutputs(outputs: readonly Output[], reserved: Iterable<string>): void {
  const claimed = new Map<string, Output | "host">([...reserved].map((file) => [addressKey(file), "host" as const]));
  const diagnostics: Diagnostic[] = [];
  const fix = "give the note another permalink (dg-permalink or permalink), or remove the old address from its aliases or redirect_from";
  /** The note to name: the one whose address it is, else the one that has the file; with the line that gave it the address. */
  const blame = (output: Output, first: Output | "host") => {
    const own = output.kind === "render" && output.note ? output : first !== "host" && first.kind === "render" && first.note ? first : undefined;
    return { file: own?.note?.path ?? "", ...(own?.line ? { line: own.line } : {}), note: own?.note };
  };
  const address = (output: Output) => `/${output.file.replace(/index\.html$/, "")}`;
  for (const output of outputs) {
    const key = addressKey(output.file);
    const folder = key.split("/")[0] ?? "";
    if (output.kind === "render" && output.note && key.includes("/") && TRELLIS_FOLDERS.has(folder)) {
      diagnostics.push({
        severity: "error",
        file: output.note.path,
        ...(output.line ? { line: output.line } : {}),
        message: `the address ${address(output)} is ${key === `${folder}/index.html` ? "" : "inside "}/${folder}/, a folder of the site's own files (${TRELLIS_FOLDERS_TEXT})`,
        fix,
      });
      continue;
    }
    const first = claimed.get(key);
    if (first === undefined) {
      claimed.set(key, output);
      continue;
    }
    const { note, ...where } = blame(output, first);
    diagnostics.push({
      severity: "error",
      ...where,
      message: `${address(output)}, an address of ${note ? `the note ${note.path} (its page or an old address that redirects to it)` : "two outputs"}, is already a file of the site (${output.file})`,
      fix,
    });
  }
  // A page at /sitemap.xml/ would make a folder where the file sitemap.xml is written.
  for (const output of outputs) {
    const parts = addressKey(output.file).split("/");
    for (let depth = 1; depth < parts.length; depth++) {
      const first = claimed.get(parts.slice(0, depth).join("/"));
      if (first === undefined) continue;
      const { note, ...where } = blame(output, first);
      diagnostics.push({
        severity: "error",
        ...where,
        message: `${address(output)}, an address of ${note ? `the note ${note.path} (its page or an old address that redirects to it)` : "two outputs"}, would make a folder where the site has the file ${parts.slice(0, depth).join("/")}`,
        fix,
      });
      break;
    }
  }
  if (diagnostics.length > 0) throw new GardenError(diagnostics);
}
