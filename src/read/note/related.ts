/**
 * The related links news pages end with ("**More on Amodei:** [Another story](…)", "Related:",
 * "See also:"), as web clips copy them: at the end of a note, a paragraph that is such a label
 * and links (or a heading of that name over a list of links) becomes an aside of related links,
 * not a last paragraph of the article.
 */
import Token from "markdown-it/lib/token.mjs";
import { inlineText, type Block } from "./tokens.ts";

const LABEL = /^(more (on|from|about|in)\b.*|related( (articles?|stories|reading|posts|notes|links))?|read more|read next|read this next|see also|further reading|also read|recommended( reading)?|you (might|may) also like)$/iu;

/** "More on Amodei:" → "More on Amodei"; undefined for text that is not a related-links label. */
export function relatedLabel(text: string): string | undefined {
  const label = text.replace(/\s+/gu, " ").trim().replace(/\s*:$/u, "");
  return LABEL.test(label) ? label : undefined;
}

function token(type: string, tag: string, nesting: 1 | 0 | -1, className?: string): Token {
  const made = new Token(type, tag, nesting);
  made.block = true;
  if (className) made.attrSet("class", className);
  return made;
}

function inline(children: Token[]): Token {
  const made = new Token("inline", "", 0);
  made.children = children;
  made.content = inlineText(children);
  return made;
}

function aside(label: string, items: Token[][]): Token[] {
  const text = new Token("text", "", 0);
  text.content = label;
  const out = [token("related_open", "aside", 1, "related"), token("paragraph_open", "p", 1, "related__label"), inline([text]), token("paragraph_close", "p", -1)];
  out.push(token("bullet_list_open", "ul", 1, "related__list"));
  for (const item of items) out.push(token("list_item_open", "li", 1), inline(item), token("list_item_close", "li", -1));
  out.push(token("bullet_list_close", "ul", -1), token("related_close", "aside", -1));
  return out;
}

/** Links written one after another, with nothing but spaces, commas, bars or "and" between them. */
function linksOnly(children: readonly Token[]): Token[][] | undefined {
  const links: Token[][] = [];
  let current: Token[] | undefined;
  let depth = 0;
  for (const child of children) {
    if (depth === 0) {
      // `[[Note]]` (before rendering resolves it) is a link on its own.
      if (child.type === "wikilink" && !(child.meta as { embed?: boolean }).embed) {
        links.push([child]);
        continue;
      }
      if (child.type === "link_open" || child.type === "dead_link_open") {
        current = [child];
        depth = 1;
        continue;
      }
      if (child.type === "softbreak" || child.type === "hardbreak") continue;
      if (child.type === "text" && /^[\s,;|·•–—]*(and\s*)?[\s,;|·•–—]*$/iu.test(child.content)) continue;
      return undefined;
    }
    current?.push(child);
    if (child.type === "link_open" || child.type === "dead_link_open") depth++;
    if ((child.type === "link_close" || child.type === "dead_link_close") && --depth === 0 && current) links.push(current);
  }
  return depth === 0 && links.length > 0 ? links : undefined;
}

/** A paragraph "Label: link, link", its label bold, italic or plain. */
function labelledLinks(children: readonly Token[]): { label: string; links: Token[][] } | undefined {
  const parts = children.filter((child) => !(child.type === "text" && child.content === ""));
  let at = 0;
  let labelText = "";
  const open = parts[0]?.type;
  if (open === "strong_open" || open === "em_open") {
    const close = open.replace("_open", "_close");
    const end = parts.findIndex((child) => child.type === close);
    if (end === -1) return undefined;
    labelText = inlineText(parts.slice(1, end));
    at = end + 1;
    // "**More on X**: link": the colon may follow the bold label.
    const after = parts[at];
    if (after?.type === "text" && /^\s*:\s*$/u.test(after.content)) at++;
  } else if (parts[0]?.type === "text") {
    labelText = parts[0].content;
    at = 1;
  }
  const label = relatedLabel(labelText);
  const links = label ? linksOnly(parts.slice(at)) : undefined;
  return label && links ? { label, links } : undefined;
}

/** The aside a trailing block stands for, or undefined when it is ordinary text. */
export function relatedAside(tokens: readonly Token[], block: Block, next?: Block): { tokens: Token[]; blocks: number } | undefined {
  if (block.type === "paragraph" && block.end - block.start === 3) {
    const found = labelledLinks(tokens[block.start + 1]?.children ?? []);
    return found ? { tokens: aside(found.label, found.links), blocks: 1 } : undefined;
  }
  // `## Related` over a list whose every item is links only.
  if (block.type === "heading" && next?.type === "bullet_list") {
    const label = relatedLabel(inlineText(tokens[block.start + 1]?.children ?? null));
    if (!label) return undefined;
    const items: Token[][] = [];
    for (let i = next.start; i < next.end; i++) {
      const item = tokens[i];
      if (item?.type !== "inline") continue;
      const links = linksOnly(item.children ?? []);
      if (!links) return undefined;
      items.push(item.children ?? []);
    }
    return items.length > 0 ? { tokens: aside(label, items), blocks: 2 } : undefined;
  }
  return undefined;
}
