/** Render: a published note's body as article HTML, without what the hero and headline show. */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../../core/diagnostics.ts";
import { bodyOf } from "../../read/body.ts";
import type MarkdownIt from "markdown-it";
import type { SiteOptions } from "../../core/options.ts";
import type { Note } from "../../read/note.ts";
import type { Garden } from "../../garden/garden.ts";
import type { RenderEnv } from "../markdown/env.ts";
import { renderTokens } from "../markdown/render-tokens.ts";
import { shapeBody } from "../../read/note/body.ts";
import { extractHero } from "../../read/note/hero.ts";
import { heroOverrides } from "../../read/fields.ts";
import { assetSource } from "../site-data.ts";

/**
 * The note's body as its page shows it. Problems only rendering finds (a broken formula, an
 * embed cycle) are added to `diagnostics`.
 */
export function renderArticleBody(md: MarkdownIt, note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, diagnostics: Diagnostic[], site?: SiteOptions): string {
  const env: RenderEnv = { note, garden, images, diagnostics, ...(site ? { site } : {}) };
  const tokens = md.parse(bodyOf(note, garden.contentDir), env);
  // Rendering has given the body's images their site addresses: the frontmatter's image is compared at that address.
  const address = assetSource(garden, note);
  const sameImage = (frontmatter: string, body: string) => frontmatter === body || address(frontmatter) === body || address(frontmatter) === address(body);
  const { consumed } = extractHero(tokens, heroOverrides(note.data), { sameImage });
  return renderTokens(md, shapeBody(tokens, { consumed, title: note.title }), env);
}
