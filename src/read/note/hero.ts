/**
 * The hero of an article: a note that opens with an image shows it as a figure, with the
 * caption line that follows and the credit ("Image by …"), the way news pages do.
 * Web clips often repeat the credit and run words together; the hero shows it once, cleanly.
 */
import { isScriptUrl } from "../../core/urls.ts";
import type Token from "markdown-it/lib/token.mjs";
import { htmlElements } from "./html-elements.ts";
import type { WikilinkMeta } from "../markdown/links/syntax.ts";
import { inlineText, isBlank, readableText, sameText, paragraphInline, topLevelBlocks, type Block } from "./tokens.ts";

export interface Hero {
  src: string;
  alt: string;
  /** Link around the image, when the note wrapped it in one. */
  href?: string;
  caption?: string;
  credit?: string;
  /** The image's size, when the note or its address says it: the figure keeps its shape before (or without) the image. */
  width?: number;
  height?: number;
  /** The note's line that names the image (its frontmatter key, or the image in the body), for messages. */
  line?: number;
}

export interface HeroOverrides {
  image?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

export interface HeroOptions {
  /**
   * Whether the frontmatter's image is the one the body opens with (then the body does not
   * show it twice). Rendering resolves both to the site's address; the scan compares them as written.
   */
  sameImage?: (frontmatter: string, body: string) => boolean;
}

export interface HeroResult {
  hero?: Hero;
  /** Number of leading tokens that the hero stands for and that the body must not repeat. */
  consumed: number;
  /** The body's line (from 0) of the image, when the hero is the body's opening image. */
  bodyImageLine?: number;
}

const CREDIT = /^(images?|photos?|photograph|photography|illustration|picture|credits?|source)\s*(by|credit|courtesy of|:)\s*/iu;
/** What Obsidian shows as an image when it is embedded with `![[…]]`. */
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|tiff?)$/i;
/** `![[photo.png|640]]`, `![[photo.png|640x480]]`: a size, not a caption. */
const SIZE_LABEL = /^(\d+)(?:x(\d+))?$/;
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
  /** Text the embed itself carries (`![[photo.png|A caption]]`). */
  caption?: string;
  width?: number;
  height?: number;
}

/** An Obsidian embed of an image file (`![[photo.png|caption or width]]`), as the scan or the renderer tokenises it. */
function embeddedImage(token: Token): LeadImage | undefined {
  if (token.type !== "wikilink" && token.type !== "embed") return undefined;
  const meta = token.meta as WikilinkMeta;
  if (!meta.embed || !IMAGE_FILE.test(meta.linkpath)) return undefined;
  const image: LeadImage = { src: meta.linkpath, alt: "" };
  const label = meta.label?.trim();
  const size = label ? SIZE_LABEL.exec(label) : null;
  if (size) {
    image.width = Number(size[1]);
    if (size[2]) image.height = Number(size[2]);
  } else if (label) {
    image.alt = label;
    image.caption = label;
  }
  return image;
}

/** The one `<img>` of the author's (already sanitised) HTML, when it holds nothing else but an optional link around it. */
function htmlImage(html: string): LeadImage | undefined {
  const elements = htmlElements(html);
  const images = elements.filter((element) => element.tagName === "img");
  const image = images[0];
  if (images.length !== 1 || !image?.attribs["src"]) return undefined;
  const text = html.replace(/<[^>]*>/g, "");
  if (!isBlank(text)) return undefined;
  const found: LeadImage = { src: image.attribs["src"], alt: image.attribs["alt"] ?? "" };
  const link = elements.find((element) => element.tagName === "a")?.attribs["href"];
  if (link) found.href = link;
  const width = Number(image.attribs["width"]);
  const height = Number(image.attribs["height"]);
  if (width > 0) found.width = width;
  if (height > 0) found.height = height;
  return found;
}

/** A paragraph holding one image and nothing else (optionally wrapped in a link): Markdown, an Obsidian embed or an HTML `<img>`. */
function leadImage(inline: Token): LeadImage | undefined {
  const parts = (inline.children ?? []).filter(
    (child) => !(child.type === "text" && isBlank(child.content)) && child.type !== "softbreak",
  );
  if (parts.length === 1 && parts[0]) {
    const embed = embeddedImage(parts[0]);
    if (embed) return embed;
  }
  if (parts.length > 0 && parts.every((part) => part.type === "html_inline")) return htmlImage(parts.map((part) => part.content).join(""));
  const image = parts.find((child) => child.type === "image");
  if (!image) return undefined;
  const src = image.attrGet("src") ?? "";
  const alt = inlineText(image.children);
  const found: LeadImage = { src, alt };
  const width = Number(image.attrGet("width"));
  const height = Number(image.attrGet("height"));
  if (width > 0) found.width = width;
  if (height > 0) found.height = height;
  if (parts.length === 1) return found;
  const [open, middle, close] = parts;
  if (parts.length === 3 && open?.type === "link_open" && middle === image && close?.type === "link_close") {
    const href = open.attrGet("href");
    if (href) found.href = href;
    return found;
  }
  return undefined;
}

