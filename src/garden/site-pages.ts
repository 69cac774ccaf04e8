/**
 * The pages and files a site holds besides its notes' pages, redirects and copied files: the
 * home page when no note is it, the tag pages, the shared data files, the feeds, and the pages
 * Eleventy renders itself. siteOutputs makes each of them; the Garden reads their addresses from
 * here too, so that a link written to one (`[feed](/feed.xml)`) is live exactly when it is built.
 */
import { addressKey } from "../core/vault-paths.ts";
import { tagPageCount, tagPageUrl, type Tag } from "./tags.ts";
import { listPageCount, listPageUrl } from "./list-pages.ts";
import { EXPLORER_ROOT } from "./explorer-tree.ts";
import type { SiteOptions } from "../core/options.ts";

/** The page a host shows for an address it has no file for. */
export const NOT_FOUND_PAGE = "/404.html";

/**
 * Listings an author's note may take (Obsidian Publish vaults often have a note at `tags`):
 * the note's page keeps the address, and the listing moves to the fallback. Files the site
 * needs (feeds, sitemap, data files, scripts) never move: a note at one is an error.
 */
export const LISTINGS = {
  "tag-index": { url: "/tags/", fallback: "/_tags/", name: "the tag index" },
  graph: { url: "/graph/", fallback: "/_graph/", name: "the graph page" },
} as const;

/** Whether a note's page is at an address (as hosts that ignore case see it). */
export type TakenBy = (url: string) => boolean;

export function takenByNotes(urls: Iterable<string>): TakenBy {
  const taken = new Set([...urls].map(addressKey));
  return (url) => taken.has(addressKey(url));
}

/** Where a listing is published, given the addresses notes take. */
export function listingUrl(kind: keyof typeof LISTINGS, taken: TakenBy = () => false): string {
  const listing = LISTINGS[kind];
  return taken(listing.url) ? listing.fallback : listing.url;
}

export interface SitePage {
  kind: "home" | "tag-index" | "tag" | "note-index" | "explorer" | "graph-data" | "sitemap" | "atom" | "json-feed" | "robots" | "redirects" | "not-found";
  url: string;
  /** The listing's own address, which a note took. */
  movedFrom?: string;
}

export interface SitePagesInput {
  /** A note is the home page. */
  home: boolean;
  tags: readonly Tag[];
  /** How many notes are listed: the graph page's index of notes has pages after its first. */
  listed?: number;
  site: Pick<SiteOptions, "url" | "features">;
  /** The addresses of notes' pages; none when absent. */
  taken?: TakenBy | undefined;
}

/** In the order a build makes them. */
export function sitePages({ home, tags, listed = 0, site, taken }: SitePagesInput): SitePage[] {
  const pages: SitePage[] = [];
  const { features } = site;
  const listing = (kind: keyof typeof LISTINGS, as: SitePage["kind"]): SitePage => {
    const url = listingUrl(kind, taken);
    return url === LISTINGS[kind].url ? { kind: as, url } : { kind: as, url, movedFrom: LISTINGS[kind].url };
  };
  if (!home) pages.push({ kind: "home", url: "/" });
  pages.push(listing("tag-index", "tag-index"));
  for (const tag of tags) for (let page = 1; page <= tagPageCount(tag); page++) pages.push({ kind: "tag", url: tagPageUrl(tag, page) });
  if (features.explorer) pages.push({ kind: "explorer", url: EXPLORER_ROOT });
  if (features.graph) pages.push({ kind: "graph-data", url: "/graph.json" });
  pages.push({ kind: "sitemap", url: "/sitemap.xml" });
  // Feeds need absolute URLs: they are written only when the site's url is known.
  if (site.url && features.feeds) pages.push({ kind: "atom", url: "/feed.xml" }, { kind: "json-feed", url: "/feed.json" });
  pages.push({ kind: "robots", url: "/robots.txt" }, { kind: "redirects", url: "/_redirects" });
  pages.push({ kind: "not-found", url: NOT_FOUND_PAGE });
  if (features.graph) {
    // The graph page is the index's first page; Trellis renders it like a tag page.
    const graph = listing("graph", "note-index");
    pages.push(graph);
    for (let page = 2; page <= listPageCount(listed); page++) pages.push({ kind: "note-index", url: listPageUrl(graph.url, page) });
  }
  return pages;
}
