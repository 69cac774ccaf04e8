/**
 * Images in the body load lazily and decode off the main thread, so long notes stay fast.
 * (The hero image is rendered by the article layout with its own priority.)
 */
import type MarkdownIt from "markdown-it";

export function imageAttributes(md: MarkdownIt): void {
  const fallback = md.renderer.rules.image;
  if (!fallback) throw new Error("markdown-it has no image renderer to extend");
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token) {
      if (!token.attrGet("loading")) token.attrSet("loading", "lazy");
      token.attrSet("decoding", "async");
    }
    return fallback(tokens, idx, options, env, self);
  };
}
