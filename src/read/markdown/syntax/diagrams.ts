/**
 * Mermaid diagrams: a ```mermaid fence is printed as `<pre class="mermaid">` holding its
 * escaped source. The page then loads the shipped mermaid script, which draws it in the
 * browser (a diagram cannot be laid out without one); until then, or if it fails, the
 * reader sees the source.
 */
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "markdown-it/lib/common/utils.mjs";
import type Token from "markdown-it/lib/token.mjs";

export function diagrams(md: MarkdownIt): void {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx] as Token;
    // Focusable, like code blocks: the source (shown until the diagram is drawn) may scroll.
    if (isDiagram(token)) return `<pre class="mermaid" tabindex="0">${escapeHtml(token.content)}</pre>\n`;
    return fence ? fence(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}

/** A ```` ```base ```` block: an Obsidian base written in a note (render/bases.ts draws it). */
export function isBaseBlock(token: Token): boolean {
  return token.type === "fence" && fenceLanguage(token.info) === "base";
}

export function isDiagram(token: Token): boolean {
  return token.type === "fence" && fenceLanguage(token.info) === "mermaid";
}

/** A fenced block's language: the first word of its info string, lower case. */
export function fenceLanguage(info: string): string {
  return (info.trim().split(/\s+/, 1)[0] ?? "").toLowerCase();
}
