/**
 * Anchors that links land on: every heading gets an id from its text (the same function
 * turns `[[Note#Heading]]` into a fragment), and Obsidian block ids (`^id` at the end of a
 * paragraph or list item, or alone on the line after a block) become element ids. No id is
 * used twice on a page: the first heading with a text gets its plain id, as Obsidian lands a
 * link on the first heading with that text; repeated headings are numbered around every other id.
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { readableText } from "../../note/tokens.ts";
import { isReservedId } from "./reserved-ids.ts";

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
  const name = (holder: Token | undefined, id: string) => {
    if (holder && !holder.attrGet("id")) holder.attrSet("id", id);
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

function dropId(token: Token): void {
  token.attrs = token.attrs?.filter(([name]) => name !== "id") ?? null;
}

/**
 * Ids set before headings are named (the author's `{#id}`, block ids) keep the first use; a
 * repeat, or an id the layout or the footnotes own, is dropped (an id used twice names its
 * first block, as in Obsidian).
 */
function keepFirstIds(tokens: readonly Token[], taken: Set<string>): void {
  for (const token of tokens) {
    const id = token.attrGet("id");
    if (id !== null) {
      if (taken.has(id) || isReservedId(id)) dropId(token);
      else taken.add(id);
    }
    if (token.children) keepFirstIds(token.children, taken);
  }
}

function headingIds(state: StateCore): void {
  const { tokens } = state;
  const taken = new Set<string>();
  keepFirstIds(tokens, taken);
  const headings: Array<{ open: Token; base: string }> = [];
  tokens.forEach((token, i) => {
    if (token.type === "heading_open" && token.attrGet("id") === null) headings.push({ open: token, base: headingId(readableText(tokens[i + 1]?.children ?? null)) });
  });
  // Every heading's plain id is kept for it, so that `## Heading 1` keeps `heading-1` when a
  // second `## Heading` comes before it.
  const plain = new Set(headings.map((heading) => heading.base));
  const free = (id: string) => !taken.has(id) && !isReservedId(id);
  const repeated: typeof headings = [];
  for (const heading of headings) {
    if (!free(heading.base)) repeated.push(heading);
    else {
      heading.open.attrSet("id", heading.base);
      taken.add(heading.base);
    }
  }
  for (const { open, base } of repeated) {
    let n = 1;
    while (!free(`${base}-${n}`) || plain.has(`${base}-${n}`)) n++;
    open.attrSet("id", `${base}-${n}`);
    taken.add(`${base}-${n}`);
  }
}

/**
 * Headings whose id is not the one their text gives (an id the author set with `{#id}`, or a
 * numbered one where the page's own ids hold the plain one): plain id → the id given. A link
 * to a heading's text lands on the first heading with that text, as in Obsidian.
 */
export function movedHeadingIds(tokens: readonly Token[]): Record<string, string> {
  const moved: Record<string, string> = {};
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const plain = headingId(readableText(tokens[i + 1]?.children ?? null));
    const id = token.attrGet("id");
    if (seen.has(plain) || id === null) return;
    seen.add(plain);
    if (id !== plain) moved[plain] = id;
  });
  return moved;
}

/**
 * The headings of a parsed body with the ids they have on the page, for a table of contents.
 * Only the body's own headings: those inside lists, quotes and callouts are sections of those.
 */
export function pageHeadings(tokens: readonly Token[], skipId?: string): Array<{ level: number; text: string; id: string }> {
  const out: Array<{ level: number; text: string; id: string }> = [];
  tokens.forEach((token, i) => {
    const id = token.attrGet("id");
    if (token.type !== "heading_open" || token.level !== 0 || id === null || id === skipId) return;
    const text = readableText(tokens[i + 1]?.children ?? null).trim();
    if (text !== "") out.push({ level: Number(token.tag.slice(1)), text, id });
  });
  return out;
}

export function anchors(md: MarkdownIt): void {
  md.core.ruler.push("trellis_block_ids", blockIds);
  md.core.ruler.push("trellis_heading_ids", headingIds);
}
