/**
 * The pages and files a site holds besides its notes' pages, redirects and copied files: the
 * home page when no note is it, the tag pages, the shared data files, the feeds, and the pages
 * Eleventy renders itself. siteOutputs makes each of them; the Garden reads their addresses from
 * here too, so that a link written to one (`[feed](/feed.xml)`) is live exactly when it is built.
 */
import { tagPageCount, tagPageUrl, type Tag } from "../garden/tags.ts";
import type { SiteOptions } from "../site/options.ts";

/** Pages Eleventy renders (src/eleventy/pages.ts). */
export const NOT_FOUND_PAGE = "/404.html";
export const GRAPH_PAGE = "/graph/";

export interface SitePage {
  kind: "home" | "tag-index" | "tag" | "explorer" | "graph-data" | "sitemap" | "atom" | "json-feed" | "robots" | "redirects" | "host";
  url: string;
}

export interface SitePagesInput {
  /** A note is the home page. */
  home: boolean;
  tags: readonly Tag[];
  site: Pick<SiteOptions, "url" | "features">;
}

/** In the order a build makes them. */
export function sitePages({ home, tags, site }: SitePagesInput): SitePage[] {
  const pages: SitePage[] = [];
  const { features } = site;
  if (!home) pages.push({ kind: "home", url: "/" });
  pages.push({ kind: "tag-index", url: "/tags/" });
  for (const tag of tags) for (let page = 1; page <= tagPageCount(tag); page++) pages.push({ kind: "tag", url: tagPageUrl(tag, page) });
  if (features.explorer) pages.push({ kind: "explorer", url: "/explorer.json" });
  if (features.graph) pages.push({ kind: "graph-data", url: "/graph.json" });
  pages.push({ kind: "sitemap", url: "/sitemap.xml" });
  // Feeds need absolute URLs: they are written only when the site's url is known.
  if (site.url && features.feeds) pages.push({ kind: "atom", url: "/feed.xml" }, { kind: "json-feed", url: "/feed.json" });
  pages.push({ kind: "robots", url: "/robots.txt" }, { kind: "redirects", url: "/_redirects" });
  pages.push({ kind: "host", url: NOT_FOUND_PAGE });
  if (features.graph) pages.push({ kind: "host", url: GRAPH_PAGE });
  return pages;
}
