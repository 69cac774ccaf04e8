/**
 * Obsidian comments: `%%hidden%%` inline, or `%%` lines around whole blocks. A comment is
 * the author's private text, so it is cut from the token stream before inline parsing: it
 * never reaches the page, the description, the search text or the link index. `%%` inside
 * code (spans, fences, indented blocks) and math is text. An unclosed `%%` hides the rest of
 * the note, as in Obsidian.
 */
import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { mathSyntax } from "./math.ts";

const MARK = "%%";

export function comments(md: MarkdownIt): void {
  // After block parsing (comments may span blocks) and before inline parsing (hidden text
  // must not become links, footnotes or tags).
  md.core.ruler.after("block", "obsidian_comments", hideComments);
}

interface OpenBlock {
  index: number;
  /** The block started inside a comment. */
  openedHidden: boolean;
  /** Something inside the block is still shown. */
  shows: boolean;
  /** A comment took something out of the block. */
  cut: boolean;
}

function hideComments(state: StateCore): void {
  if (!state.src.includes(MARK)) return;
  const tokens = state.tokens;
  const keep = new Array<boolean>(tokens.length).fill(false);
  const open: OpenBlock[] = [];
  let hidden = false;
  const mark = (shown: boolean, cut: boolean) => {
    const parent = open.at(-1);
    if (parent && shown) parent.shows = true;
    if (parent && cut) parent.cut = true;
  };

  tokens.forEach((token, index) => {
    if (token.nesting === 1) {
      open.push({ index, openedHidden: hidden, shows: false, cut: false });
      return;
    }
    if (token.nesting === -1) {
      const block = open.pop();
      if (!block) return;
      // A block that a comment emptied goes; one that was empty as written stays, and so do
      // table cells, so that their row keeps its columns.
      const kept = block.shows || (!block.openedHidden && (!block.cut || isTableCell(token)));
      keep[block.index] = kept;
      keep[index] = kept;
      mark(kept, block.cut || !kept);
      return;
    }
    let shown: boolean;
    let cut = false;
    if (token.type === "inline" || token.type === "html_block") {
      if (token.content.includes(MARK)) {
        const result = cutComments(token.content, hidden, token.type === "inline" ? "markdown" : "html");
        cut = result.text !== token.content;
        token.content = result.text;
        hidden = result.hidden;
      } else if (hidden) {
        cut = token.content !== "";
        token.content = "";
      }
      shown = token.content.trim() !== "";
    } else {
      // Code, math, rules and other leaves are shown or hidden whole; their `%%` is text.
      shown = !hidden;
      cut = hidden;
    }
    // An empty inline token (an empty list item as written) stays; it renders nothing.
    keep[index] = shown || !cut;
    mark(shown, cut);
  });

  state.tokens = tokens.filter((_, index) => keep[index]);
}

function isTableCell(token: Token): boolean {
  return token.type === "td_close" || token.type === "th_close";
}

/**
 * Reads inline Markdown the way the note's own parser does, but only as far as comments care:
 * code spans, formulas and backslash escapes, which are skipped whole, so `` `%%` ``, `$a %% b$`
 * and `\\%%` stay text. The rules run in markdown-it's validation mode and only move on.
 */
const reader = new MarkdownIt("zero").enable(["backticks", "escape"]).use(mathSyntax);

/**
 * Removes commented text from one block's inline Markdown (or raw HTML), starting inside a
 * comment when `hidden`.
 */
export function cutComments(text: string, hidden: boolean, kind: "markdown" | "html"): { text: string; hidden: boolean } {
  const state = kind === "markdown" ? new reader.inline.State(text, reader, {}, []) : undefined;
  let out = "";
  let shownFrom = hidden ? -1 : 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] === "%" && text[i + 1] === "%") {
      if (hidden) shownFrom = i + 2;
      else out += text.slice(shownFrom, i);
      hidden = !hidden;
      i += 2;
    } else if (state) {
      state.pos = i;
      reader.inline.skipToken(state);
      i = state.pos;
    } else {
      i++;
    }
  }
  if (!hidden) out += text.slice(shownFrom);
  if (kind === "html") return { text: out, hidden };
  // A line that held only a comment leaves no empty line behind (a paragraph has none).
  return { text: out.replace(/\n[ \t]*(?=\n)/g, "").trim(), hidden };
}
