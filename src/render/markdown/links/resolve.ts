/**
 * Render-time resolution: turns what the author wrote into links that work. A core rule
 * rewrites wikilinks, Markdown links and images against the Garden; links that resolve to
 * nothing become dead-link spans (never an href that 404s, never a private note's title).
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import Token from "markdown-it/lib/token.mjs";
import type { Garden } from "../../../garden/garden.ts";
import type { Note } from "../../../read/note.ts";
import { resolveTarget, type LinkTarget } from "../../../garden/links.ts";
import { htmlLinkTarget, htmlMediaTargets, internalTarget, parseSrcset } from "../../../read/references.ts";
import { encodePath } from "../../../core/urls.ts";
import type { RenderEnv } from "../env.ts";
import type { LinkRewrite } from "../../../read/markdown/sanitize.ts";
import { fragmentId } from "../../../read/markdown/links/anchors.ts";
import { wikilinkText, type WikilinkMeta } from "../../../read/markdown/links/syntax.ts";

export interface EmbedMeta extends WikilinkMeta {
  target: LinkTarget;
  /** The embed stands alone in its paragraph, so it may render as a block. */
  block: boolean;
  /** Line of the note's body it is written on (0-based), to tell a section that holds its own embed. */
  line: number;
  /** The block id of its paragraph (`![[pic.png]] ^id`), which the embed's block carries. */
  id?: string;
}

/** The `href` for a resolved target, or undefined when it leads nowhere; `self` is the note a link to "#…" is written in. */
export function hrefFor(garden: Garden, target: LinkTarget, fragment: string | undefined, self?: Note): string | undefined {
  const note = target.kind === "note" ? target.note : target.kind === "self" ? self : undefined;
  const id = fragment ? fragmentId(fragment) : undefined;
  const hash = id ? `#${encodeURIComponent(note?.headingIds?.[id] ?? id)}` : "";
  switch (target.kind) {
    case "note":
      return encodePath(target.note.url) + hash;
    case "self":
      return hash || undefined;
    case "page":
      return encodePath(target.url) + hash;
    case "attachment": {
      const url = garden.attachments.get(target.path);
      return url === undefined ? undefined : encodePath(url);
    }
    case "dead":
      return undefined;
  }
}

function textToken(content: string): Token {
  const token = new Token("text", "", 0);
  token.content = content;
  return token;
}

/** The emphasis a link's label may show, as Obsidian shows it (`[[Note|**bold** words]]`); anything else of it is text. */
const LABEL_TOKENS = new Set(["text", "strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close", "mark_open", "mark_close", "code_inline"]);

