import { stringsProblems } from "./strings.ts";

/**
 * Site settings: the Trellis plugin's options (`.eleventy.ts`), a project's config file, a
 * Digital Garden repository's `.env` and the `trellis` command's flags, merged by optionsFrom.
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
  /** A table of contents on pages with three or more headings (a note's `dg-show-toc`/`toc` decides for its page). */
  toc: boolean;
  /** The graph at the foot of each page (the graph page is `graph`). */
  localGraph: boolean;
  /** The headline of each page; off, it is kept for screen readers only. */
  inlineTitle: boolean;
  /** A note's tags under its headline. */
  tags: boolean;
  /** The "Home" link in the site's navigation. */
  homeLink: boolean;
}

export interface Theme {
  /** Link and highlight colour in the light scheme, e.g. "#1f5fa8". */
  accent?: string;
  /** The same in the dark scheme, e.g. "#8cb8f0". */
  accentDark?: string;
  /** Body text colour in the light scheme. */
  text?: string;
  /** Body text colour in the dark scheme. */
  textDark?: string;
  /** Page background in the light scheme. */
  background?: string;
  /** Page background in the dark scheme. */
  backgroundDark?: string;
  /** CSS font stack of the article text (default: the self-hosted Source Serif 4). */
  fontText?: string;
  /** CSS font stack of the interface (header, lists, buttons). */
  fontUi?: string;
}

/** The theme's settings that are colours; the others are font stacks. */
export const THEME_COLOURS = ["accent", "accentDark", "text", "textDark", "background", "backgroundDark"] as const;
export const THEME_FONTS = ["fontText", "fontUi"] as const;

/** Places in every page's layout an author fills with an HTML fragment from a file. */
export const SLOTS = ["head", "header", "beforeArticle", "afterArticle", "footer"] as const;
export type Slot = (typeof SLOTS)[number];

/**
 * The author's own files that change how the site looks, as paths relative to the project
 * (the config file's folder; the working directory for `.eleventy.ts`).
 */
export interface CustomFiles {
  /** A style sheet loaded after Trellis's. */
  css?: string;
  /** A script loaded (deferred) after Trellis's. */
  js?: string;
  /** An image shown beside the site's title. */
  logo?: string;
  /** The site's icon (.svg, .png or .ico). */
  favicon?: string;
  /** HTML fragments placed in the layout. */
  slots?: Partial<Record<Slot, string>>;
}

/** The author's files as the layouts show them (found by custom-files.ts before each build). */
export interface SiteLook {
  /** Trellis's bundled style sheet. */
  stylesheet: string;
  css?: string;
  js?: string;
  logo?: { url: string; width?: number; height?: number };
  favicon: { url: string; type: string };
  slots: Partial<Record<Slot, string>>;
}

/** Note icon names (`dg-note-icon`, `site.noteIcon`): the template's `1`, `2`, `3` (seedling, sapling, tree) or a name of the author's own. */
export const ICON_NAME = /^[A-Za-z0-9_-]{1,40}$/;

/** How pages show dates: an Intl date style in the site's language ("long": January 24, 2023), or "iso" (2023-01-24). */
export type DateFormat = "full" | "long" | "medium" | "short" | "iso";
export const DATE_FORMATS: readonly DateFormat[] = ["full", "long", "medium", "short", "iso"];

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
  dateFormat: DateFormat;
  /**
   * Notes and folders the explorer lists first in their folder, in this order, by their path in
   * the garden (`"Start here.md"`, `"Projects"`, `"Projects/Roadmap.md"`); then pinned notes, then the rest.
   */
  explorerOrder: string[];
  /** The icon of notes that name none (the template's NOTE_ICON_DEFAULT): "1", "2", "3" or a name of your own. */
  noteIcon?: string;
  /** The author's style sheet, script, logo, favicon and layout slots. */
  custom: CustomFiles;
  /** The files of `custom` as the layouts show them; found by the plugin before each build. */
  look?: SiteLook;
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
  /**
   * Where the garden lives inside a larger Eleventy site ("/garden/"), "/" when it is the site.
   * `site.pathPrefix` (and `site.url`) then already include it: they are the garden's own.
   */
  mount: string;
  /** Where the settings are written (`.eleventy.ts` or the project's config file), for messages that say how to change them. */
  source: string;
}

