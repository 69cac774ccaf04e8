/** Obsidian links, embeds, tags and anchors for markdown-it. */
import type MarkdownIt from "markdown-it";
import { anchors } from "./anchors.ts";
import { loosePaths } from "./loose-paths.ts";
import { linkRenderers } from "./render.ts";
import { resolveLinksRule } from "./resolve.ts";
import { obsidianLinkSyntax } from "./syntax.ts";

export function obsidianLinks(md: MarkdownIt): void {
  md.use(obsidianLinkSyntax);
  md.use(loosePaths);
  md.use(anchors);
  md.use(resolveLinksRule);
  md.use(linkRenderers);
}
