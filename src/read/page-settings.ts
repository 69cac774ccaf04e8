/**
 * The Digital Garden plugin's per-note settings (`dg-show-toc`, `dg-show-backlinks`, …): which
 * parts of the page a note shows. The plugin writes its global settings into every note, so a
 * note's own value is the one that counts; a note without it shows what the site's features say.
 * Unlike the template, a note's `false` also turns off a part the site shows everywhere.
 */
import { ICON_NAME, type Features } from "../core/options.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { yesNo, type FrontmatterData } from "./publish.ts";

/** Parts of an article page a note can show or hide, and the frontmatter keys that say so. */
export const PAGE_PART_KEYS = {
  // `enableToc` is Quartz's.
  toc: ["dg-show-toc", "toc", "enableToc"],
  backlinks: ["dg-show-backlinks"],
  localGraph: ["dg-show-local-graph"],
  explorer: ["dg-show-file-tree"],
  inlineTitle: ["dg-show-inline-title"],
  tags: ["dg-show-tags"],
  homeLink: ["dg-home-link"],
  previews: ["dg-link-preview"],
  search: ["dg-enable-search"],
} as const satisfies Record<string, readonly string[]>;

export type PagePart = keyof typeof PAGE_PART_KEYS & keyof Features;
/** The site's features as one page shows them. */
export type PageParts = Features;

/**
 * Parts whose data is written for the whole site (the explorer's tree, the graph, the search
 * index): a note can turn them off, but not on where the site does not write their data.
 */
const SITE_DATA: Partial<Record<PagePart, keyof Features>> = { localGraph: "graph", explorer: "explorer", search: "search" };

