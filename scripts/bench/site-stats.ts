/** Sizes of a built site: total bytes, and the HTML pages' count, largest and median size. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface SiteStats {
  files: number;
  totalBytes: number;
  pages: number;
  largestPage: { path: string; bytes: number };
  medianPageBytes: number;
}

export function siteStats(dir: string): SiteStats {
  let totalBytes = 0;
  let files = 0;
  const pages: Array<{ path: string; bytes: number }> = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = statSync(file).size;
    files++;
    totalBytes += bytes;
    if (entry.name.endsWith(".html")) pages.push({ path: `/${path.relative(dir, file)}`, bytes });
  }
  pages.sort((a, b) => a.bytes - b.bytes);
  return {
    files,
    totalBytes,
    pages: pages.length,
    largestPage: pages.at(-1) ?? { path: "-", bytes: 0 },
    medianPageBytes: pages[Math.floor(pages.length / 2)]?.bytes ?? 0,
  };
}

export interface PageWeight {
  path: string;
  htmlBytes: number;
  cssBytes: number;
  jsBytes: number;
  totalBytes: number;
}

/**
 * What a reader downloads for a typical article page before opening search or the graph: its
 * HTML and the styles and scripts it links (images and fonts aside). The typical page is the
 * article page of median HTML size.
 */
export function typicalArticleWeight(dir: string): PageWeight | undefined {
  const articles: Array<{ path: string; html: string }> = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = readFileSync(file, "utf8");
    if (html.includes('<article class="article"')) articles.push({ path: `/${path.relative(dir, file)}`, html });
  }
  articles.sort((a, b) => Buffer.byteLength(a.html) - Buffer.byteLength(b.html));
  const page = articles[Math.floor(articles.length / 2)];
  if (!page) return undefined;
  const linked = (pattern: RegExp) =>
    [...new Set([...page.html.matchAll(pattern)].map((match) => match[1] ?? ""))]
      .filter((url) => url.startsWith("/"))
      .reduce((sum, url) => sum + statSync(path.join(dir, decodeURI(url.split(/[?#]/)[0] ?? ""))).size, 0);
  const htmlBytes = Buffer.byteLength(page.html);
  const cssBytes = linked(/<link rel="stylesheet" href="([^"]+)"/g);
  const jsBytes = linked(/<script[^>]* src="([^"]+)"/g);
  return { path: page.path, htmlBytes, cssBytes, jsBytes, totalBytes: htmlBytes + cssBytes + jsBytes };
}
