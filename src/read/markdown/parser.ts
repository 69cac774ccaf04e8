/**
 * The markdown-it parser every note is read with, configured the way Obsidian reads notes:
 * single newlines are line breaks, bare URLs become links, raw HTML is allowed but sanitised.
 * Its rules only record what was written (and render the syntax of one note); the rules that
 * read the Garden are added for rendering (src/render/markdown/create.ts). The scan reads notes
 * with the parser alone: the tokens are the same, since those rules need a Garden to act.
 */
import { isScriptUrl } from "../../core/urls.ts";
import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import markdownItAttrs from "markdown-it-attrs";
import { protectBraces, SAFE_ATTRIBUTES } from "./attribute-lists.ts";
import type { SyntaxEnv } from "./env.ts";
import { externalLinks } from "./external-links.ts";
import { imageSizes } from "./image-sizes.ts";
import { anchors } from "./links/anchors.ts";
import { loosePaths } from "./links/loose-paths.ts";
import { obsidianLinkSyntax } from "./links/syntax.ts";
import { linkifyDomains } from "./linkify.ts";
import { mediaEmbeds } from "./media-embeds.ts";
import { quotesFor } from "./quotes.ts";
import { obsidianSyntax } from "./syntax/index.ts";
import { TRUSTED, type HtmlLinks } from "./syntax/raw-html.ts";

export { SAFE_ATTRIBUTES };

export interface MarkdownOptions {
  /**
   * The author's raw HTML is published as written (scripts included). Off by default: only
   * for a vault whose every note the site's owner wrote and trusts.
   */
  trustHtml?: boolean;
  /**
   * The site's language (BCP 47): straight quotes become its curly ones (markdown-it's
   * typographer). Off when not given, as in CommonMark.
   */
  typographer?: string;
}

/** `htmlLinks` resolves links in the author's HTML, when the render layer asks for a page. */
export function createParser(options: MarkdownOptions = {}, htmlLinks?: HtmlLinks): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, breaks: true, typographer: options.typographer !== undefined, quotes: quotesFor(options.typographer ?? "en") });
  // The typographer's replacements change what the author wrote, which Obsidian shows as written:
  // `(c)` in "(a), (b) or (c)" is no ©, `+-` no ±, `Wow!!!!!` keeps its marks, `--` and `...` stay.
  md.core.ruler.disable("replacements");
  // markdown-it refuses `javascript:`, `vbscript:`, `file:` and `data:` (but images') links; `livescript:` too.
  const validateLink = md.validateLink.bind(md);
  md.validateLink = (url) => validateLink(url) && !isScriptUrl(url);
  const attributes = { allowedAttributes: [...SAFE_ATTRIBUTES] };
  md.use(markdownItAttrs, attributes);
  const curlyAttributes = coreRule((probe) => probe.use(markdownItAttrs, attributes), "curly_attributes");
  md.core.ruler.at("curly_attributes", (state) => {
    if (!mayHaveAttributes(state)) return;
    const restore = protectBraces(state, SAFE_ATTRIBUTES);
    curlyAttributes(state);
    restore();
  });
  const linkify = coreRule(() => undefined, "linkify");
  md.core.ruler.at("linkify", (state) => {
    if (!(state.env as SyntaxEnv | undefined)?.scan) linkify(state);
  });
  md.use(linkifyDomains);
  md.use(externalLinks);
  md.use(imageSizes);
  md.use(mediaEmbeds);
  md.use(obsidianSyntax, htmlLinks);
  md.use(obsidianLinkSyntax);
  md.use(loosePaths);
  md.use(anchors);
  if (options.trustHtml) trustRawHtml(md);
  return md;
}

/**
 * A core rule's own function, to call from the rule that takes its place. markdown-it has no
 * call that names a rule's function, but a fresh instance set up the same way with only that
 * rule enabled lists it alone (Ruler's public enableOnly and getRules).
 */
function coreRule(setup: (probe: MarkdownIt) => void, name: string): (state: StateCore) => void {
  const probe = new MarkdownIt();
  setup(probe);
  probe.core.ruler.enableOnly([name]);
  const [rule, ...others] = probe.core.ruler.getRules("");
  if (!rule || others.length > 0) throw new Error(`markdown-it has no core rule "${name}" to guard`);
  return rule as (state: StateCore) => void;
}

/**
 * markdown-it-attrs tests its patterns against every token of every note, a large share of the
 * render time. Its `{…}` can only stand in text (after a heading, a paragraph, a list item,
 * inline code or an image) or in a code fence's info string, never inside code: a note whose
 * text tokens hold no `{` is left alone.
 */
function mayHaveAttributes(state: StateCore): boolean {
  if (!state.src.includes("{")) return false;
  for (const token of state.tokens) {
    if (token.type === "fence" && token.info.includes("{")) return true;
    if (token.type !== "inline" || !token.content.includes("{")) continue;
    for (const child of token.children ?? []) if (child.type === "text" && child.content.includes("{")) return true;
  }
  return false;
}

/** Turns the sanitiser off: raw HTML tokens are marked as already checked and left as written. */
function trustRawHtml(md: MarkdownIt): void {
  md.core.ruler.disable("trellis_sanitize_raw_html");
  md.core.ruler.push("trellis_trust_raw_html", (state) => {
    for (const token of state.tokens) {
      if (token.type === "html_block") token.meta = { ...token.meta, sanitized: true, [TRUSTED]: true };
      for (const child of token.children ?? []) if (child.type === "html_inline") child.meta = { ...child.meta, sanitized: true, [TRUSTED]: true };
    }
  });
}
