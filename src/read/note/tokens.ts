/** Small readers over markdown-it's block token stream, shared by the article shapers. */
import type Token from "markdown-it/lib/token.mjs";
import { wikilinkText, type WikilinkMeta } from "../markdown/links/syntax.ts";

/** A top-level block: its tokens from `[start, end)`. */
export interface Block {
  start: number;
  end: number;
  type: string;
}

/** Splits a token stream into its top-level blocks. */
export function topLevelBlocks(tokens: readonly Token[]): Block[] {
  const blocks: Block[] = [];
  let depth = 0;
  let start = 0;
  tokens.forEach((token, index) => {
    if (depth === 0) start = index;
    depth += token.nesting;
    if (depth === 0) {
      const first = tokens[start];
      blocks.push({ start, end: index + 1, type: first?.type.replace(/_open$/, "") ?? "unknown" });
    }
  });
  return blocks;
}

/** The inline token of a paragraph block, if the block is a plain paragraph. */
export function paragraphInline(tokens: readonly Token[], block: Block): Token | undefined {
  if (block.type !== "paragraph" || block.end - block.start !== 3) return undefined;
  const inline = tokens[block.start + 1];
  return inline?.type === "inline" ? inline : undefined;
}

/** Visible text of inline tokens (images contribute nothing). */
export function inlineText(children: readonly Token[] | null): string {
  if (!children) return "";
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
  }
  return text;
}

/**
 * The text a reader sees of inline tokens, for titles and descriptions: links and tags keep
 * their words (an embed shows no text of its own).
 */
export function readableText(children: readonly Token[] | null): string {
  if (!children) return "";
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline" || child.type === "hashtag") text += child.content;
    else if (child.type === "wikilink" && !(child.meta as WikilinkMeta).embed) text += wikilinkText(child.meta as WikilinkMeta);
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
  }
  return text;
}

/** Whitespace as authors' editors leave it, including no-break and zero-width spaces. */
export function isBlank(text: string): boolean {
  return /^[\s\u00A0\u200B-\u200D\u2060\uFEFF]*$/u.test(text);
}

/** Same words, ignoring case and spacing. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/gu, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}
