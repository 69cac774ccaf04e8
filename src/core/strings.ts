/**
 * The interface text of a site in its language: the words Trellis itself puts on pages (Search,
 * Tags, Linked from, Share, the 404 page…), looked up in the translations (translations.ts) by
 * the site's BCP 47 `language`, most specific first (`pt-BR`, then `pt`), with English for a
 * key a translation lacks; the site's own `strings` override single keys. Counts pick the
 * language's plural form (`noteCount.one`, `noteCount.few`, `noteCount.other`…) with Intl.PluralRules.
 */
import { ENGLISH, translation, type StringKey } from "./translations.ts";

export type { StringKey } from "./translations.ts";

/** Keys whose text depends on a count: the form is `key.category` (`noteCount.one`). */
const PLURALS = ["noteCount"] as const;
export type PluralKey = (typeof PLURALS)[number];

/** Languages written right to left: their pages get `dir="rtl"` and the layout mirrors. */
const RIGHT_TO_LEFT = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"]);

export interface Strings {
  /** The language's own text direction. */
  dir: "ltr" | "rtl";
  /** The text of a key, with `{name}` placeholders filled in from `values`; `count` picks the plural form. */
  t(key: StringKey | PluralKey, values?: Record<string, string | number>): string;
  /**
   * The texts the browser scripts show, for the page to hand over (a data attribute, as CSP allows
   * no inline script): only those that differ from the English the scripts hold themselves.
   */
  client: Record<string, string>;
}

/** The keys the browser scripts use (src/client/*.js read them from `<html data-strings>`). */
export const CLIENT_KEYS = [
  "explorerError",
  "notes",
  "searchUnavailable",
  "searchGarden",
  "searchResults",
  "searchNoResults",
  "searchClosest",
  "searchMore",
  "canvasZoomIn",
  "canvasZoomOut",
  "canvasFit",
  "linkCopied",
  "copyThisLink",
  "graphLoading",
  "graphError",
  "notInGraph",
  "graphLinkedWith",
  "graphNoLinks",
  "graphTwoAway",
  "graphIncludeTwoAway",
  "graphAllList",
  "graphLabel",
  "graphLocalLabel",
  "themeAuto",
  "themeLight",
  "themeDark",
] as const satisfies readonly StringKey[];

/** `pt-BR` → ["pt-br", "pt"]: the tag and each shorter prefix of it, lower case. */
function candidates(language: string): string[] {
  const parts = language.toLowerCase().split("-");
  return parts.map((_, i) => parts.slice(0, parts.length - i).join("-"));
}

export function textDirection(language: string): "ltr" | "rtl" {
  const tags = candidates(language);
  // A script subtag decides first: `az-Arab` is right to left, `ku-Latn` is not.
  const script = language.split("-").find((part) => part.length === 4 && /^[a-z]+$/i.test(part))?.toLowerCase();
  if (script) return ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"].includes(script) ? "rtl" : "ltr";
  return tags.some((tag) => RIGHT_TO_LEFT.has(tag)) ? "rtl" : "ltr";
}

/** The translation table for a language, English when Trellis has none for it. */
export function translationFor(language: string): Partial<Record<string, string>> {
  for (const tag of candidates(language)) {
    const table = translation(tag);
    if (table) return table;
  }
  return ENGLISH;
}

const english: Partial<Record<string, string>> = ENGLISH;
const englishPlural = new Intl.PluralRules("en");

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function siteStrings(language: string, overrides: Readonly<Record<string, string>> = {}): Strings {
  const table = translationFor(language);
  const plural = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const text = (key: string): string => overrides[key] ?? table[key] ?? english[key] ?? key;
  const t = (key: string, values: Record<string, string | number> = {}): string => {
    if ((PLURALS as readonly string[]).includes(key)) {
      const count = Number(values["count"] ?? 0);
      const form = `${key}.${plural.select(count)}`;
      const chosen = overrides[form] ?? table[form] ?? overrides[`${key}.other`] ?? table[`${key}.other`] ?? english[`${key}.${englishPlural.select(count)}`] ?? key;
      return fill(chosen, { ...values, count: numbers.format(count) });
    }
    return fill(text(key), values);
  };
  return { dir: textDirection(language), t, client: Object.fromEntries(CLIENT_KEYS.filter((key) => text(key) !== english[key]).map((key) => [key, text(key)])) };
}

/** Every key a site may override in `site.strings`, plural forms included. */
export function stringKeys(): string[] {
  return Object.keys(ENGLISH);
}

/** A problem with `site.strings` as written, or none. */
export function stringsProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["`site.strings` must be an object of texts, like { search: \"Find\" }"];
  const known = new Set([...stringKeys(), ...PLURALS.flatMap((key) => ["zero", "one", "two", "few", "many", "other"].map((form) => `${key}.${form}`))]);
  const problems: string[] = [];
  for (const [key, text] of Object.entries(value)) {
    if (!known.has(key)) problems.push(`unknown key \`site.strings.${key}\`; the keys are: ${stringKeys().join(", ")}`);
    else if (typeof text !== "string") problems.push(`\`site.strings.${key}\` must be a string, not ${Array.isArray(text) ? "a list" : text === null ? "null" : `a ${typeof text}`}`);
  }
  return problems;
}