export interface TrellisUserOptions {
  contentDir?: string;
  strict?: boolean;
  publish?: PublishMode;
  home?: string;
  trustHtml?: boolean;
  /** The folder of the host site the garden is written to and served from, e.g. "/garden/"; the host's other pages are left alone. */
  mount?: string;
  site?: Partial<Omit<SiteOptions, "features" | "theme" | "custom">> & { features?: Partial<Features>; theme?: Theme; custom?: CustomFiles };
}

export const DEFAULT_FEATURES: Features = { search: true, graph: true, backlinks: true, explorer: true, previews: true, feeds: true, share: true, toc: true, localGraph: true, inlineTitle: true, tags: true, homeLink: true };

export const DEFAULT_OPTIONS: TrellisOptions = {
  contentDir: "content",
  strict: false,
  publish: "flag",
  trustHtml: false,
  mount: "/",
  source: ".eleventy.ts",
  site: {
    title: "Trellis",
    description: "A digital garden.",
    language: "en",
    pathPrefix: "/",
    theme: {},
    features: DEFAULT_FEATURES,
    dateFormat: "long",
    explorerOrder: [],
    custom: {},
  },
};

export class OptionsError extends Error {
  override name = "OptionsError";
}

type Check = "string" | "boolean" | "object" | "list of strings";

/** Every setting and its type; nested objects list their own. */
const SCHEMA: Record<string, Check | Record<string, Check | Record<string, Check | Record<string, Check>>>> = {
  contentDir: "string",
  strict: "boolean",
  publish: "string",
  home: "string",
  trustHtml: "boolean",
  mount: "string",
  site: {
    title: "string",
    description: "string",
    language: "string",
    author: "string",
    url: "string",
    pathPrefix: "string",
    dateFormat: "string",
    explorerOrder: "list of strings",
    noteIcon: "string",
    theme: Object.fromEntries([...THEME_COLOURS, ...THEME_FONTS].map((key) => [key, "string" as const])),
    custom: { css: "string", js: "string", logo: "string", favicon: "string", slots: Object.fromEntries(SLOTS.map((slot) => [slot, "string" as const])) },
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
    } else if (expected === "list of strings") {
      if (!Array.isArray(given) || given.some((item) => typeof item !== "string")) problems.push(`\`${name}\` must be a list of strings, not ${typeName(given)}`);
    } else if (typeof given !== expected) {
      problems.push(`\`${name}\` must be ${expected === "boolean" ? "true or false" : `a ${expected}`}, not ${typeName(given)}`);
    }
  }
  return problems;
}

/** Colours go into the page's CSS, so only plain colour values are accepted. */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d.,%\s/]+\))$/i;

