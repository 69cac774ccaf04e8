/**
 * Shapes a note's body tokens into the article text: removes what the hero and headline
 * already show, and the debris web clips leave behind (blank paragraphs, a trailing
 * "Share This Article", labels run into their links).
 */
import Token from "markdown-it/lib/token.mjs";
import { relatedAside } from "./related.ts";
import { inlineText, isBlank, readableText, sameText, paragraphInline, topLevelBlocks, type Block } from "./tokens.ts";

/** Share-button labels that clipping tools copy as text at the end of an article. */
const SHARE_DEBRIS = /^(share( this)?( article| post| story| page)?:?|share on .*)$/iu;

export interface BodyOptions {
  /** Leading tokens already shown as the hero. */
  consumed: number;
  /** The page headline; a leading `# Heading` that repeats it is dropped. */
  title: string;
}

/** The body's blocks, without blank paragraphs and the leading `# Heading` that repeats the title. */
function keptBlocks(rest: readonly Token[], title: string): { blocks: Block[]; keep: boolean[]; titleHeading?: Token } {
  const blocks = topLevelBlocks(rest);
  const keep = blocks.map((block) => {
    const inline = paragraphInline(rest, block);
    return !(inline && isBlank(inline.content));
  });
  const firstKept = keep.indexOf(true);
  const lead = blocks[firstKept];
  const open = lead ? rest[lead.start] : undefined;
  if (!lead || open?.tag !== "h1" || !sameText(readableText(rest[lead.start + 1]?.children ?? null), title)) return { blocks, keep };
  keep[firstKept] = false;
  return { blocks, keep, titleHeading: open };
}

/** The id of the leading `# Heading` the page shows as its title: the title carries it, so links to the heading land. */
export function titleHeadingId(tokens: readonly Token[], options: BodyOptions): string | undefined {
  return keptBlocks(tokens.slice(options.consumed), options.title).titleHeading?.attrGet("id") ?? undefined;
}

export function shapeBody(tokens: Token[], options: BodyOptions): Token[] {
  const rest = tokens.slice(options.consumed);
  const { blocks, keep } = keptBlocks(rest, options.title);

  for (let index = blocks.length - 1; index >= 0; index--) {
    if (!keep[index]) continue;
    const block = blocks[index];
    const inline = block ? paragraphInline(rest, block) : undefined;
    if (!inline || !SHARE_DEBRIS.test(inlineText(inline.children).trim())) break;
    keep[index] = false;
  }

  const related = trailingRelated(rest, blocks, keep);
  const out: Token[] = [];
  blocks.forEach((block, index) => {
    if (!keep[index]) return;
    const aside = related.get(index);
    if (aside) {
      out.push(...aside);
      return;
    }
    for (let i = block.start; i < block.end; i++) {
      const token = rest[i];
      if (!token) continue;
      if (token.type === "inline") separateLabelsFromLinks(token);
      out.push(token);
    }
  });
  return out;
}

/**
 * The related-links blocks the note ends with, by the index of their first block (the
 * blocks after it that they stand for are no longer kept).
 */
function trailingRelated(rest: readonly Token[], blocks: Block[], keep: boolean[]): Map<number, Token[]> {
  const kept = blocks.map((_, index) => index).filter((index) => keep[index]);
  const found = new Map<number, Token[]>();
  let end = kept.length;
  while (end > 0) {
    const last = kept[end - 1] ?? -1;
    const beforeLast = kept[end - 2];
    // A heading over a list takes two blocks; a labelled paragraph, one.
    const pair = beforeLast === undefined ? undefined : relatedAside(rest, blocks[beforeLast] as Block, blocks[last]);
    const aside = pair?.blocks === 2 ? pair : relatedAside(rest, blocks[last] as Block);
    if (!aside) break;
    const first = aside.blocks === 2 ? (beforeLast as number) : last;
    found.set(first, aside.tokens);
    if (aside.blocks === 2) keep[last] = false;
    end -= aside.blocks;
  }
  return found;
}

/**
 * `**More on X:**[link](…)` renders as "More on X:link". A space goes between a bold or
 * italic label that ends with a colon and the link that follows it.
 */
function separateLabelsFromLinks(inline: Token): void {
  const children = inline.children;
  if (!children) return;
  for (let i = 1; i < children.length - 1; i++) {
    const close = children[i];
    let after = i + 1;
    while (children[after]?.type === "text" && children[after]?.content === "") after++;
    const next = children[after];
    const before = children[i - 1];
    if (
      (close?.type === "strong_close" || close?.type === "em_close") &&
      next?.type === "link_open" &&
      before?.type === "text" &&
      before.content.trimEnd().endsWith(":")
    ) {
      const space = new Token("text", "", 0);
      space.content = " ";
      children.splice(i + 1, 0, space);
    }
  }
}


/** The first heading-1 text of a note, used as its title when frontmatter has none. */
export function leadingHeading(tokens: readonly Token[]): string | undefined {
  const first = topLevelBlocks(tokens).find((block) => {
    const inline = paragraphInline(tokens, block);
    return !(inline && isBlank(inline.content));
  });
  if (!first || tokens[first.start]?.tag !== "h1") return undefined;
  const text = readableText(tokens[first.start + 1]?.children ?? null).trim();
  return text === "" ? undefined : text;
}

/** Plain-text summary for `<meta name="description">`: the first paragraph, cut at a word. */
export function describe(tokens: readonly Token[], maxLength = 160): string | undefined {
  for (const block of topLevelBlocks(tokens)) {
    const inline = paragraphInline(tokens, block);
    if (!inline) continue;
    const text = readableText(inline.children).replace(/\s+/gu, " ").trim();
    if (text === "") continue;
    if (text.length <= maxLength) return text;
    const cut = text.slice(0, maxLength - 1);
    const space = cut.lastIndexOf(" ");
    return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, "")}…`;
  }
  return undefined;
}
