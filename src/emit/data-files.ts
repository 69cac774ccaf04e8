/** The site's small data files: sitemap, redirect rules, robots.txt. */
import type { SiteData } from "../render/site-data.ts";
import { escapeXml } from "../core/escape.ts";
import { encodePath } from "../core/urls.ts";

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
