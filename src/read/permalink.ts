/**
 * Permalinks: where a published note is written and served.
 * `normalizePermalink` cleans what authors (and the Obsidian Digital Garden plugin)
 * write in `dg-permalink` / `permalink`; `slugFromPath` derives one from the vault path.
 */
import { withoutNoteExtension } from "../core/vault-paths.ts";

export type PermalinkResult = { ok: true; url: string } | { ok: false; reason: string };

/** Opening and closing marks that wrap a value by mistake, plain, escaped or typographic. */
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['\\"', '\\"'],
  ["\\'", "\\'"],
  ['"', '"'],
  ["'", "'"],
  ["`", "`"],
  ["\u201C", "\u201D"], // “ ”
  ["\u201E", "\u201C"], // „ “
  ["\u2018", "\u2019"], // ‘ ’
  ["\u00AB", "\u00BB"], // « »
];

/** Characters that may not remain in a permalink, with the reason given to the author. */
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\\/, "a backslash"],
  [/\p{Cc}/u, "a control character"],
  [/\?/, "a question mark (it would start a query string)"],
  [/#/, "a hash sign (it would start a fragment)"],
  [/["'`\u201C\u201D\u201E\u2018\u2019\u00AB\u00BB]/, "a quote mark"],
  [/[<>|*]/, "one of < > | * (not allowed in file names on every host)"],
];

/** A segment becomes a folder name on disk; most file systems stop at 255 bytes. */
const MAX_SEGMENT_BYTES = 200;

export function stripWrappingQuotes(value: string): string {
  let current = value.trim();
  for (;;) {
    const pair = QUOTE_PAIRS.find(
      ([open, close]) =>
        current.length >= open.length + close.length && current.startsWith(open) && current.endsWith(close),
    );
    if (!pair) return current;
    current = current.slice(pair[0].length, current.length - pair[1].length).trim();
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a lone "%" is kept as written
  }
}

/** The frontmatter keys that set a note's address, in the order they are read. */
export const PERMALINK_KEYS = ["dg-permalink", "permalink"] as const;

/**
 * The permalink a note's frontmatter writes, if any: the first key that says something (a blank
 * value or `null` says nothing, and the next key or the file name decides). The one reading of
 * "this note has a permalink", for its address, its claim to be home and its messages.
 */
export function writtenPermalink(data: Readonly<Record<string, unknown>>): { key: (typeof PERMALINK_KEYS)[number]; value: unknown } | undefined {
  for (const key of PERMALINK_KEYS) {
    const value = data[key];
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) continue;
    return { key, value };
  }
  return undefined;
}

/**
 * Normalises a permalink written by an author: trims, strips wrapping quote marks
 * (the Digital Garden plugin writes `"\"anthropic\""`), collapses slashes and always
 * returns `/…/`. Unicode letters are kept. Values that cannot be a safe URL path are rejected.
 */
export function normalizePermalink(raw: unknown): PermalinkResult {
  if (typeof raw === "number") raw = String(raw);
  if (typeof raw !== "string") {
    return { ok: false, reason: `must be text like "/my-note/", not ${describe(raw)}` };
  }
  const whole = stripWrappingQuotes(raw);
  const segments: string[] = [];
  for (const part of whole.split("/")) {
    let segment = stripWrappingQuotes(decodeSegment(stripWrappingQuotes(part)));
    if (segment === "") continue; // collapses "//" and the leading/trailing slash
    if (segment === "." || segment === "..") {
      return { ok: false, reason: `contains a "${segment}" segment, which would leave the site folder` };
    }
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(segment)) return { ok: false, reason: `contains ${what}` };
    }
    segment = segment.replace(/\s+/gu, "-");
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
      return { ok: false, reason: `has a part longer than ${MAX_SEGMENT_BYTES} bytes, too long for a folder name` };
    }
    segments.push(segment);
  }
  const last = segments.at(-1);
  if (last !== undefined && /\.html?$/i.test(last)) {
    // "/about.html" and "/about/index.html" are both served as "/about/".
    const stem = last.replace(/\.html?$/i, "");
    segments.pop();
    if (stem !== "index" && stem !== "") segments.push(stem);
  }
  return { ok: true, url: segments.length === 0 ? "/" : `/${segments.join("/")}/` };
}

/** Lower-case slug of one name: letters and digits of any script, words joined by "-". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFC")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return truncateBytes(slug, MAX_SEGMENT_BYTES).replace(/-+$/, "") || "untitled";
}

/** `Folder/My Note.md` → `/folder/my-note/`. */
export function slugFromPath(relativePath: string): string {
  const withoutExtension = withoutNoteExtension(relativePath);
  const parts = withoutExtension.split(/[\\/]+/).filter((part) => part !== "");
  return `/${parts.map(slugify).join("/")}/`;
}

function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = "";
  for (const char of text) {
    if (Buffer.byteLength(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
