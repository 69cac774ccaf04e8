/**
 * Raw HTML in a note is sanitised in the token stream, not on the rendered page: the page
 * also holds Trellis's own markup (KaTeX's styled spans and MathML, task labels), which the
 * note sanitiser rightly refuses from authors.
 *
 * The author's HTML is sanitised in its context: every raw HTML token of the note is put in
 * one document, with an inert placeholder wherever markdown-it's output goes, so tags the
 * author opens in one token and closes in another stay paired. The sanitised document is then
 * cut at the placeholders back into the tokens, which are marked so that `hasRawHtml` knows
 * that their note needs no second pass over the whole page.
 */
import { randomUUID } from "node:crypto";
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { markupAsText } from "../html-text.ts";
import type { RenderEnv } from "../env.ts";
import { htmlLinkRewrite } from "../links/resolve.ts";
import { isAllowedTag, sanitizeNoteHtml } from "../sanitize.ts";

export function rawHtml(md: MarkdownIt): void {
  // Unguessable, so a note cannot write a placeholder of its own.
  const nonce = randomUUID();
  // Last, so that it sees the HTML of every token, footnotes included.
  md.core.ruler.push("trellis_sanitize_raw_html", (state) => sanitizeRawHtml(state, nonce));
}

function sanitizeRawHtml(state: StateCore, nonce: string): void {
  if (!state.src.includes("<")) return;
  const pieces = collectPieces(state.tokens);
  if (pieces.length === 0) return;

  const placeholder = (index: number) => `<span data-trellis-slot="${nonce}-${index}"></span>`;
  const document = pieces.map((raw, index) => markupAsText(raw.map((token) => token.content).join(""), isAllowedTag) + placeholder(index)).join("");
  // Links in the HTML resolve through the Garden as the note is rendered (the scan reads them as written).
  const sanitized = sanitizeNoteHtml(document, htmlLinkRewrite(state.env as RenderEnv));

  // Cut the sanitised document at the placeholders, which must all be found, in order.
  const parts: string[] = [];
  let from = 0;
  for (let index = 0; index < pieces.length; index++) {
    const at = sanitized.indexOf(placeholder(index), from);
    // The sanitiser may swallow a placeholder (an unclosed <textarea>, say); then the page is
    // sanitised whole, as before.
    if (at === -1) return;
    parts.push(sanitized.slice(from, at));
    from = at + placeholder(index).length;
  }
  pieces.forEach((raw, index) => {
    raw.forEach((token, position) => {
      token.content = position === 0 ? (parts[index] ?? "") : "";
      token.meta = { ...token.meta, sanitized: true };
    });
  });

  // What follows the last placeholder closes the elements the author left open: at the end of
  // the note, so that no element of the note holds the page's own markup after it.
  const closing = sanitized.slice(from);
  if (closing !== "") {
    const token = new state.Token("html_block", "", 0);
    token.content = closing;
    token.meta = { sanitized: true, [CLOSES_NOTE]: true };
    state.tokens.push(token);
  }
}

/** Marks the token that closes the elements a note's HTML left open; it stays last. */
export const CLOSES_NOTE = "closesNote";

export function closesNote(token: Token | undefined): boolean {
  return token?.meta?.[CLOSES_NOTE] === true;
}

/**
 * The note in render order, as pieces: the raw HTML written before each stretch of
 * markdown-it's own output (which a placeholder stands for). Empty when there is no raw HTML.
 */
function collectPieces(tokens: readonly Token[]): Token[][] {
  const pieces: Token[][] = [];
  let raw: Token[] = [];
  let sawRaw = false;
  let afterOutput = false;
  const visit = (token: Token) => {
    if (token.type === "html_block" || token.type === "html_inline") {
      raw.push(token);
      sawRaw = true;
      afterOutput = false;
    } else if (!afterOutput) {
      pieces.push(raw);
      raw = [];
      afterOutput = true;
    }
  };
  for (const token of tokens) {
    if (token.type === "inline" && token.children) token.children.forEach(visit);
    else visit(token);
  }
  if (raw.length > 0) pieces.push(raw);
  return sawRaw ? pieces : [];
}