/** The image a block opens the note with: a paragraph of one image, or a block of HTML that is one `<img>`. */
function blockImage(tokens: readonly Token[], block: Block | undefined): LeadImage | undefined {
  if (!block) return undefined;
  // An image the author gave an id (`^block`, `{#id}`) stays where links to it land.
  if (tokens[block.start]?.attrGet("id")) return undefined;
  if (block.type === "html_block") return htmlImage(tokens[block.start]?.content ?? "");
  const inline = paragraphInline(tokens, block);
  return inline ? leadImage(inline) : undefined;
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
export function extractHero(tokens: readonly Token[], overrides: HeroOverrides = {}, options: HeroOptions = {}): HeroResult {
  const blocks = topLevelBlocks(tokens).filter((block) => {
    const inline = paragraphInline(tokens, block);
    return !(inline && isBlank(inline.content));
  });
  const first = blocks[0];
  const found = blockImage(tokens, first);
  const same = options.sameImage ?? sameWrittenImage;

  let consumed = 0;
  let caption: string | undefined;
  let credit: string | undefined;
  const usesBodyImage = found !== undefined && (overrides.image === undefined || same(overrides.image, found.src));

  if (found && first && usesBodyImage) {
    consumed = first.end;
    // Up to two short lines after the image: a caption and a credit, in either order.
    for (const block of blocks.slice(1, 3)) {
      const text = plainParagraphText(tokens, block);
      if (text === undefined || text === "" || text.length > MAX_CAPTION_LENGTH) break;
      const asCredit = normalizeCredit(text);
      if (asCredit && credit === undefined) credit = asCredit;
      else if (!asCredit && caption === undefined && credit === undefined && (sameText(text, found.caption ?? "") || looksLikeCaption(text, found.alt, tokens, blocks))) caption = text;
      else break;
      consumed = block.end;
    }
    caption ??= found.caption;
  }

  // Frontmatter wins; a line under the image that says the same is not shown a second time.
  caption = overrides.caption ?? caption;
  credit = overrides.credit !== undefined ? normalizeCredit(overrides.credit) ?? overrides.credit : credit;
  // A caption that only repeats the credit is shown once, as the credit.
  if (caption !== undefined && credit !== undefined && sameText(caption, creditName(credit))) caption = undefined;

  const image: LeadImage | undefined = overrides.image !== undefined ? { src: overrides.image, alt: usesBodyImage ? found?.alt ?? "" : "" } : found;
  // An address that would run script is no image: the note has no hero (and keeps its body).
  if (!image || image.src === "" || isScriptUrl(image.src)) return { consumed: 0 };
  const hero: Hero = { src: image.src, alt: image.alt || caption || "" };
  if (image.href && !isScriptUrl(image.href)) hero.href = image.href;
  if (caption) hero.caption = caption;
  if (credit) hero.credit = credit;
  const size = heroSize(image, overrides, usesBodyImage ? found : undefined);
  if (size) {
    hero.width = size.width;
    hero.height = size.height;
  }
  const line = usesBodyImage && overrides.image === undefined && first ? tokens[first.start]?.map?.[0] : undefined;
  return line === undefined ? { hero, consumed } : { hero, consumed, bodyImageLine: line };
}

/** The frontmatter names the body's image as written: `photo.png`, `./photo.png`, `Photo.PNG` or its `%20`-encoded form. */
function sameWrittenImage(frontmatter: string, body: string): boolean {
  const norm = (src: string) => {
    let text = src.trim().replace(/^\.\//, "");
    try {
      text = decodeURI(text);
    } catch {
      // written with a stray `%`: compared as it is
    }
    return text.toLowerCase();
  };
  return norm(frontmatter) === norm(body);
}

/**
 * The hero's width and height when both are known: from the frontmatter (`image-width`,
 * `image-height`), the image as written, or its address (`?w=1200&h=800`,
 * WordPress's `photo-1200x800.jpg`).
 */
function heroSize(image: LeadImage, overrides: HeroOverrides, found: LeadImage | undefined): { width: number; height: number } | undefined {
  const width = overrides.width ?? found?.width ?? image.width;
  const height = overrides.height ?? found?.height ?? image.height;
  if (width && height) return { width, height };
  return sizeFromAddress(image.src);
}

export function sizeFromAddress(src: string): { width: number; height: number } | undefined {
  const named = /[-_](\d{2,5})x(\d{2,5})\.(?:png|jpe?g|gif|webp|avif)(?:$|[?#])/i.exec(src);
  if (named) return { width: Number(named[1]), height: Number(named[2]) };
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  const number = (...keys: string[]) => keys.map((key) => Number(url.searchParams.get(key))).find((value) => Number.isInteger(value) && value > 0);
  const width = number("w", "width");
  const height = number("h", "height");
  return width && height ? { width, height } : undefined;
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
