/** Renders a token stream to HTML; raw HTML the author wrote is sanitised, markdown-it's own output is already escaped. */
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { RenderEnv } from "./env.ts";
import { hasRawHtml, sanitizeNoteHtml } from "./sanitize.ts";

export function renderTokens(md: MarkdownIt, tokens: Token[], env: RenderEnv): string {
  const html = md.renderer.render(tokens, md.options, env);
  return hasRawHtml(tokens) ? sanitizeNoteHtml(html) : html;
}
