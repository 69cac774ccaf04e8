/**
 * The one markdown-it instance a build uses, configured the way Obsidian renders notes:
 * single newlines are line breaks, bare URLs become links, raw HTML is allowed but sanitised.
 */
import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import markdownItAttrs from "markdown-it-attrs";
import { externalLinks } from "./external-links.ts";
import { imageAttributes } from "./images.ts";
import { obsidianLinks } from "./links/index.ts";
import { obsidianSyntax } from "./syntax/index.ts";

/**
 * Attributes authors may set with `{…}`. Event handlers and `style` can carry script or
 * hide content, so they are never allowed.
 */
export const SAFE_ATTRIBUTES: ReadonlyArray<string | RegExp> = [
  "id",
  "class",
  "title",
  "lang",
  "dir",
  "width",
  "height",
  "alt",
  "loading",
  "start",
  /^data-[a-z0-9-]+$/,
  /^aria-[a-z]+$/,
];

export interface MarkdownOptions {
  /**
   * The author's raw HTML is published as written (scripts included). Off by default: only
   * for a vault whose every note the site's owner wrote and trusts.
   */
  trustHtml?: boolean;
}

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, breaks: true, typographer: false });
  md.use(markdownItAttrs, { allowedAttributes: [...SAFE_ATTRIBUTES] });
  onlyWhenSourceHas(md, "curly_attributes", "{");
  md.use(externalLinks);
  md.use(imageAttributes);
  md.use(obsidianSyntax);
  md.use(obsidianLinks);
  if (options.trustHtml) trustRawHtml(md);
  return md;
}

/**
 * markdown-it-attrs inspects every token of every note, which is a large share of the render
 * time; a note without a `{` cannot use it, so the rule is skipped for such notes.
 */
function onlyWhenSourceHas(md: MarkdownIt, ruleName: string, marker: string): void {
  // markdown-it offers no public way to read a rule back; its rule list is stable across 14.x.
  const rules = (md.core.ruler as unknown as { __rules__: Array<{ name: string; fn: (state: StateCore) => void }> }).__rules__;
  const rule = rules.find((candidate) => candidate.name === ruleName);
  if (!rule) throw new Error(`markdown-it has no core rule "${ruleName}" to guard`);
  const original = rule.fn;
  md.core.ruler.at(ruleName, (state) => {
    if (state.src.includes(marker)) original(state);
  });
}

/** Turns the sanitiser off: raw HTML tokens are marked as already checked and left as written. */
function trustRawHtml(md: MarkdownIt): void {
  md.core.ruler.disable("trellis_sanitize_raw_html");
  md.core.ruler.push("trellis_trust_raw_html", (state) => {
    for (const token of state.tokens) {
      if (token.type === "html_block") token.meta = { ...token.meta, sanitized: true };
      for (const child of token.children ?? []) if (child.type === "html_inline") child.meta = { ...child.meta, sanitized: true };
    }
  });
}
