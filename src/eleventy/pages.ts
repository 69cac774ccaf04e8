/**
 * The pages Trellis adds to an Eleventy build, as virtual templates: the home page when the
 * vault has no home note, tag pages, the graph page, the shared explorer and graph data files,
 * the sitemap, feeds and robots.txt. Article pages are written by article-pages.ts.
 */
import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import type { Garden } from "../garden/garden.ts";
import { escapeXml } from "../site/escape.ts";
import { encodePath } from "../site/urls.ts";
import { atomFeed, jsonFeed } from "./feeds.ts";
import type { SiteData, TagPage } from "./site-data.ts";

export type TrellisData = SiteData;

interface PageData {
  trellis: TrellisData;
}

interface TagData extends PageData {
  tag: TagPage;
}

const NOT_IN_COLLECTIONS = { eleventyExcludeFromCollections: true };

export function registerPages(eleventyConfig: UserConfig, md: MarkdownIt, currentGarden: () => Garden): void {
  eleventyConfig.addTemplate(
    "trellis/home.11ty.js",
    { render: () => "" },
    { ...NOT_IN_COLLECTIONS, permalink: (data: PageData) => (data.trellis.hasHome ? false : "/"), layout: "layouts/home.njk" },
  );

  eleventyConfig.addTemplate(
    "trellis/tags.11ty.js",
    { render: () => "" },
    { ...NOT_IN_COLLECTIONS, permalink: "/tags/", layout: "layouts/tags.njk" },
  );

  eleventyConfig.addTemplate(
    "trellis/tag.11ty.js",
    { render: () => "" },
    {
      ...NOT_IN_COLLECTIONS,
      pagination: { data: "trellis.tagPages", size: 1, alias: "tag" },
      permalink: (data: TagData) => data.tag.url,
      layout: "layouts/tag.njk",
    },
  );

  eleventyConfig.addTemplate(
    "trellis/graph.11ty.js",
    { render: () => "" },
    { ...NOT_IN_COLLECTIONS, permalink: (data: PageData) => (data.trellis.site.features.graph ? "/graph/" : false), layout: "layouts/graph.njk" },
  );

  const dataFile = (name: string, permalink: string, render: (data: SiteData) => string, wanted: (data: SiteData) => boolean = () => true) =>
    eleventyConfig.addTemplate(
      `trellis/${name}.11ty.js`,
      { render: (data: PageData) => render(data.trellis) },
      { ...NOT_IN_COLLECTIONS, permalink: (data: PageData) => (wanted(data.trellis) ? permalink : false) },
    );
  dataFile("explorer", "/explorer.json", (data) => data.explorerJson, (data) => data.site.features.explorer);
  dataFile("graph-data", "/graph.json", (data) => data.graphJson, (data) => data.site.features.graph);
  dataFile("sitemap", "/sitemap.xml", sitemapXml);
  // Feeds need absolute URLs: they are written only when the site's url is known.
  const feed = (name: string, permalink: string, render: (garden: Garden, data: SiteData, md: MarkdownIt) => Promise<string>) =>
    eleventyConfig.addTemplate(
      `trellis/${name}.11ty.js`,
      { render: (data: PageData) => render(currentGarden(), data.trellis, md) },
      { ...NOT_IN_COLLECTIONS, permalink: (data: PageData) => (data.trellis.site.url && data.trellis.site.features.feeds ? permalink : false) },
    );
  feed("atom", "/feed.xml", atomFeed);
  feed("json-feed", "/feed.json", jsonFeed);
  dataFile("robots", "/robots.txt", robotsTxt);
  dataFile("redirects-file", "/_redirects", redirectsFile);

  eleventyConfig.addTemplate(
    "trellis/redirect.11ty.js",
    { render: () => "" },
    {
      ...NOT_IN_COLLECTIONS,
      pagination: { data: "trellis.redirects", size: 1, alias: "redirect" },
      permalink: (data: PageData & { redirect: { from: string } }) => data.redirect.from,
      layout: "layouts/redirect.njk",
    },
  );

  eleventyConfig.addTemplate("trellis/404.11ty.js", { render: () => "" }, { ...NOT_IN_COLLECTIONS, permalink: "/404.html", layout: "layouts/404.njk" });
}

export function sitemapXml(data: SiteData): string {
  const urls = data.sitemap.map(
    (entry) =>
      `  <url><loc>${escapeXml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** Netlify's and Cloudflare Pages' redirect rules; other hosts use the redirect pages. */
export function redirectsFile(data: SiteData): string {
  const prefix = data.site.pathPrefix.replace(/\/$/, "");
  return data.redirects.map((r) => `${prefix}${encodePath(r.from)} ${prefix}${r.to} 301`).join("\n") + (data.redirects.length ? "\n" : "");
}

export function robotsTxt(data: SiteData): string {
  const sitemap = data.site.url ? `\nSitemap: ${data.site.url}/sitemap.xml` : "";
  return `User-agent: *\nAllow: /${sitemap}\n`;
}
