/** Render: a published note's body as article HTML, without what the hero and headline show. */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../diagnostics.ts";
import { bodyOf } from "../garden/body.ts";
import type MarkdownIt from "markdown-it";
import { textField } from "../garden/fields.ts";
import type { Note } from "../garden/note.ts";
import type { FrontmatterData } from "../garden/publish.ts";
import type { Garden } from "../garden/garden.ts";
import type { RenderEnv } from "../markdown/env.ts";
import { renderTokens } from "../markdown/render-tokens.ts";
import { shapeBody } from "./body.ts";
import { extractHero, type HeroOverrides } from "./hero.ts";

/** Frontmatter that sets the hero: `image` (or `cover`, `banner`), `image-caption`, `image-credit`. */
export function heroOverrides(data: FrontmatterData): HeroOverrides {
  const overrides: HeroOverrides = {};
  const image = textField(data, "image", "cover", "banner");
  const caption = textField(data, "image-caption");
  const credit = textField(data, "image-credit");
  if (image !== undefined) overrides.image = image;
  if (caption !== undefined) overrides.caption = caption;
  if (credit !== undefined) overrides.credit = credit;
  return overrides;
}

/**
 * The note's body as its page shows it. Problems only rendering finds (a broken formula, an
 * embed cycle) are added to `diagnostics`.
 */
export function renderArticleBody(md: MarkdownIt, note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, diagnostics: Diagnostic[]): string {
  const env: RenderEnv = { note, garden, images, diagnostics };
  const tokens = md.parse(bodyOf(note, garden.contentDir), env);
  const { consumed } = extractHero(tokens, heroOverrides(note.data));
  return renderTokens(md, shapeBody(tokens, { consumed, title: note.title }), env);
}
