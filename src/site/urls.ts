/** Building URLs for the site: encoded paths and absolute addresses. */
import type { SiteOptions } from "./options.ts";

/** Encodes a site path for an `href`, keeping its slashes. */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** An absolute address for a path, when the site's `url` is known (remote URLs pass through). */
export function absoluteUrl(site: SiteOptions, pathOrUrl: string): string | undefined {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  if (pathOrUrl.startsWith("//")) return `https:${pathOrUrl}`;
  if (!site.url) return undefined;
  return new URL(pathOrUrl, `${site.url}/`).href;
}
