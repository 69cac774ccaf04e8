/**
 * The one markdown-it instance a build renders with: the parser every note is read with
 * (src/read/markdown/parser.ts), and the rules that read the Garden: links, embeds and tags
 * resolved to their pages, images to their optimised files, links in the author's HTML; tables
 * in regions that scroll; ```base blocks evaluated (render/bases.ts).
 */
import type MarkdownIt from "markdown-it";
import { createParser, type MarkdownOptions } from "../../read/markdown/parser.ts";
import type { RenderEnv } from "./env.ts";
import { imageRenderer } from "./images.ts";
import { linkRenderers } from "./links/render.ts";
import { htmlLinkRewrite, resolveLinksRule } from "./links/resolve.ts";
import { scrollingTables } from "./tables.ts";
import { baseBlocks } from "../bases.ts";

export type { MarkdownOptions };

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
  const md = createParser(options, (env) => htmlLinkRewrite(env as RenderEnv));
  md.use(resolveLinksRule);
  md.use(linkRenderers);
  md.use(imageRenderer);
  md.use(scrollingTables);
  md.use(baseBlocks);
  return md;
}
