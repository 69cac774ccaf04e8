/**
 * Site settings. They are written once, as the Trellis plugin's options in `.eleventy.ts`;
 * `TRELLIS_*` environment variables (set by the `trellis` command's flags) override them.
 */

export interface SiteOptions {
  title: string;
  description: string;
  /** BCP 47 language tag for `<html lang>`. */
  language: string;
  author?: string;
  /**
   * Absolute address of the site, with its sub-path if it has one (`https://user.github.io/repo`),
   * for canonical, feed, sitemap and Open Graph URLs.
   */
  url?: string;
  /** Sub-path the site is served under (`/repo/`); `/` at the root of a domain. */
  pathPrefix: string;
}

export interface TrellisOptions {
  /** Folder of notes, relative to the working directory or absolute. */
  contentDir: string;
  /** Dead links stop the build instead of being warnings. */
  strict: boolean;
  site: SiteOptions;
}

export interface TrellisUserOptions {
  contentDir?: string;
  strict?: boolean;
  site?: Partial<SiteOptions>;
}

export const DEFAULT_OPTIONS: TrellisOptions = {
  contentDir: "content",
  strict: false,
  site: {
    title: "Trellis",
    description: "A digital garden.",
    language: "en",
    pathPrefix: "/",
  },
};

export class OptionsError extends Error {
  override name = "OptionsError";
}

export function resolveOptions(user: TrellisUserOptions = {}, env: NodeJS.ProcessEnv = {}): TrellisOptions {
  const site: SiteOptions = { ...DEFAULT_OPTIONS.site, ...user.site };
  const contentDir = env["TRELLIS_CONTENT"] || user.contentDir || DEFAULT_OPTIONS.contentDir;
  const url = env["TRELLIS_URL"] || site.url;
  if (url) site.url = normalizeSiteUrl(url);
  else delete site.url;
  // Without an explicit prefix, the site url's path is the prefix (https://user.github.io/repo → /repo/).
  const prefix = env["TRELLIS_PATH_PREFIX"] || user.site?.pathPrefix || (site.url ? new URL(site.url).pathname : "/");
  site.pathPrefix = normalizePathPrefix(prefix);
  if (site.url) site.url = new URL(site.url).origin + site.pathPrefix.replace(/\/$/, "");
  const strict = env["TRELLIS_STRICT"] === "1" || user.strict === true;
  return { contentDir, strict, site };
}

/** `repo`, `/repo`, `/repo/` → `/repo/`; refuses what cannot be a URL path. */
export function normalizePathPrefix(value: string): string {
  const parts = value.split("/").filter(Boolean);
  for (const part of parts) {
    if (part === ".." || part === "." || /[\s?#\\"'<>]/.test(part)) {
      throw new OptionsError(`path prefix "${value}" is not a plain URL path; write it like "/my-repo/"`);
    }
  }
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
}

export function normalizeSiteUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new OptionsError(`site url "${value}" is not an absolute address; write it like "https://example.org"`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new OptionsError(`site url "${value}" must start with https:// or http://`);
  }
  return parsed.href.replace(/\/+$/, "");
}
