/**
 * Renders one body (a note's, or an embedded note's or section's) to HTML: raw HTML the author
 * wrote is sanitised and balanced within the body, markdown-it's own output is already escaped.
 */
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { RenderEnv } from "./env.ts";
import { hasRawHtml, sanitizeNoteHtml } from "../../read/markdown/sanitize.ts";
import { balanceBody } from "../../read/markdown/syntax/raw-html.ts";

export function renderTokens(md: MarkdownIt, tokens: Token[], env: RenderEnv): string {
  const body = balanceBody(tokens);
  const html = md.renderer.render(body, md.options, env);
  return hasRawHtml(body) ? sanitizeNoteHtml(html) : html;
}