/** A yes/no a note wrote under the first of `keys` it has, or undefined when it wrote none. */
export function noteSwitch(data: FrontmatterData, keys: readonly string[]): boolean | undefined {
  for (const key of keys) {
    const value = yesNo(data[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Which parts a note's page shows: the note's own switch, else the site's. */
export function pageParts(data: FrontmatterData, features: Features): PageParts {
  const parts: PageParts = { ...features };
  for (const [part, keys] of Object.entries(PAGE_PART_KEYS) as Array<[PagePart, readonly string[]]>) {
    const own = noteSwitch(data, keys);
    const site = features[part];
    const needs = SITE_DATA[part];
    parts[part] = (own ?? site) && (needs === undefined || features[needs]);
  }
  return parts;
}

/** Hidden from one place only: the graph (`dg-hide-in-graph`) or the explorer (`dg-hide-in-filetree`). */
export function hiddenInGraph(data: FrontmatterData): boolean {
  return noteSwitch(data, ["dg-hide-in-graph"]) === true;
}

export function hiddenInExplorer(data: FrontmatterData): boolean {
  return noteSwitch(data, ["dg-hide-in-filetree"]) === true;
}

export function isPinned(data: FrontmatterData): boolean {
  return noteSwitch(data, ["dg-pinned", "pinned"]) === true;
}

/** A CSS class name as authors' style sheets can target it: no spaces, quotes or markup. */
const CLASS_NAME = /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/;

/**
 * Classes for the article element from `dg-content-classes` (the plugin's, space separated) and
 * Obsidian's `cssclasses` (a list, or the older `cssclass`). A class that is not a class name is
 * dropped with a warning.
 */
export function contentClasses(data: FrontmatterData, where: { file: string; line: (key: string) => number | undefined }, diagnostics: Diagnostic[]): string[] {
  const out: string[] = [];
  for (const key of ["dg-content-classes", "cssclasses", "cssclass"]) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      for (const name of typeof item === "string" ? item.split(/[\s,]+/).filter((part) => part !== "") : [String(item)]) {
        if (CLASS_NAME.test(name)) out.push(name);
        else
          diagnostics.push({
            severity: "warning",
            file: where.file,
            line: where.line(key),
            message: `\`${key}\`: ${JSON.stringify(name)} is not a CSS class name; it is left out`,
            fix: "use letters, digits, `-` and `_`, starting with a letter (e.g. `wide-page`)",
          });
      }
    }
  }
  return [...new Set(out)];
}

export interface MetaTag {
  /** `name` for plain meta tags, `property` for Open Graph's (`og:…`, `article:…`). */
  attribute: "name" | "property";
  key: string;
  content: string;
}

/** What the page writes itself and a note's tags may not replace. */
const RESERVED_META = new Set(["viewport", "color-scheme", "charset", "content-security-policy", "referrer", "refresh", "set-cookie", "content-type", "x-ua-compatible"]);
const META_KEY = /^[a-zA-Z][a-zA-Z0-9:._-]*$/;

/**
 * Extra `<meta>` tags from `dg-metatags`, an object of names and values as the plugin writes it
 * (`{"description": "…", "og:image": "…"}`). Values are text, printed escaped; a tag the page
 * sets for its security or layout, a name that is not one, or a value that is not text is
 * dropped with a warning.
 */
export function metaTags(data: FrontmatterData, where: { file: string; line: (key: string) => number | undefined }, diagnostics: Diagnostic[]): MetaTag[] {
  const raw = data["dg-metatags"];
  if (raw === undefined || raw === null) return [];
  const warn = (message: string, fix: string) => diagnostics.push({ severity: "warning", file: where.file, line: where.line("dg-metatags"), message, fix });
  if (typeof raw !== "object" || Array.isArray(raw)) {
    warn("`dg-metatags` is not a set of names and values; no meta tags are added", 'write it as an object, e.g. `"dg-metatags": {"description": "…"}`');
    return [];
  }
  const tags: MetaTag[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const lower = key.toLowerCase();
    if (!META_KEY.test(key) || RESERVED_META.has(lower) || lower.startsWith("http-equiv")) {
      warn(`\`dg-metatags\`: the meta tag ${JSON.stringify(key)} is left out: ${META_KEY.test(key) ? "the page sets it itself, for its layout or its security" : "it is not a meta tag name"}`, "remove it; meta tags here describe the page (description, og:image, author, keywords …)");
      continue;
    }
    if (typeof value !== "string" && typeof value !== "number") {
      warn(`\`dg-metatags\`: the value of ${JSON.stringify(key)} is not text; the tag is left out`, "give it a text value");
      continue;
    }
    tags.push({ attribute: /^(og|article|book|profile|music|video|fb):/.test(lower) ? "property" : "name", key, content: String(value) });
  }
  return tags;
}

/**
 * The note's icon (`dg-note-icon`), shown before its title, in the explorer and on links and
 * backlinks to it as `data-note-icon`. Trellis draws `1`, `2` and `3`; other names are there for
 * the author's style sheet to draw. A name that cannot be an attribute value is dropped with a warning.
 */
export function noteIcon(data: FrontmatterData, where: { file: string; line: (key: string) => number | undefined }, diagnostics: Diagnostic[]): string | undefined {
  const raw = data["dg-note-icon"];
  if (raw === undefined || raw === null || raw === "") return undefined;
  const name = String(raw).trim();
  if (ICON_NAME.test(name)) return name;
  diagnostics.push({
    severity: "warning",
    file: where.file,
    line: where.line("dg-note-icon"),
    message: `\`dg-note-icon\`: ${JSON.stringify(name)} is not an icon name; the note shows no icon`,
    fix: "use 1, 2 or 3 (seedling, sapling, tree), or a name of letters, digits, `-` and `_` that your style sheet draws",
  });
  return undefined;
}

/**
 * The language the note is written in when it is not the site's (`lang`), as a canonical tag: the
 * article says it to browsers and screen readers, and the search index reads it in that language.
 * A value that is not a language tag is dropped with a warning.
 */
export function noteLanguage(data: FrontmatterData, where: { file: string; line: (key: string) => number | undefined }, diagnostics: Diagnostic[]): string | undefined {
  const raw = data["lang"];
  if (raw === undefined || raw === null || raw === "") return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(String(raw).trim());
    if (tag) return tag;
  } catch {
    // Reported below.
  }
  diagnostics.push({
    severity: "warning",
    file: where.file,
    line: where.line("lang"),
    message: `\`lang\`: ${JSON.stringify(raw)} is not a language tag; the note is taken to be in the site's language`,
    fix: "write a language tag such as en, de, zh-Hans or pt-BR",
  });
  return undefined;
}
