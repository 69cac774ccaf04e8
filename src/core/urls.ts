/** Building URLs for the site: encoded paths and absolute addresses. */
import type { SiteOptions } from "./options.ts";

/**
 * An address that runs script when followed (`javascript:`, `vbscript:`, `livescript:`), however
 * it is spelled (`JaVaScRiPt:`, with tabs, spaces or control characters inside, as browsers
 * read it). The page's policy stops it from running; it is dropped anyway, never written.
 */
export function isScriptUrl(url: string): boolean {
  return /^(javascript|vbscript|livescript):/.test(url.replace(/[\u0000-\u0020\u007F-\u009F]/g, "").toLowerCase());
}

/** Encodes a site path for an `href`, keeping its slashes. */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * An absolute address for a site path, when the site's `url` is known (remote URLs pass
 * through). `site.url` already ends with the sub-path, so the path is appended to it.
 */
export function absoluteUrl(site: SiteOptions, pathOrUrl: string): string | undefined {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  if (pathOrUrl.startsWith("//")) return `https:${pathOrUrl}`;
  if (!site.url) return undefined;
  return `${site.url}/${pathOrUrl.replace(/^\/+/, "")}`;
}
