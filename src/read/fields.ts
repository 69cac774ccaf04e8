/** Readers for the frontmatter fields Trellis understands, tolerant of how authors write them. */
import { withoutNoteExtension } from "../core/vault-paths.ts";
import type { HeroOverrides } from "./note/hero.ts";

export type FrontmatterData = Record<string, unknown>;

export function textField(data: FrontmatterData, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

/** A list written as YAML list, or as one string separated by commas or spaces. */
export function listField(data: FrontmatterData, ...keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = data[key];
    const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[,\n]/) : [];
    for (const item of items) {
      if (typeof item === "string" || typeof item === "number") {
        const text = String(item).trim();
        if (text !== "") out.push(text);
      }
    }
  }
  return [...new Set(out)];
}

/** Tags without their leading `#`; a string of tags may separate them with spaces too. */
export function tagsField(data: FrontmatterData): string[] {
  const raw = data["tags"] ?? data["tag"];
  const items = typeof raw === "string" ? raw.split(/[\s,]+/) : listField({ tags: raw }, "tags");
  return [...new Set(items.map((tag) => tag.trim().replace(/^#/, "")).filter((tag) => tag !== ""))];
}

export type DateRead = { ok: true; date?: Date } | { ok: false; key: string; value: string };

/** The first of `keys` that holds a date; a written but unreadable date is reported. */
export function dateField(data: FrontmatterData, ...keys: string[]): DateRead {
  for (const key of keys) {
    const value = data[key];
    if (value === undefined || value === null || value === "") continue;
    const date = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
    if (date && !Number.isNaN(date.getTime())) return { ok: true, date };
    return { ok: false, key, value: String(value) };
  }
  return { ok: true };
}

/**
 * A property's value as Obsidian shows it (render/properties.ts draws it): a link (`"[[Note]]"`,
 * `"[[Note|Label]]"`), a URL, a date or a date and time, a yes or no, a number as written, tags,
 * text, or a list of these.
 */
export type PropertyValue =
  | { kind: "text"; text: string }
  | { kind: "number"; text: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; iso: string; time: boolean }
  | { kind: "link"; linkpath: string; label?: string }
  | { kind: "url"; url: string }
  | { kind: "tags"; tags: string[] }
  | { kind: "list"; items: PropertyValue[] };

export interface Property {
  key: string;
  value: PropertyValue;
}

/**
 * Properties the author chose to show on the page (the Digital Garden plugin's
 * `dg-note-properties`): an object of text, numbers, dates, links or lists of them.
 */
export function propertiesField(data: FrontmatterData, key: string): Property[] {
  const raw = data[key];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [];
  const out: Property[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = propertyValue(name, value);
    if (parsed) out.push({ key: name, value: parsed });
  }
  return out;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const URL_VALUE = /^https?:\/\/[^\s<>"]+$/i;

/** A frontmatter value as a PropertyValue; undefined for nothing to show (empty, null, an object). */
export function propertyValue(key: string, value: unknown): PropertyValue | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const link = propertyLink(value);
  if (link) return { kind: "link", ...link };
  if (key.toLowerCase() === "tags") {
    const tags = (Array.isArray(value) ? value : String(value).split(/[\s,]+/)).map((tag) => String(tag).replace(/^#/, "").trim()).filter(Boolean);
    return tags.length > 0 ? { kind: "tags", tags } : undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => propertyValue("", item)).filter((item): item is PropertyValue => item !== undefined);
    return items.length > 0 ? { kind: "list", items } : undefined;
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", text: String(value) } : undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // YAML reads a date as midnight UTC; one with a time of day was written with it.
    const time = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0 || value.getUTCSeconds() !== 0;
    return { kind: "date", iso: value.toISOString(), time };
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (DATE_ONLY.test(text) && !Number.isNaN(Date.parse(text))) return { kind: "date", iso: new Date(`${text}T00:00:00Z`).toISOString(), time: false };
  if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return { kind: "date", iso: new Date(text).toISOString(), time: true };
  if (URL_VALUE.test(text)) return { kind: "url", url: text };
  return text === "" ? undefined : { kind: "text", text };
}

/**
 * A link as Obsidian writes it in a property: `"[[photo.png]]"` (quoted, as Obsidian saves
 * it), `![[photo.png]]`, `[[Note|Name]]`, or unquoted YAML `[[photo.png]]`, which YAML reads
 * as a list in a list. Gives the link's path and label; undefined for anything else.
 */
export function propertyLink(value: unknown): { linkpath: string; label?: string } | undefined {
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 && typeof value[0][0] === "string") {
    return propertyLink(`[[${value[0][0]}]]`);
  }
  if (typeof value !== "string") return undefined;
  const match = /^!?\[\[([^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]$/u.exec(value.trim());
  if (!match?.[1]) return undefined;
  const link: { linkpath: string; label?: string } = { linkpath: match[1].trim() };
  const label = match[2]?.trim();
  if (label) link.label = label;
  return link;
}

/** The first of `keys` written as text, a `[[link]]` (its path) or a list of them (its first). */
function imageField(data: FrontmatterData, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const raw = data[key];
    const value = Array.isArray(raw) && !propertyLink(raw) ? raw[0] : raw;
    const link = propertyLink(value);
    if (link) return link.linkpath;
    const text = textField({ [key]: value }, key);
    if (text !== undefined) return text;
  }
  return undefined;
}

function positiveNumber(data: FrontmatterData, key: string): number | undefined {
  const value = Number(data[key]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The frontmatter keys that name a hero image, in the order they are read. */
export const HERO_IMAGE_KEYS = ["image", "cover", "banner"] as const;

/**
 * Frontmatter that sets the hero: `image` (or `cover`, `banner`) as a path, a URL or a
 * `[[link]]`; `image-caption`, `image-credit`, and `image-width`/`image-height` for a remote
 * image whose shape the page should keep when it cannot be fetched.
 */
export function heroOverrides(data: FrontmatterData): HeroOverrides {
  const overrides: HeroOverrides = {};
  const image = imageField(data, ...HERO_IMAGE_KEYS);
  const caption = textField(data, "image-caption");
  const credit = textField(data, "image-credit");
  const width = positiveNumber(data, "image-width");
  const height = positiveNumber(data, "image-height");
  if (image !== undefined) overrides.image = image;
  if (width !== undefined) overrides.width = width;
  if (height !== undefined) overrides.height = height;
  if (caption !== undefined) overrides.caption = caption;
  if (credit !== undefined) overrides.credit = credit;
  return overrides;
}

/** A name in `author`/`authors`: plain text, or a `[[link]]` to the author's note (resolved when the page is made). */
export interface AuthorName {
  name: string;
  /** The link's path as written, when the author was written as a `[[link]]`. */
  linkpath?: string;
}

/**
 * `author` or `authors` as the Obsidian Web Clipper and authors write them: one name, a
 * `[[link]]`, or a list of either (`- "[[Ann Lee]]"`; unquoted, YAML reads `[[Ann Lee]]` as a
 * list in a list). Each name once, in the order written.
 */
export function authorsField(data: FrontmatterData): AuthorName[] {
  const out: AuthorName[] = [];
  for (const key of ["author", "authors"]) {
    const raw = data[key];
    const items: unknown[] = Array.isArray(raw) && !propertyLink(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    for (const item of items) {
      const link = propertyLink(item);
      if (link) {
        out.push({ name: link.label ?? withoutNoteExtension(link.linkpath.split("/").pop() ?? "") ?? link.linkpath, linkpath: link.linkpath });
        continue;
      }
      const text = typeof item === "string" ? item.trim() : "";
      if (text !== "") out.push({ name: text });
    }
  }
  const seen = new Set<string>();
  return out.filter((author) => !seen.has(author.name.toLowerCase()) && seen.add(author.name.toLowerCase()));
}

/** The page a web clip was taken from (`source`, as the Web Clipper writes it): an http(s) address, else nothing. */
export function sourceField(data: FrontmatterData): { url: string; site: string } | undefined {
  const text = textField(data, "source", "url");
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  // The clipper keeps the campaign tags of the address it was opened from; the article is the same without them.
  for (const key of [...url.searchParams.keys()]) if (/^utm_/i.test(key)) url.searchParams.delete(key);
  return { url: url.href, site: url.hostname.replace(/^www\./, "") };
}
