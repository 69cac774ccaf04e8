/**
 * Reads what a note points at from its parsed tokens: links, embeds, images and inline tags,
 * with the paragraph around each link for backlink excerpts. Nothing is resolved here.
 */
import type Token from "markdown-it/lib/token.mjs";
import type { HashtagMeta, WikilinkMeta } from "./markdown/links/syntax.ts";
import { wikilinkText } from "./markdown/links/syntax.ts";
import { htmlElements } from "./note/html-elements.ts";

export interface Reference {
  kind: "link" | "embed";
  /** File name, vault path or site path as written, decoded; empty for a link within the note. */
  linkpath: string;
  fragment?: string;
  /** What the author wrote, for messages. */
  written: string;
  /** Line of the note body (0-based), when known. */
  line?: number;
  /** The paragraph the link stands in, for backlink excerpts: HTML, its text escaped, inline code kept as code. */
  context: string;
}

export interface NoteReferences {
  references: Reference[];
  tags: string[];
  /** Images the note shows from other sites, to be fetched and optimised once. */
  remoteImages: string[];
}

const CONTEXT_LENGTH = 200;

/** An `href` or `src` that points into the vault or site; undefined for other sites and schemes. */
export function internalTarget(url: string): { linkpath: string; fragment?: string } | undefined {
  const trimmed = url.trim();
  if (trimmed === "" || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith("//")) return undefined;
  const hash = trimmed.indexOf("#");
  const rawPath = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const rawFragment = hash === -1 ? "" : trimmed.slice(hash + 1);
  const result: { linkpath: string; fragment?: string } = { linkpath: safeDecode(rawPath.split("?")[0] ?? "") };
  if (rawFragment !== "") result.fragment = safeDecode(rawFragment);
  return result;
}

/** The attributes of the author's media elements that name a file to show. */
const MEDIA_SOURCES: Readonly<Record<string, readonly ("src" | "srcset" | "poster")[]>> = {
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  audio: ["src"],
  video: ["src", "poster"],
  track: ["src"],
};

export type HtmlTarget = { kind: "link" | "embed"; linkpath: string; fragment?: string; written: string };

/**
 * What an `<a>` of the author's HTML points at in the vault or site: its `data-href` (Obsidian's
 * own target, which the Digital Garden plugin's pre-rendered HTML keeps beside an `href` to the
 * `.md` file), else its `href`. Links within the page (`#…`) and to other sites are the author's own.
 */
export function htmlLinkTarget(tagName: string, attribs: Readonly<Record<string, string | undefined>>): HtmlTarget | undefined {
  if (tagName !== "a") return undefined;
  const href = attribs["href"];
  if (href !== undefined && internalTarget(href) === undefined) return undefined;
  const written = attribs["data-href"] ?? href;
  const target = written === undefined ? undefined : internalTarget(written);
  if (written === undefined || !target || target.linkpath === "") return undefined;
  return { kind: "link", ...target, written };
}

/** One file a media element shows: the attribute, and for `srcset` which of its candidates. */
export type MediaSource = HtmlTarget & { attribute: "src" | "srcset" | "poster"; candidate?: number };

/** The vault files an `<img>`, `<source>`, `<audio>`, `<video>` or `<track>` shows (`src`, each `srcset` candidate, `poster`). */
export function htmlMediaTargets(tagName: string, attribs: Readonly<Record<string, string | undefined>>): MediaSource[] {
  return (MEDIA_SOURCES[tagName] ?? []).flatMap((attribute) => {
    const value = attribs[attribute];
    if (value === undefined) return [];
    const urls = attribute === "srcset" ? parseSrcset(value).map((candidate) => candidate.url) : [value];
    return urls.flatMap((url, candidate) => {
      const target = internalTarget(url);
      if (!target || target.linkpath === "") return [];
      return [{ kind: "embed" as const, ...target, written: url, attribute, ...(attribute === "srcset" ? { candidate } : {}) }];
    });
  });
}

/** Every vault file or note an element of the author's HTML points at. */
export function htmlTargets(tagName: string, attribs: Readonly<Record<string, string | undefined>>): HtmlTarget[] {
  const link = htmlLinkTarget(tagName, attribs);
  return link ? [link] : htmlMediaTargets(tagName, attribs).map(({ attribute: _attribute, candidate: _candidate, ...target }) => target);
}

