/**
 * Obsidian-flavoured Markdown: callouts, highlights, comments, footnotes, task lists, math,
 * code highlighting and diagrams. (Links, embeds and tags are in ../links/.)
 */
import { mark } from "@mdit/plugin-mark";
import type MarkdownIt from "markdown-it";
import { callouts } from "./callouts.ts";
import { codeHighlighting } from "./code-highlight.ts";
import { comments } from "./comments.ts";
import { diagrams } from "./diagrams.ts";
import { footnotes } from "./footnotes.ts";
import { math } from "./math.ts";
import { rawHtml, type HtmlLinks } from "./raw-html.ts";
import { tasks } from "./tasks.ts";

export { combinedFeatures, NO_FEATURES, pageFeatures, type PageFeatures } from "./features.ts";

/** `htmlLinks` resolves links in the author's HTML when a note is rendered for its page. */
export function obsidianSyntax(md: MarkdownIt, htmlLinks?: HtmlLinks): void {
  md.use(comments); // first: commented text is never parsed
  md.use(callouts);
  md.use(mark); // ==highlight==
  md.use(footnotes);
  md.use(tasks);
  md.use(math);
  md.use(codeHighlighting);
  md.use(diagrams);
  md.use(rawHtml, htmlLinks); // last: sanitises the author's HTML among everything else
}

/**
 * Files the syntax needs in the site: output path (under the site root) → source file or
 * folder inside the package that ships it (found with vendorFile, src/eleventy/vendor-files.ts). Only what pages load: KaTeX's stylesheet and its
 * WOFF2 fonts (every browser that runs the site reads WOFF2, so the stylesheet's WOFF and TTF
 * fallbacks are never fetched), and mermaid's single-file bundle.
 */
export const SYNTAX_ASSETS: Record<string, string> = {
  "/css/katex/katex.min.css": "katex/dist/katex.min.css",
  "/css/katex/fonts": "katex/dist/fonts/*.woff2",
  "/js/mermaid.min.js": "mermaid/dist/mermaid.min.js",
};
