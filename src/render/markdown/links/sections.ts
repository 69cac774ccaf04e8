/** The part of a note an embed shows: one section or one block, with the footnotes it cites. */
import type Token from "markdown-it/lib/token.mjs";
import { headingId } from "../../../read/markdown/links/anchors.ts";

/** The tokens of one section (a heading and what follows it, up to the next heading of its level or higher) or one block. */
export function sliceSection(tokens: Token[], fragment: string): Token[] | undefined {
  const last = fragment.split("#").filter(Boolean).at(-1) ?? fragment;
  if (last.startsWith("^")) {
    const id = `^${last.slice(1).trim()}`;
    const start = tokens.findIndex((token) => token.nesting !== -1 && token.attrGet("id") === id);
    if (start === -1) return undefined;
    const open = tokens[start];
    if (!open || open.nesting === 0) return tokens.slice(start, start + 1);
    let depth = 0;
    for (let i = start; i < tokens.length; i++) {
      depth += tokens[i]?.nesting ?? 0;
      if (depth === 0) return tokens.slice(start, i + 1);
    }
    return undefined;
  }
  const wanted = headingId(last);
  const start = tokens.findIndex((token) => token.type === "heading_open" && headingId(textOf(tokens, token)) === wanted);
  if (start === -1) return undefined;
  const level = Number(tokens[start]?.tag.slice(1));
  let end = tokens.length;
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type === "heading_open" && Number(token.tag.slice(1)) <= level) {
      end = i;
      break;
    }
  }
  return tokens.slice(start, end);
}

function textOf(tokens: Token[], open: Token): string {
  const inline = tokens[tokens.indexOf(open) + 1];
  return (inline?.children ?? []).map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : "")).join("");
}

/** The lines of the body a slice was read from: [start, end). */
export function lineRange(tokens: readonly Token[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const token of tokens) {
    if (!token.map) continue;
    start = Math.min(start, token.map[0]);
    end = Math.max(end, token.map[1]);
  }
  return { start, end };
}

function footnoteRefs(tokens: readonly Token[], into: Token[]): Token[] {
  for (const token of tokens) {
    if (token.type === "footnote_ref") into.push(token);
    if (token.children) footnoteRefs(token.children, into);
  }
  return into;
}

/**
 * A section with the footnotes it cites, listed after it and numbered from 1 (the note's list
 * stands at its end, outside any section).
 */
export function withOwnFootnotes(all: readonly Token[], section: Token[]): Token[] {
  const refs = footnoteRefs(section, []);
  const start = all.findIndex((token) => token.type === "footnote_block_open");
  if (refs.length === 0 || start === -1) return section;
  const numbers = new Map<number, number>();
  for (const ref of refs) if (!numbers.has(ref.meta.id as number)) numbers.set(ref.meta.id as number, numbers.size);
  const items: Token[][] = [];
  let item: Token[] | undefined;
  for (const token of all.slice(start + 1)) {
    if (token.type === "footnote_open") item = numbers.has(token.meta.id as number) ? [] : undefined;
    item?.push(token);
    if (token.type === "footnote_close" && item) {
      items[numbers.get(item[0]?.meta.id as number) ?? 0] = item;
      item = undefined;
    }
  }
  // Renumbered: a footnote's number and ids come from its meta.id.
  for (const token of [...refs, ...items.flat()]) {
    if (token.type === "footnote_ref" || token.type === "footnote_open" || token.type === "footnote_anchor") token.meta = { ...token.meta, id: numbers.get(token.meta.id as number) };
  }
  return [...section, all[start] as Token, ...items.flat(), all.at(-1) as Token];
}
