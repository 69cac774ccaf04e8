import { stringsProblems } from "./strings.ts";

/**
 * Site settings. They are written once, as the Trellis plugin's options in `.eleventy.ts`;
 * `TRELLIS_*` environment variables (set by the `trellis` command's flags) override them.
 * Unknown settings and wrong types are errors that name the setting and what it expects.
 */

/** Parts of the garden that can be turned off; all are on by default. */
export interface Features {
  search: boolean;
  graph: boolean;
  backlinks: boolean;
  explorer: boolean;
  previews: boolean;
  feeds: boolean;
  share: boolean;
}

export interface Theme {
  /** Link and highlight colour in the light scheme, e.g. "#1f5fa8". */
  accent?: string;
  /** The same in the dark scheme, e.g. "#8cb8f0". */
  accentDark?: string;
}

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
  theme: Theme;
  features: Features;
  /** The site's own interface texts, by key (`{ search: "Find" }`), over the language's translation (strings.ts). */
  strings?: Record<string, string>;
}

/**
 * `flag`: only notes that say `dg-publish: true` or `publish: true` (the default).
 * `all`: every note except those that say `dg-publish: false`, `publish: false` or `draft: true`.
 */
export type PublishMode = "flag" | "all";

export interface TrellisOptions {
  /** Folder of notes, relative to the working directory or absolute. */
  contentDir: string;
  /** Dead links stop the build instead of being warnings. */
  strict: boolean;
  publish: PublishMode;
  /** Vault path of the home note, instead of `dg-home: true` or `index.md`. */
  home?: string;
  /** Publish the notes' raw HTML as written, scripts included (off: it is sanitised). */
  trustHtml: boolean;
  site: SiteOptions;
  /** Where the settings are written (`.eleventy.ts` or the project's config file), for messages that say how to change them. */
  source: string;
}

export interface TrellisUserOptions {
  contentDir?: string;
  strict?: boolean;
  publish?: PublishMode;
  home?: string;
  trustHtml?: boolean;
  site?: Partial<Omit<SiteOptions, "features" | "theme">> & { features?: Partial<Features>; theme?: Theme };
}

export const DEFAULT_FEATURES: Features = { search: true, graph: true, backlinks: true, explorer: true, previews: true, feeds: true, share: true };

export const DEFAULT_OPTIONS: TrellisOptions = {
  contentDir: "content",
  strict: false,
  publish: "flag",
  trustHtml: false,
  source: ".eleventy.ts",
  site: {
    title: "Trellis",
    description: "A digital garden.",
    language: "en",
    pathPrefix: "/",
    theme: {},
    features: DEFAULT_FEATURES,
  },
};

export class OptionsError extends Error {
  override name = "OptionsError";
}

type Check = "string" | "boolean" | "object";

/** Every setting and its type; nested objects list their own. */
const SCHEMA: Record<string, Check | Record<string, Check | Record<string, Check>>> = {
  contentDir: "string",
  strict: "boolean",
  publish: "string",
  home: "string",
  trustHtml: "boolean",
  site: {
    title: "string",
    description: "string",
    language: "string",
    author: "string",
    url: "string",
    pathPrefix: "string",
    theme: { accent: "string", accentDark: "string" },
    strings: "object",
    features: Object.fromEntries(Object.keys(DEFAULT_FEATURES).map((key) => [key, "boolean" as const])),
  },
};

function typeName(value: unknown): string {
  return Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`;
}

/** All problems with the settings as written, each naming the setting. */
export function optionProblems(value: unknown, schema: Record<string, unknown> = SCHEMA, where = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${where || "the Trellis options"} must be an object, not ${typeName(value)}`];
  const problems: string[] = [];
  for (const [key, given] of Object.entries(value)) {
    const name = where ? `${where}.${key}` : key;
    const expected = schema[key];
    if (expected === undefined) {
      problems.push(`unknown setting \`${name}\`; known settings${where ? ` of \`${where}\`` : ""}: ${Object.keys(schema).join(", ")}`);
    } else if (given === undefined) {
      continue;
    } else if (typeof expected === "object") {
      problems.push(...optionProblems(given, expected as Record<string, unknown>, name));
    } else if (typeof given !== expected) {
      problems.push(`\`${name}\` must be ${expected === "boolean" ? "true or false" : `a ${expected}`}, not ${typeName(given)}`);
    }
  }
  return problems;
}

