/**
 * The one markdown-it instance a build uses, configured the way Obsidian renders notes:
 * single newlines are line breaks, bare URLs become links, raw HTML is allowed but sanitised.
 */
import MarkdownIt from "markdown-it";
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

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, breaks: true, typographer: false });
  md.use(markdownItAttrs, { allowedAttributes: [...SAFE_ATTRIBUTES] });
  md.use(externalLinks);
  md.use(imageAttributes);
  md.use(obsidianSyntax);
  md.use(obsidianLinks);
  return md;
}
