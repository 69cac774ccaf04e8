/**
 * The pages Trellis adds to an Eleventy build, as virtual templates: one article page per
 * published note, a home page when the vault has no home note, the sitemap and robots.txt.
 */
import type { UserConfig } from "@11ty/eleventy";
import type MarkdownIt from "markdown-it";
import { renderArticleBody } from "../article/render.ts";
import { escapeXml } from "../site/escape.ts";
import type { PageEntry, SiteData } from "./site-data.ts";

export type TrellisData = SiteData;

interface PageData {
  trellis: TrellisData;
}

interface ArticleData extends PageData {
  entry: PageEntry;
}

export function registerPages(eleventyConfig: UserConfig, md: MarkdownIt): void {
  eleventyConfig.addTemplate(
    "trellis/article.11ty.js",
    {
      render: (data: ArticleData) => renderArticleBody(md, data.entry.note),
    },
    {
      pagination: { data: "trellis.pages", size: 1, alias: "entry" },
      permalink: (data: ArticleData) => data.entry.note.url,
      layout: "layouts/article.njk",
      eleventyExcludeFromCollections: true,
    },
  );

  eleventyConfig.addTemplate(
    "trellis/home.11ty.js",
    { render: () => "" },
    {
      permalink: (data: PageData) => (data.trellis.hasHome ? false : "/"),
      layout: "layouts/home.njk",
      eleventyExcludeFromCollections: true,
    },
  );

  eleventyConfig.addTemplate(
    "trellis/sitemap.11ty.js",
    { render: (data: PageData) => sitemapXml(data.trellis) },
    { permalink: "/sitemap.xml", eleventyExcludeFromCollections: true },
  );

  eleventyConfig.addTemplate(
    "trellis/robots.11ty.js",
    { render: (data: PageData) => robotsTxt(data.trellis) },
    { permalink: "/robots.txt", eleventyExcludeFromCollections: true },
  );
}

export function sitemapXml(data: SiteData): string {
  const urls = data.sitemap.map(
    (entry) =>
      `  <url><loc>${escapeXml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function robotsTxt(data: SiteData): string {
  const sitemap = data.site.url ? `\nSitemap: ${data.site.url}/sitemap.xml` : "";
  return `User-agent: *\nAllow: /${sitemap}\n`;
}
