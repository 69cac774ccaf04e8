/**
 * The hero of an article: a note that opens with an image shows it as a figure, with the
 * caption line that follows and the credit ("Image by …"), the way news pages do.
 * Web clips often repeat the credit and run words together; the hero shows it once, cleanly.
 */
import type Token from "markdown-it/lib/token.mjs";
import { inlineText, isBlank, readableText, sameText, paragraphInline, topLevelBlocks, type Block } from "./tokens.ts";

export interface Hero {
  src: string;
  alt: string;
  /** Link around the image, when the note wrapped it in one. */
  href?: string;
  caption?: string;
  credit?: string;
}

export interface HeroOverrides {
  image?: string;
  caption?: string;
  credit?: string;
}

export interface HeroResult {
  hero?: Hero;
  /** Number of leading tokens that the hero stands for and that the body must not repeat. */
  consumed: number;
}

const CREDIT = /^(images?|photos?|photograph|photography|illustration|picture|credits?|source)\s*(by|credit|courtesy of|:)\s*/iu;
const MAX_CAPTION_LENGTH = 300;

/** "Image bySaul Loeb" → "Image by Saul Loeb"; returns undefined when the text is not a credit line. */
export function normalizeCredit(text: string): string | undefined {
  const trimmed = text.replace(/\s+/gu, " ").trim();
  const match = CREDIT.exec(trimmed);
  if (!match) return undefined;
  const name = trimmed.slice(match[0].length).trim();
  if (name === "") return undefined;
  const lead = match[1] ?? "";
  const word = (match[2] ?? "").toLowerCase();
  const label = `${lead[0]?.toUpperCase() ?? ""}${lead.slice(1).toLowerCase()}`;
  return word === ":" ? `${label}: ${name}` : `${label} ${word} ${name}`;
}

/** The name part of a credit line ("Image by X" → "X"). */
function creditName(credit: string): string {
  return credit.replace(CREDIT, "").trim();
}

interface LeadImage {
  src: string;
  alt: string;
  href?: string;
}

/** A paragraph holding one image and nothing else (optionally wrapped in a link). */
function leadImage(inline: Token): LeadImage | undefined {
  const parts = (inline.children ?? []).filter(
    (child) => !(child.type === "text" && isBlank(child.content)) && child.type !== "softbreak",
  );
  const image = parts.find((child) => child.type === "image");
  if (!image) return undefined;
  const src = image.attrGet("src") ?? "";
  const alt = inlineText(image.children);
  if (parts.length === 1) return { src, alt };
  const [open, middle, close] = parts;
  if (parts.length === 3 && open?.type === "link_open" && middle === image && close?.type === "link_close") {
    return { src, alt, href: open.attrGet("href") ?? undefined };
  }
  return undefined;
}

function plainParagraphText(tokens: readonly Token[], block: Block | undefined): string | undefined {
  if (!block) return undefined;
  const inline = paragraphInline(tokens, block);
  if (!inline) return undefined;
  if ((inline.children ?? []).some((child) => child.type === "image")) return undefined;
  return readableText(inline.children).replace(/\s+/gu, " ").trim();
}

/**
 * Finds the hero at the start of a note's tokens. Frontmatter (`image`, `image-caption`,
 * `image-credit`) overrides what is found in the body.
 */
export function extractHero(tokens: readonly Token[], overrides: HeroOverrides = {}): HeroResult {
  const blocks = topLevelBlocks(tokens).filter((block) => {
    const inline = paragraphInline(tokens, block);
    return !(inline && isBlank(inline.content));
  });
  const first = blocks[0];
  const firstInline = first ? paragraphInline(tokens, first) : undefined;
  const found = firstInline ? leadImage(firstInline) : undefined;

  let consumed = 0;
  let caption: string | undefined;
  let credit: string | undefined;
  const usesBodyImage = found !== undefined && (overrides.image === undefined || overrides.image === found.src);

  if (found && first && usesBodyImage) {
    consumed = first.end;
    // Up to two short lines after the image: a caption and a credit, in either order.
    for (const block of blocks.slice(1, 3)) {
      const text = plainParagraphText(tokens, block);
      if (text === undefined || text === "" || text.length > MAX_CAPTION_LENGTH) break;
      const asCredit = normalizeCredit(text);
      if (asCredit && credit === undefined) credit = asCredit;
      else if (!asCredit && caption === undefined && credit === undefined && looksLikeCaption(text, found.alt, tokens, blocks)) caption = text;
      else break;
      consumed = block.end;
    }
  }

  caption = overrides.caption ?? caption;
  credit = overrides.credit !== undefined ? normalizeCredit(overrides.credit) ?? overrides.credit : credit;
  // A caption that only repeats the credit is shown once, as the credit.
  if (caption !== undefined && credit !== undefined && sameText(caption, creditName(credit))) caption = undefined;

  const image = overrides.image !== undefined ? { src: overrides.image, alt: found?.alt ?? "" } : found;
  if (!image || image.src === "") return { consumed: 0 };
  const hero: Hero = { src: image.src, alt: image.alt || caption || "" };
  if ("href" in image && image.href) hero.href = image.href;
  if (caption) hero.caption = caption;
  if (credit) hero.credit = credit;
  return { hero, consumed };
}

/**
 * The line after a lead image is its caption when it repeats the alt text, is followed by a
 * credit line, or is written in italics; otherwise it is the article's first paragraph.
 */
function looksLikeCaption(text: string, alt: string, tokens: readonly Token[], blocks: Block[]): boolean {
  if (alt !== "" && sameText(text, alt)) return true;
  const next = plainParagraphText(tokens, blocks[2]);
  if (next !== undefined && normalizeCredit(next)) return true;
  const candidate = blocks[1];
  const inline = candidate ? paragraphInline(tokens, candidate) : undefined;
  return inline !== undefined && isEmphasisOnly(inline);
}

function isEmphasisOnly(inline: Token): boolean {
  const children = inline.children ?? [];
  const first = children[0];
  const last = children.at(-1);
  return first?.type === "em_open" && last?.type === "em_close" && children.filter((c) => c.type === "em_open").length === 1;
}