/** Font stacks go into the page's CSS too: names, quotes, commas and spaces only. */
const FONT_STACK = /^[\p{L}\p{N} _"',.-]+$/u;

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
  const dateFormat: unknown = options.site?.dateFormat;
  if (typeof dateFormat === "string" && !(DATE_FORMATS as readonly string[]).includes(dateFormat)) problems.push(`\`site.dateFormat\` must be one of ${DATE_FORMATS.map((format) => JSON.stringify(format)).join(", ")}, not ${JSON.stringify(dateFormat)}`);
  const icon: unknown = options.site?.noteIcon;
  if (typeof icon === "string" && !ICON_NAME.test(icon)) problems.push(`\`site.noteIcon\` ${JSON.stringify(icon)} is not an icon name; use "1", "2", "3" or letters, digits, - and _`);
  if (options.publish !== undefined && options.publish !== "flag" && options.publish !== "all") problems.push(`\`publish\` must be "flag" or "all", not ${JSON.stringify(options.publish)}`);
  for (const [key, value] of Object.entries(typeof theme === "object" && theme !== null ? theme : {})) {
    if (typeof value !== "string") continue;
    if ((THEME_COLOURS as readonly string[]).includes(key) && !COLOUR.test(value.trim())) problems.push(`\`site.theme.${key}\` ${JSON.stringify(value)} is not a colour; write it like "#1f5fa8"`);
    if ((THEME_FONTS as readonly string[]).includes(key) && !FONT_STACK.test(value.trim())) problems.push(`\`site.theme.${key}\` ${JSON.stringify(value)} is not a font stack; write it like "Iowan Old Style", Georgia, serif`);
  }
  const strings: unknown = options.site?.strings;
  // Its type as a whole is checked above (an object); null and lists are objects too.
  if (typeof strings === "object") problems.push(...stringsProblems(strings));
  const language = typeof options.site?.language === "string" ? languageProblem(options.site.language) : undefined;
  if (language) problems.push(`\`site.language\` ${language}`);
  for (const [value, normalize] of [[options.site?.url, normalizeSiteUrl], [options.site?.pathPrefix, normalizePathPrefix], [options.mount, normalizePathPrefix]] as const) {
    try {
      if (typeof value === "string" && value) normalize(value);
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new OptionsError(`the Trellis options in ${source} have ${problems.length === 1 ? "a problem" : "problems"}:\n  ${problems.join("\n  ")}`);
}

/** What the `trellis` command's flags set: over every file of settings. */
export interface CommandFlags {
  contentDir?: string | undefined;
  title?: string | undefined;
  language?: string | undefined;
  url?: string | undefined;
  pathPrefix?: string | undefined;
  publish?: string | undefined;
  strict?: boolean | undefined;
}

/**
 * Where a site's settings come from, weakest first: the options given to the plugin (a clone's
 * `.eleventy.ts`, a host site's config), which a project's config file replaces whole; a
 * Digital Garden repository's `.env` (its name, language, address), over the plugin's options,
 * which describe the sample garden, and under the config file, which the author wrote for this
 * site; the command's flags over all. The one place they are merged.
 */
export interface OptionSources {
  plugin?: TrellisUserOptions | undefined;
  config?: { options: TrellisUserOptions; source: string } | undefined;
  gardenEnv?: Partial<SiteOptions> | undefined;
  flags?: CommandFlags | undefined;
}

/** The notes folder the settings and flags name, before a repository layout is looked for in it. */
export function contentDirOf(sources: OptionSources): string {
  return sources.flags?.contentDir || (sources.config?.options ?? sources.plugin)?.contentDir || DEFAULT_OPTIONS.contentDir;
}

/** The site's settings from all their sources (OptionSources), checked. */
export function optionsFrom(sources: OptionSources): TrellisOptions {
  const { config, gardenEnv } = sources;
  let user = config?.options ?? sources.plugin ?? {};
  if (gardenEnv) user = { ...user, site: config ? { ...gardenEnv, ...user.site } : { ...user.site, ...gardenEnv } };
  return resolveOptions(user, sources.flags, config?.source);
}

export function resolveOptions(user: TrellisUserOptions = {}, flags: CommandFlags = {}, source = PLUGIN_OPTIONS_SOURCE): TrellisOptions {
  validateOptions(user, source);

  const site: SiteOptions = {
    ...DEFAULT_OPTIONS.site,
    ...user.site,
    theme: { ...user.site?.theme },
    custom: { ...user.site?.custom, slots: { ...user.site?.custom?.slots } },
    features: { ...DEFAULT_FEATURES, ...user.site?.features },
  };
  // --title and --language (the command checks them before they get here).
  if (flags.title) site.title = flags.title;
  if (flags.language) site.language = flags.language;
  const contentDir = flags.contentDir || user.contentDir || DEFAULT_OPTIONS.contentDir;
  const url = flags.url || site.url;
  if (url) site.url = normalizeSiteUrl(url);
  else delete site.url;
  // Without an explicit prefix, the site url's path is the prefix (https://user.github.io/repo → /repo/).
  const prefix = flags.pathPrefix || user.site?.pathPrefix || (site.url ? new URL(site.url).pathname : "/");
  site.pathPrefix = normalizePathPrefix(prefix);
  // A garden mounted in a larger site has its addresses below the mount, after the deploy sub-path.
  const mount = normalizePathPrefix(user.mount ?? "/");
  if (mount !== "/") site.pathPrefix = normalizePathPrefix(site.pathPrefix + mount);
  if (site.url) site.url = new URL(site.url).origin + site.pathPrefix.replace(/\/$/, "");
  const strict = flags.strict === true || user.strict === true;
  const publish = flags.publish || user.publish || "flag";
  if (publish !== "flag" && publish !== "all") throw new OptionsError(`--publish must be "flag" or "all", not ${JSON.stringify(publish)}`);
  const options: TrellisOptions = { contentDir, strict, publish, trustHtml: user.trustHtml === true, site, mount, source };
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
