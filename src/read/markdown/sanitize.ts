/**
 * Raw HTML in notes is allowed (Obsidian renders it) but must not run script or load
 * third-party frames. Only notes that contain raw HTML are passed through the sanitiser;
 * markdown-it's own output is already escaped.
 */
import { createRequire } from "node:module";
import type Token from "markdown-it/lib/token.mjs";
import type sanitize from "sanitize-html";
import { isReservedAttribute } from "./reserved-attributes.ts";

const require = createRequire(import.meta.url);
/** Loaded for the first note with raw HTML: most gardens have none. */
let sanitizer: { sanitize: typeof sanitize; options: sanitize.IOptions } | undefined;

function loadSanitizer(): { sanitize: typeof sanitize; options: sanitize.IOptions } {
  if (!sanitizer) {
    const sanitizeHtml = require("sanitize-html") as typeof sanitize;
    // <source> and <track> are void elements, like <img>: an end tag after them is invalid HTML.
    const selfClosing = [...sanitizeHtml.defaults.selfClosing, "source", "track", "wbr"];
    sanitizer = { sanitize: sanitizeHtml, options: { ...OPTIONS, allowedTags: [...sanitizeHtml.defaults.allowedTags, ...EXTRA_TAGS], selfClosing } };
  }
  return sanitizer;
}

/** Tags allowed besides sanitize-html's defaults. */
const EXTRA_TAGS = [
  "img", "picture", "source", "figure", "figcaption", "details", "summary", "del", "ins", "kbd",
  "mark", "sub", "sup", "u", "s", "small", "abbr", "cite", "dfn", "time", "var", "samp",
  "audio", "video", "track", "center", "font", "span", "div", "input",
];

const COMMON_ATTRIBUTES = ["id", "class", "title", "lang", "dir", "data-*", "aria-*", "role"];

const OPTIONS: sanitize.IOptions = {
  allowedAttributes: {
    "*": COMMON_ATTRIBUTES,
    a: ["href", "name", "target", "rel"],
    img: ["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "fetchpriority"],
    source: ["src", "srcset", "sizes", "type", "media", "width", "height"],
    audio: ["src", "controls", "loop", "muted", "preload"],
    video: ["src", "controls", "loop", "muted", "preload", "poster", "width", "height", "playsinline"],
    track: ["src", "kind", "srclang", "label", "default"],
    td: ["colspan", "rowspan", "align"],
    th: ["colspan", "rowspan", "align", "scope"],
    ol: ["start", "reversed", "type"],
    li: ["value"],
    details: ["open"],
    time: ["datetime"],
    input: ["type", "checked", "disabled"],
    font: ["color"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowProtocolRelative: true,
  // A dropped element keeps its text, so nothing the author wrote silently disappears.
  disallowedTagsMode: "escape",
  // `<a/>` is closed where it stands, as the author meant; HTML would keep it open to the end.
  parser: { recognizeSelfClosing: true },
  transformTags: {
    // An image the author gave no text to is decorative for screen readers, not unnamed.
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs["alt"] ?? "" } }),
    // Links to other sites cannot reach back into the page that opened them.
    a: (tagName, attribs) => (/^(https?:)?\/\//i.test(attribs["href"] ?? "") ? { tagName, attribs: { ...attribs, rel: "noopener" } } : { tagName, attribs }),
    // Attributes that steer Trellis's own machinery (the search index, the site's scripts) are not the note's to set.
    "*": (tagName, attribs) => ({ tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([name]) => !isReservedAttribute(name))) }),
  },
};

export function hasRawHtml(tokens: readonly Token[]): boolean {
  return tokens.some(
    (token) =>
      (token.type === "html_block" && !token.meta?.sanitized) || (token.children?.some((child) => child.type === "html_inline" && !child.meta?.sanitized) ?? false),
  );
}

/** The sanitiser keeps this element (with the attributes it allows). */
export function isAllowedTag(tagName: string): boolean {
  const { options } = loadSanitizer();
  return options.allowedTags !== false && (options.allowedTags?.includes(tagName) ?? false);
}

/** What an `<a>` or media element of the author's becomes on the page (resolve.ts: its target in the Garden). */
export type LinkRewrite = (tagName: string, attribs: Record<string, string>) => { tagName: string; attribs: Record<string, string>; text?: string };

export function sanitizeNoteHtml(html: string, rewrite?: LinkRewrite): string {
  const { sanitize, options } = loadSanitizer();
  if (!rewrite) return sanitize(html, options);
  const own = options.transformTags ?? {};
  // The author's target first; Trellis's own rules (rel, alt) then apply to what it became.
  const then = (tagName: string, attribs: sanitize.Attributes): sanitize.Tag => {
    const rewritten = rewrite(tagName, attribs);
    const rule = rewritten.tagName === tagName ? own[tagName] : undefined;
    const result = typeof rule === "function" ? rule(rewritten.tagName, rewritten.attribs) : { tagName: rewritten.tagName, attribs: rewritten.attribs };
    return rewritten.text === undefined ? result : { ...result, text: rewritten.text };
  };
  return sanitize(html, { ...options, transformTags: { ...own, a: then, img: then, source: then, audio: then, video: then, track: then } });
}