/** A wikilink's label as inline tokens: its emphasis kept, links, HTML and the rest shown as the text they are. */
function labelTokens(md: MarkdownIt | undefined, text: string): Token[] {
  if (!md || !/[*_`=~]/.test(text)) return [textToken(text)];
  const children = md.parseInline(text, { scan: true })[0]?.children ?? [];
  const balanced = children.filter((child) => child.nesting !== 0).length % 2 === 0;
  if (!balanced) return [textToken(text)];
  return children.map((child) => (LABEL_TOKENS.has(child.type) ? child : textToken(child.content || child.markup)));
}

function linkTokens(href: string | undefined, text: string, internal: boolean, icon?: string, md?: MarkdownIt): Token[] {
  if (href === undefined) return [new Token("dead_link_open", "span", 1), ...labelTokens(md, text), new Token("dead_link_close", "span", -1)];
  const open = new Token("link_open", "a", 1);
  open.attrSet("href", href);
  if (internal) open.attrSet("class", "internal-link");
  if (icon) open.attrSet("data-note-icon", icon);
  return [open, ...labelTokens(md, text), new Token("link_close", "a", -1)];
}

function isBlank(token: Token): boolean {
  return (token.type === "text" && token.content.trim() === "") || token.type === "softbreak";
}

/** What a link written in the note being rendered leads to. */
function resolverOf(env: RenderEnv): ((linkpath: string) => LinkTarget) | undefined {
  const { garden, note } = env;
  if (!garden || !note) return undefined; // the scan parses without a Garden: nothing to resolve yet
  // A link within an embedded note goes to that note's page, where its headings and blocks are.
  const embedded = (env.embedStack?.length ?? 0) > 0;
  return (linkpath) => {
    const { target } = resolveTarget(garden.resolver, garden, linkpath, note.path);
    return target.kind === "self" && embedded ? { kind: "note", note } : target;
  };
}

/**
 * Links and media in the author's HTML resolve like Markdown's: a published target gets its
 * address. A link or image to anything else becomes dead-link text, as does an `<audio>` or
 * `<video>`; a `<source>`'s or `<track>`'s file, a `poster` or a `srcset` candidate is left out.
 * `data-href` names a vault path, so it goes.
 */
export function htmlLinkRewrite(env: RenderEnv): LinkRewrite | undefined {
  const resolve = resolverOf(env);
  const garden = env.garden;
  if (!resolve || !garden) return undefined;
  const addressOf = (target: { linkpath: string; fragment?: string }) => {
    const resolved = resolve(target.linkpath);
    return { resolved, href: hrefFor(garden, resolved, target.fragment, env.note) };
  };
  return (tagName, attribs) => {
    const link = htmlLinkTarget(tagName, attribs);
    if (link) {
      const { resolved, href } = addressOf(link);
      if (href === undefined) return { tagName: "span", attribs: { class: "dead-link" } };
      const { "data-href": _vaultPath, ...kept } = attribs;
      const classes = new Set((kept["class"] ?? "").split(/\s+/).filter(Boolean));
      if (resolved.kind === "note") classes.add("internal-link");
      return { tagName, attribs: { ...kept, href, ...(classes.size > 0 ? { class: [...classes].join(" ") } : {}) } };
    }
    const sources = htmlMediaTargets(tagName, attribs);
    if (sources.length === 0) return { tagName, attribs };
    const kept: Record<string, string> = { ...attribs };
    const srcset = attribs["srcset"] === undefined ? [] : parseSrcset(attribs["srcset"]);
    for (const source of sources) {
      const { href } = addressOf(source);
      if (source.attribute === "srcset" && source.candidate !== undefined) {
        const candidate = srcset[source.candidate];
        if (candidate) candidate.url = href ?? "";
      } else if (href !== undefined) kept[source.attribute] = href;
      else if (source.attribute === "src" && (tagName === "img" || tagName === "audio" || tagName === "video")) {
        return { tagName: "span", attribs: { class: "dead-link" }, text: attribs["alt"] || source.linkpath };
      } else delete kept[source.attribute];
    }
    if (attribs["srcset"] !== undefined) {
      const shown = srcset.filter((candidate) => candidate.url !== "").map((candidate) => `${candidate.url}${candidate.descriptor ? ` ${candidate.descriptor}` : ""}`);
      if (shown.length > 0) kept["srcset"] = shown.join(", ");
      else delete kept["srcset"];
    }
    return { tagName, attribs: kept };
  };
}

function resolveLinks(state: StateCore): void {
  const env = state.env as RenderEnv;
  const { garden } = env;
  const resolve = resolverOf(env);
  if (!garden || !resolve) return;

  // Table cells carry no line map; the nearest block before them does.
  let lastLine = 0;
  state.tokens.forEach((block, index) => {
    if (block.map) lastLine = block.map[0];
    if (block.type !== "inline" || !block.children) return;
    const out: Token[] = [];
    let insideDeadLink = false;
    let line = lastLine;
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type === "wikilink") {
        const meta = child.meta as WikilinkMeta;
        const target = resolve(meta.linkpath);
        if (meta.embed) {
          const embed = new Token("embed", "", 0);
          embed.meta = { ...meta, target, block: false, line } satisfies EmbedMeta;
          embed.content = child.content;
          out.push(embed);
        } else {
          out.push(...linkTokens(hrefFor(garden, target, meta.fragment, env.note), wikilinkText(meta), target.kind === "note", target.kind === "note" ? (target.note.icon ?? garden.noteIcon) : undefined, state.md));
        }
      } else if (child.type === "link_open") {
        const written = internalTarget(child.attrGet("href") ?? "");
        if (written) {
          const target = resolve(written.linkpath);
          const href = hrefFor(garden, target, written.fragment, env.note);
          if (href === undefined) {
            child.type = "dead_link_open";
            child.tag = "span";
            child.attrs = null;
            insideDeadLink = true;
          } else {
            child.attrSet("href", href);
            if (target.kind === "note") child.attrJoin("class", "internal-link");
            const icon = target.kind === "note" ? (target.note.icon ?? garden.noteIcon) : undefined;
            if (icon) child.attrSet("data-note-icon", icon);
          }
        }
        out.push(child);
      } else if (child.type === "link_close" && insideDeadLink) {
        child.type = "dead_link_close";
        child.tag = "span";
        insideDeadLink = false;
        out.push(child);
      } else if (child.type === "image") {
        const written = internalTarget(child.attrGet("src") ?? "");
        const href = written ? hrefFor(garden, resolve(written.linkpath), undefined) : child.attrGet("src") ?? undefined;
        if (href === undefined) out.push(...linkTokens(undefined, child.content || written?.linkpath || "image", false));
        else {
          child.attrSet("src", href);
          out.push(child);
        }
      } else {
        out.push(child);
      }
    }
    block.children = out;

    // An embed alone in its paragraph renders as a block instead of inside a <p>.
    const meaningful = out.filter((token) => !isBlank(token));
    const only = meaningful[0];
    const open = state.tokens[index - 1];
    const close = state.tokens[index + 1];
    if (meaningful.length === 1 && only?.type === "embed" && open?.type === "paragraph_open" && close?.type === "paragraph_close") {
      const meta = only.meta as EmbedMeta;
      meta.block = true;
      const id = open.attrGet("id");
      if (id !== null) meta.id = id;
      block.children = [only];
      open.hidden = true;
      close.hidden = true;
    }
  });
}

export function resolveLinksRule(md: MarkdownIt): void {
  // Right after the ids of headings and blocks, which links to them read.
  md.core.ruler.after("trellis_heading_ids", "trellis_resolve_links", resolveLinks);
}
