/**
 * Anchors that links land on: every heading gets an id from its text (the same function
 * turns `[[Note#Heading]]` into a fragment), and Obsidian block ids (`^id` at the end of a
 * paragraph or list item, or alone on the line after a block) become element ids.
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { inlineText } from "../../note/tokens.ts";

/** `My Heading!` → `my-heading`; letters of every script are kept. */
export function headingId(text: string): string {
  const id = text
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
    .replace(/\s+/gu, "-");
  return id === "" ? "section" : id;
}

/** The fragment a link to `#fragment` should use: block ids keep their `^`, headings are slugged. */
export function fragmentId(fragment: string): string {
  const last = fragment.split("#").filter(Boolean).at(-1) ?? fragment;
  return last.startsWith("^") ? `^${last.slice(1).trim()}` : headingId(last);
}

const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

/** The block that an id on the next line belongs to: the open token of the previous block. */
function previousBlockOpen(tokens: Token[], index: number): Token | undefined {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i];
    if (!token) continue;
    depth += token.nesting;
    if (depth === 0 && token.nesting !== -1) return token.level === tokens[index]?.level ? token : undefined;
  }
  return undefined;
}

function blockIds(state: StateCore): void {
  const { tokens } = state;
  // An id used twice names its first block, as in Obsidian; a page never repeats an id.
  const taken = new Set<string>();
  const name = (holder: Token | undefined, id: string) => {
    if (!holder || holder.attrGet("id") || taken.has(id)) return;
    holder.attrSet("id", id);
    taken.add(id);
  };
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline?.type !== "inline" || tokens[i - 1]?.type !== "paragraph_open") continue;
    const children = inline.children ?? [];
    const last = children.at(-1);
    if (last?.type !== "text") continue;
    const match = BLOCK_ID.exec(last.content);
    if (!match?.[1]) continue;
    const id = `^${match[1]}`;
    const paragraph = tokens[i - 1];
    last.content = last.content.slice(0, match.index).replace(/\s+$/, "");
    const alone = children.every((child) => child.type === "text" && (child === last ? child.content === "" : child.content.trim() === ""));
    if (alone) {
      // `^id` on its own line names the block above it (a list, a table, a quote).
      const target = previousBlockOpen(tokens, i - 1);
      name(target, id);
      if (paragraph) paragraph.hidden = true;
      inline.children = [];
      const close = tokens[i + 1];
      if (close?.type === "paragraph_close") close.hidden = true;
      continue;
    }
    // In a tight list the paragraph is hidden; the id goes on the list item.
    const holder = paragraph?.hidden ? findOpen(tokens, i - 1, "list_item_open") : paragraph;
    name(holder, id);
  }
}

function findOpen(tokens: Token[], from: number, type: string): Token | undefined {
  for (let i = from; i >= 0; i--) if (tokens[i]?.type === type) return tokens[i];
  return undefined;
}

function headingIds(state: StateCore): void {
  const seen = new Map<string, number>();
  const { tokens } = state;
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    if (token.attrGet("id")) return; // set by the author with {#id}
    const base = headingId(inlineText(tokens[i + 1]?.children ?? null));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    token.attrSet("id", count === 0 ? base : `${base}-${count}`);
  });
}

export function anchors(md: MarkdownIt): void {
  md.core.ruler.push("trellis_block_ids", blockIds);
  md.core.ruler.push("trellis_heading_ids", headingIds);
}