/** A `srcset`'s candidates as HTML reads them: a URL (a run without spaces), then its descriptor up to the comma. */
export function parseSrcset(value: string): Array<{ url: string; descriptor: string }> {
  const candidates: Array<{ url: string; descriptor: string }> = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, "");
    if (rest === "") return candidates;
    const url = /^\S+/.exec(rest)?.[0] ?? "";
    rest = rest.slice(url.length);
    if (url.endsWith(",")) {
      candidates.push({ url: url.replace(/,+$/, ""), descriptor: "" });
      continue;
    }
    const comma = rest.indexOf(",");
    candidates.push({ url, descriptor: (comma === -1 ? rest : rest.slice(0, comma)).trim() });
    rest = comma === -1 ? "" : rest.slice(comma + 1);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A run of a paragraph's text, and whether it is inline code. */
type Run = { text: string; code: boolean };

/** A paragraph's text, with links shown as their text and inline code kept apart. */
function contextRuns(children: readonly Token[]): Run[] {
  const runs: Run[] = [];
  const add = (text: string, code = false) => {
    const last = runs.at(-1);
    if (last && !last.code && !code) last.text += text;
    else runs.push({ text, code });
  };
  for (const child of children) {
    if (child.type === "text") add(child.content);
    else if (child.type === "code_inline") add(child.content, true);
    else if (child.type === "softbreak" || child.type === "hardbreak") add(" ");
    else if (child.type === "wikilink") add(wikilinkText(child.meta as WikilinkMeta));
    else if (child.type === "hashtag") add(child.content);
  }
  return runs.map((run) => ({ ...run, text: run.text.replace(/\s+/gu, " ") }));
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The excerpt as HTML, cut at a word after CONTEXT_LENGTH characters of text: inline code stays code. */
function excerpt(runs: Run[]): string {
  const text = runs.map((run) => run.text).join("");
  const start = text.length - text.trimStart().length;
  let end = text.trimEnd().length;
  let ellipsis = "";
  if (end - start > CONTEXT_LENGTH) {
    end = start + text.slice(start, start + CONTEXT_LENGTH - 1).replace(/\s+\S*$/u, "").length;
    ellipsis = "…";
  }
  let html = "";
  let at = 0;
  for (const run of runs) {
    const part = run.text.slice(Math.max(0, start - at), Math.max(0, end - at));
    at += run.text.length;
    if (part !== "") html += run.code ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part);
  }
  return html + ellipsis;
}

export function collectReferences(tokens: readonly Token[]): NoteReferences {
  const references: Reference[] = [];
  const tags = new Set<string>();
  const remoteImages = new Set<string>();
  // Table cells carry no line map; the nearest block before them does.
  let lastLine: number | undefined;
  /** Links and images in the author's HTML (already sanitised), resolved like Markdown's. */
  const addHtml = (html: string, line: number | undefined) => {
    for (const { tagName, attribs } of htmlElements(html)) {
      for (const target of htmlTargets(tagName, attribs)) references.push({ ...target, context: "", ...(line === undefined ? {} : { line }) });
    }
  };
  for (const block of tokens) {
    if (block.map) lastLine = block.map[0];
    if (block.type === "html_block") addHtml(block.content, block.map?.[0] ?? lastLine);
    if (block.type !== "inline" || !block.children) continue;
    const firstLine = block.map?.[0] ?? lastLine;
    let lineOffset = 0;
    let context: string | undefined;
    const add = (reference: Omit<Reference, "context" | "line">) => {
      context ??= excerpt(contextRuns(block.children ?? []));
      const full: Reference = { ...reference, context };
      if (firstLine !== undefined) full.line = firstLine + lineOffset;
      references.push(full);
    };
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") lineOffset++;
      if (child.type === "html_inline") addHtml(child.content, firstLine === undefined ? undefined : firstLine + lineOffset);
      if (child.type === "wikilink") {
        const meta = child.meta as WikilinkMeta;
        const reference: Omit<Reference, "context" | "line"> = { kind: meta.embed ? "embed" : "link", linkpath: meta.linkpath, written: child.content };
        if (meta.fragment) reference.fragment = meta.fragment;
        add(reference);
      } else if (child.type === "hashtag") {
        tags.add((child.meta as HashtagMeta).tag);
      } else if (child.type === "link_open" || child.type === "image") {
        const url = child.attrGet(child.type === "image" ? "src" : "href") ?? "";
        const target = internalTarget(url);
        if (!target) {
          if (child.type === "image" && /^https?:\/\//i.test(url)) remoteImages.add(url);
          continue;
        }
        const reference: Omit<Reference, "context" | "line"> = { kind: child.type === "image" ? "embed" : "link", linkpath: target.linkpath, written: url };
        if (target.fragment) reference.fragment = target.fragment;
        add(reference);
      }
    }
  }
  return { references, tags: [...tags], remoteImages: [...remoteImages] };
}
