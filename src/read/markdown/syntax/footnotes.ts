/**
 * Footnotes: `[^1]` references with `[^1]: …` definitions, and inline `^[…]` notes, listed
 * at the end of the note. The list is a labelled region instead of a bare `<hr>` and
 * section, and each back link says where it goes.
 */
import { footnote } from "@mdit/plugin-footnote";
import type MarkdownIt from "markdown-it";
import type { SyntaxEnv } from "../env.ts";

/**
 * The ids footnotes use: `footnote1`, `footnote-ref1` and `footnote-ref1:1` for a repeated
 * reference; inside an embed, with the embed's `docId` (`footnote-e1-1`).
 */
const FOOTNOTE_ID = /^footnote(-ref)?(-[a-z0-9]+-)?\d+(:\d+)?$/;

export function isFootnoteId(id: string): boolean {
  return FOOTNOTE_ID.test(id);
}

export function footnotes(md: MarkdownIt): void {
  md.use(footnote);
  const rules = md.renderer.rules;
  // An embedded note's footnotes are listed inside the embed, as a plain block: a page has one
  // landmark named "Footnotes", its own.
  rules.footnote_block_open = (_tokens, _idx, _options, env: SyntaxEnv) =>
    env.docId ? `<div class="footnotes">\n<ol class="footnotes-list">\n` : `<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n`;
  rules.footnote_block_close = (_tokens, _idx, _options, env: SyntaxEnv) => (env.docId ? `</ol>\n</div>\n` : `</ol>\n</section>\n`);
  rules.footnote_anchor = (tokens, idx, options, env, self) => {
    const name = self.rules.footnote_anchorName?.(tokens, idx, options, env, self) ?? "";
    const subId = (tokens[idx]?.meta?.subId as number | undefined) ?? 0;
    const target = `footnote-ref${name}${subId > 0 ? `:${subId}` : ""}`;
    const number = ((tokens[idx]?.meta?.id as number | undefined) ?? 0) + 1;
    return ` <a href="#${target}" class="footnote-backref" aria-label="Back to reference ${number}">\u21A9\uFE0E</a>`;
  };
}
