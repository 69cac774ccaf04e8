/**
 * Images in the body: optimised ones become a responsive <picture> (sizes for the text column),
 * the rest a plain <img>; all load lazily and decode off the main thread. (The hero image is
 * rendered by the article layout, with priority.) Their sizes are read as the note is parsed
 * (src/read/markdown/image-sizes.ts).
 */
import type MarkdownIt from "markdown-it";
import { pictureHtml } from "../images/optimise.ts";
import type { RenderEnv } from "./env.ts";

/** The article text column is at most 40rem wide. */
export const BODY_IMAGE_SIZES = "(min-width: 42rem) 40rem, 100vw";

export function imageRenderer(md: MarkdownIt): void {
  const fallback = md.renderer.rules.image;
  if (!fallback) throw new Error("markdown-it has no image renderer to extend");
  md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    if (!token) return "";
    const metadata = env.images?.get(token.attrGet("src") ?? "");
    // An author's explicit size keeps the original file at that size; otherwise the responsive set.
    if (metadata && !token.attrGet("width") && !token.attrGet("height")) {
      const alt = self.renderInlineAsText(token.children ?? [], options, env);
      return pictureHtml(metadata, { alt, sizes: BODY_IMAGE_SIZES });
    }
    if (!token.attrGet("loading")) token.attrSet("loading", "lazy");
    token.attrSet("decoding", "async");
    return fallback(tokens, idx, options, env, self);
  };
}