/** Colours go into the page's CSS, so only plain colour values are accepted. */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d.,%\s/]+\))$/i;

/** The language goes into `<html lang>`, the feeds and the dates' format: only a BCP 47 tag that Intl knows how to use. */
export function languageProblem(value: string): string | undefined {
  try {
    Intl.getCanonicalLocales(value);
    return undefined;
  } catch {
    return `${JSON.stringify(value)} is not a language tag; write it like "en" or "de-CH"`;
  }
}

/** Where the plugin's options are written when the `trellis` command was given no config file. */
export const PLUGIN_OPTIONS_SOURCE = DEFAULT_OPTIONS.source;

/**
 * Checks settings as written, in `.eleventy.ts` or in a `trellis.config.*` file (`source` names
 * it): every problem at once, each naming the setting.
 */
export function validateOptions(user: unknown, source: string): asserts user is TrellisUserOptions {
  const problems = optionProblems(user);
  // The checks of values go on past wrong types, to list everything at once; they skip what is not a string.
  const options = (typeof user === "object" && user !== null ? user : {}) as TrellisUserOptions;
  const theme: unknown = options.site?.theme;
  if (options.publish !== undefined && options.publish !== "flag" && options.publish !== "all") problems.push(`\`publish\` must be "flag" or "all", not ${JSON.stringify(options.publish)}`);
  for (const [key, colour] of Object.entries(typeof theme === "object" && theme !== null ? theme : {})) {
    if (typeof colour === "string" && !COLOUR.test(colour.trim())) problems.push(`\`site.theme.${key}\` ${JSON.stringify(colour)} is not a colour; write it like "#1f5fa8"`);
  }
  const strings: unknown = options.site?.strings;
  // Its type as a whole is checked above (an object); null and lists are objects too.
  if (typeof strings === "object") problems.push(...stringsProblems(strings));
  const language = typeof options.site?.language === "string" ? languageProblem(options.site.language) : undefined;
  if (language) problems.push(`\`site.language\` ${language}`);
  for (const [value, normalize] of [[options.site?.url, normalizeSiteUrl], [options.site?.pathPrefix, normalizePathPrefix]] as const) {
    try {
      if (typeof value === "string" && value) normalize(value);
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new OptionsError(`the Trellis options in ${source} have ${problems.length === 1 ? "a problem" : "problems"}:\n  ${problems.join("\n  ")}`);
}

export function resolveOptions(user: TrellisUserOptions = {}, env: NodeJS.ProcessEnv = {}, source = PLUGIN_OPTIONS_SOURCE): TrellisOptions {
  validateOptions(user, source);

  const site: SiteOptions = {
    ...DEFAULT_OPTIONS.site,
    ...user.site,
    theme: { ...user.site?.theme },
    features: { ...DEFAULT_FEATURES, ...user.site?.features },
  };
  // --title and --language (the command checks them before they get here).
  if (env["TRELLIS_TITLE"]) site.title = env["TRELLIS_TITLE"];
  if (env["TRELLIS_LANGUAGE"]) site.language = env["TRELLIS_LANGUAGE"];
  const contentDir = env["TRELLIS_CONTENT"] || user.contentDir || DEFAULT_OPTIONS.contentDir;
  const url = env["TRELLIS_URL"] || site.url;
  if (url) site.url = normalizeSiteUrl(url);
  else delete site.url;
  // Without an explicit prefix, the site url's path is the prefix (https://user.github.io/repo → /repo/).
  const prefix = env["TRELLIS_PATH_PREFIX"] || user.site?.pathPrefix || (site.url ? new URL(site.url).pathname : "/");
  site.pathPrefix = normalizePathPrefix(prefix);
  if (site.url) site.url = new URL(site.url).origin + site.pathPrefix.replace(/\/$/, "");
  const strict = env["TRELLIS_STRICT"] === "1" || user.strict === true;
  const publish = env["TRELLIS_PUBLISH"] || user.publish || "flag";
  if (publish !== "flag" && publish !== "all") throw new OptionsError(`--publish must be "flag" or "all", not ${JSON.stringify(publish)}`);
  const options: TrellisOptions = { contentDir, strict, publish, trustHtml: user.trustHtml === true, site, source };
  if (user.home) options.home = user.home.replace(/^\/+/, "");
  return options;
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
