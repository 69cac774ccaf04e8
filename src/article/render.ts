/** Render: a published note's body as article HTML, without what the hero and headline show. */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../diagnostics.ts";
import { bodyOf } from "../garden/body.ts";
import type MarkdownIt from "markdown-it";
import type { Note } from "../garden/note.ts";
import type { Garden } from "../garden/garden.ts";
import type { RenderEnv } from "../markdown/env.ts";
import { renderTokens } from "../markdown/render-tokens.ts";
import { shapeBody } from "../note/body.ts";
import { extractHero } from "../note/hero.ts";
import { heroOverrides } from "../garden/fields.ts";
import { assetSource } from "../eleventy/site-data.ts";

/**
 * The note's body as its page shows it. Problems only rendering finds (a broken formula, an
 * embed cycle) are added to `diagnostics`.
 */
export function renderArticleBody(md: MarkdownIt, note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, diagnostics: Diagnostic[]): string {
  const env: RenderEnv = { note, garden, images, diagnostics };
  const tokens = md.parse(bodyOf(note, garden.contentDir), env);
  // Rendering has given the body's images their site addresses: the frontmatter's image is compared at that address.
  const address = assetSource(garden, note);
  const sameImage = (frontmatter: string, body: string) => frontmatter === body || address(frontmatter) === body || address(frontmatter) === address(body);
  const { consumed } = extractHero(tokens, heroOverrides(note.data), { sameImage });
  return renderTokens(md, shapeBody(tokens, { consumed, title: note.title }), env);
}
