/**
 * Obsidian-flavoured Markdown: callouts, highlights, comments, footnotes, task lists, math,
 * code highlighting and diagrams. (Links, embeds and tags are in ../links/.)
 */
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

/** Browser assets a page needs because of what its note contains. */
export interface PageFeatures {
  math: boolean;
  mermaid: boolean;
}

export function obsidianSyntax(_md: MarkdownIt): void {}

export function pageFeatures(_tokens: readonly Token[]): PageFeatures {
  return { math: false, mermaid: false };
}

/** Files the syntax needs in the site: output path (under the site root) → source file or folder. */
export const SYNTAX_ASSETS: Record<string, string> = {};
