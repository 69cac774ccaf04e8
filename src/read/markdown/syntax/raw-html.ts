/**
 * Raw HTML in a note is sanitised in the token stream, not on the rendered page: the page
 * also holds Trellis's own markup (KaTeX's styled spans and MathML, task labels), which the
 * note sanitiser rightly refuses from authors.
 *
 * The author's HTML is sanitised in its context: every raw HTML token of the note is put in
 * one document, with an inert placeholder wherever markdown-it's output goes, so tags the
 * author opens in one token and closes in another stay paired. The sanitised document is then
 * cut at the placeholders back into the tokens, which are marked so that `hasRawHtml` knows
 * that their note needs no second pass over the whole page. Each body a page shows is balanced
 * again on its own when it is rendered (`balanceBody`).
 */
import { randomUUID } from "node:crypto";
import type MarkdownIt from "markdown-it";
import Token from "markdown-it/lib/token.mjs";
import { markupAsText } from "../html-text.ts";
import type { SyntaxEnv } from "../env.ts";
import { isAllowedTag, sanitizeNoteHtml, type LinkRewrite } from "../sanitize.ts";

// Unguessable, so a note cannot write a placeholder of its own.
const NONCE = randomUUID();

/** How links in the author's HTML resolve, when the note is rendered for its page (the render layer gives it). */
export type HtmlLinks = (env: SyntaxEnv) => LinkRewrite | undefined;

export function rawHtml(md: MarkdownIt, htmlLinks?: HtmlLinks): void {
  // Last, so that it sees the HTML of every token, footnotes included.
  md.core.ruler.push("trellis_sanitize_raw_html", (state) => {
    if (!state.src.includes("<")) return;
    const env = state.env as SyntaxEnv;
    // A callout's title is balanced on its own: an element it opens ends with the title, never
    // holding the callout's body (or the rest of the page) inside it.
    const titles = new Set(state.tokens.filter((token, i) => token.type === "inline" && state.tokens[i - 1]?.type === "callout_title_inner_open"));
    for (const title of titles) {
      const closing = sanitizeInContext([title], env, htmlLinks);
      if (!closing) continue;
      const close = new Token("html_inline", "", 0);
      close.content = closing;
      close.meta = { sanitized: true };
      title.children = [...(title.children ?? []), close];
    }
    sanitizeInContext(titles.size > 0 ? state.tokens.filter((token) => !titles.has(token)) : state.tokens, env, htmlLinks);
  });
}

/**
 * Sanitises the raw HTML of `tokens` as one document; returns what closes the elements it
 * leaves open ("" for none), or undefined when it has no raw HTML or could not be cut.
 */
function sanitizeInContext(tokens: readonly Token[], env?: SyntaxEnv, htmlLinks?: HtmlLinks): string | undefined {
  const pieces = collectPieces(tokens);
  if (pieces.length === 0) return undefined;

  const placeholder = (index: number) => `<span data-trellis-slot="${NONCE}-${index}"></span>`;
  const document = pieces.map((raw, index) => markupAsText(raw.map((token) => token.content).join(""), isAllowedTag) + placeholder(index)).join("");
  // Links in the HTML resolve through the Garden as the note is parsed for its page (the scan
  // reads them as written); balancing a body later finds them resolved already.
  const sanitized = sanitizeNoteHtml(document, env && htmlLinks?.(env));

  // Cut the sanitised document at the placeholders, which must all be found, in order.
  const parts: string[] = [];
  let from = 0;
  for (let index = 0; index < pieces.length; index++) {
    const at = sanitized.indexOf(placeholder(index), from);
    // The sanitiser may swallow a placeholder (an unclosed <textarea>, say); then the page is
    // sanitised whole, as before.
    if (at === -1) {
      for (const token of pieces.flat()) token.meta = { ...token.meta, sanitized: false };
      return undefined;
    }
    parts.push(sanitized.slice(from, at));
    from = at + placeholder(index).length;
  }
  pieces.forEach((raw, index) => {
    raw.forEach((token, position) => {
      token.content = position === 0 ? (parts[index] ?? "") : "";
      token.meta = { ...token.meta, sanitized: true };
    });
  });
  return sanitized.slice(from);
}

/**
 * The tokens of one body the page shows (a note's own, shaped; an embedded note; an embedded
 * section), their raw HTML balanced within them: a closing tag whose element opened outside
 * them is dropped and the elements they leave open are closed at their end, so that nothing in
 * a body closes or holds the page's markup around it. The author's HTML was sanitised in the
 * context of the whole note; a body can be less than that (a section, a body without its hero).
 */
export function balanceBody(tokens: Token[]): Token[] {
  if (tokens.some(isTrusted)) return tokens;
  const closing = sanitizeInContext(tokens);
  if (!closing) return tokens;
  const token = new Token("html_block", "", 0);
  token.content = closing;
  token.meta = { sanitized: true };
  return [...tokens, token];
}

/** Marks raw HTML published as written (a site that trusts its notes' HTML): nothing balances it. */
export const TRUSTED = "trusted";

function isTrusted(token: Token): boolean {
  return token.meta?.[TRUSTED] === true || (token.children?.some((child) => child.meta?.[TRUSTED] === true) ?? false);
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
