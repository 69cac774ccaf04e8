/**
 * Marks links that leave the site: `class="external"` for styling and
 * `rel="noopener"` so the target page cannot reach back into ours.
 */
import type MarkdownIt from "markdown-it";

export function isExternalUrl(href: string): boolean {
  return /^(https?:)?\/\//i.test(href.trim());
}

export function externalLinks(md: MarkdownIt): void {
  const fallback = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token?.attrGet("href");
    if (token && href && isExternalUrl(href)) {
      token.attrJoin("class", "external");
      const rel = new Set((token.attrGet("rel") ?? "").split(/\s+/).filter(Boolean));
      rel.add("noopener");
      token.attrSet("rel", [...rel].join(" "));
    }
    return fallback(tokens, idx, options, env, self);
  };
}
