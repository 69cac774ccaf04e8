/**
 * Obsidian's link syntax as markdown-it inline rules: `[[target#fragment|text]]`, `![[embed]]`
 * and inline `#tags`. They only record what was written; resolving against the Garden
 * happens later (see resolve.ts), so the scan can read links without a Garden.
 */
import { withoutNoteExtension } from "../../../core/vault-paths.ts";
import type MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

export interface WikilinkMeta {
  /** File name or path as written, without `#fragment` (empty for `[[#Heading]]`). */
  linkpath: string;
  /** Heading text or `^block-id`, without the `#`. */
  fragment?: string;
  /** Text after the `|`, if any. */
  label?: string;
  embed: boolean;
}

export interface HashtagMeta {
  tag: string;
}

/** Splits the inside of `[[…]]`. A `\|` (escaped for tables) separates like `|`. */
export function parseWikilink(inner: string, embed: boolean): WikilinkMeta {
  const bar = inner.search(/\\?\|/);
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar).replace(/^\\?\|/, "").trim();
  const hash = target.indexOf("#");
  const linkpath = (hash === -1 ? target : target.slice(0, hash)).trim();
  const fragment = hash === -1 ? undefined : target.slice(hash + 1).replace(/^#+/, "").trim();
  const meta: WikilinkMeta = { linkpath, embed };
  if (fragment) meta.fragment = fragment;
  if (label) meta.label = label;
  return meta;
}

/** The text Obsidian shows for a link without a label: `Note`, `Note > Heading`, `Heading`. */
export function wikilinkText(meta: WikilinkMeta): string {
  if (meta.label) return meta.label;
  const name = withoutNoteExtension(meta.linkpath);
  if (!meta.fragment) return name;
  const fragment = meta.fragment.replace(/#/g, " > ");
  return name === "" ? fragment : `${name} > ${fragment}`;
}

function wikilinkRule(state: StateInline, silent: boolean): boolean {
  const { src } = state;
  let pos = state.pos;
  const embed = src.charCodeAt(pos) === 0x21; /* ! */
  if (embed) pos++;
  if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x5b) return false;
  const end = src.indexOf("]]", pos + 2);
  if (end === -1) return false;
  const inner = src.slice(pos + 2, end);
  if (inner.trim() === "" || inner.includes("[[") || inner.includes("\n")) return false;
  if (!silent) {
    const token = state.push("wikilink", "", 0);
    token.meta = parseWikilink(inner, embed);
    token.content = src.slice(state.pos, end + 2);
  }
  state.pos = end + 2;
  return true;
}

/** Letters, digits, `_`, `-` and `/` for nesting; at least one character that is not a digit. */
const TAG = /^#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/u;

function hashtagRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x23 /* # */) return false;
  const before = pos === 0 ? " " : src[pos - 1] ?? " ";
  if (!/[\s([{"'“‘,;]/u.test(before)) return false;
  const match = TAG.exec(src.slice(pos));
  if (!match?.[1]) return false;
  const tag = match[1].replace(/\/+$/, "");
  if (tag === "" || tag.startsWith("/")) return false;
  if (!silent) {
    const token = state.push("hashtag", "", 0);
    token.meta = { tag } satisfies HashtagMeta;
    token.content = `#${tag}`;
  }
  state.pos += 1 + tag.length;
  return true;
}

export function obsidianLinkSyntax(md: MarkdownIt): void {
  md.inline.ruler.before("link", "wikilink", wikilinkRule);
  md.inline.ruler.after("wikilink", "hashtag", hashtagRule);
}
