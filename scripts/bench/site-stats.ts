/** Sizes of a built site: total bytes, and the HTML pages' count, largest and median size. */
import { readdirSync, statSync } from "node:fs";
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
