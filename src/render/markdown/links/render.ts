/**
 * How resolved links render: dead links as marked text, inline tags as links to their tag
 * page, and embeds as images, native audio/video/PDF elements or the transcluded note.
 */
import { bodyOf } from "../../../read/body.ts";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { tagKey } from "../../../garden/tags.ts";
import type { Note } from "../../../read/note.ts";
import { pictureHtml } from "../../images/optimise.ts";
import { escapeXml } from "../../../core/escape.ts";
import { encodePath } from "../../../core/urls.ts";
import { BODY_IMAGE_SIZES } from "../images.ts";
import { reportWarning, type EmbedPoint, type RenderEnv } from "../env.ts";
import { renderTokens } from "../render-tokens.ts";
import { hrefFor, type EmbedMeta } from "./resolve.ts";
import { lineRange, sliceSection, withOwnFootnotes } from "./sections.ts";
import type { HashtagMeta } from "../../../read/markdown/links/syntax.ts";
import { wikilinkText } from "../../../read/markdown/links/syntax.ts";
import { isBaseFile, isCanvasFile } from "../../../read/files.ts";
import { canvasPreviewHtml } from "../../canvas.ts";
import { DEFAULT_OPTIONS } from "../../../core/options.ts";
import { baseHtml, reportBaseProblems } from "../../bases.ts";

/** Transclusions nest at most this deep; further embeds become links. */
export const MAX_EMBED_DEPTH = 4;

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?)$/i;
const AUDIO = /\.(mp3|wav|ogg|oga|m4a|flac|aac|opus)$/i;
const VIDEO = /\.(mp4|webm|ogv|mov|m4v|mkv)$/i;
const PDF = /\.pdf$/i;

export function linkRenderers(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;
  const rules = md.renderer.rules;

  rules["dead_link"] = (tokens, idx) => `<span class="dead-link">${escape(tokens[idx]?.content ?? "")}</span>`;
  rules["dead_link_open"] = () => `<span class="dead-link">`;
  rules["dead_link_close"] = () => `</span>`;

  rules["hashtag"] = (tokens, idx, _options, env: RenderEnv) => {
    const meta = tokens[idx]?.meta as HashtagMeta;
    const tag = env.garden?.tags.byKey.get(tagKey(meta.tag));
    const text = escape(`#${meta.tag}`);
    return tag ? `<a class="tag" href="${escape(encodePath(tag.url))}">${text}</a>` : `<span class="tag">${text}</span>`;
  };

  rules["wikilink"] = (tokens, idx) => escape(tokens[idx]?.content ?? ""); // only seen when no Garden is given

  rules["embed"] = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    if (!token) return "";
    return renderEmbed(md, token, env);
  };
}

function sizeAttributes(label: string | undefined): { width?: string; height?: string; alt?: string } {
  if (!label) return {};
  const size = /^(\d+)(?:x(\d+))?$/.exec(label.trim());
  if (!size) return { alt: label };
  const result: { width?: string; height?: string } = {};
  if (size[1]) result.width = size[1];
  if (size[2]) result.height = size[2];
  return result;
}

function renderEmbed(md: MarkdownIt, token: Token, env: RenderEnv): string {
  const escape = md.utils.escapeHtml;
  const meta = token.meta as EmbedMeta;
  const garden = env.garden;
  const target = meta.target;
  const written = wikilinkText(meta);
  const placeholder = () =>
    meta.block
      ? // The block keeps its `^block` id: a link to it still lands here.
        `<p class="embed embed--missing"${meta.id ? ` id="${escape(meta.id)}"` : ""}><span class="dead-link">${escape(written)}</span></p>`
      : `<span class="dead-link">${escape(written)}</span>`;
  if (!garden) return placeholder();

  if (target.kind === "attachment" && isBaseFile(target.path)) return renderBaseEmbed(garden, target.path, meta, env) ?? placeholder();
  if (target.kind === "attachment" && isCanvasFile(target.path)) {
    const text = garden.documents.get(target.path);
    const href = garden.attachments.get(target.path);
    if (text === undefined || !href) return placeholder();
    const title = meta.label ?? path.posix.basename(target.path).replace(/\.canvas$/i, "");
    return canvasPreviewHtml(text, garden, target.path, href, title);
  }
  if (target.kind === "attachment") {
    const href = hrefFor(garden, target, undefined);
    if (!href) return placeholder();
    const src = escape(href);
    const name = path.posix.basename(target.path);
    if (IMAGE.test(name)) {
      const { width, height, alt } = sizeAttributes(meta.label);
      const metadata = env.images?.get(href);
      // An author's explicit size keeps the original file at that size; otherwise the responsive set.
      if (metadata && !width && !height) return wrap(meta, pictureHtml(metadata, { alt: alt ?? name.replace(/\.[^.]+$/, ""), sizes: BODY_IMAGE_SIZES }));
      const altText = escape(alt ?? name.replace(/\.[^.]+$/, ""));
      return wrap(meta, `<img src="${src}" alt="${altText}"${width ? ` width="${width}"` : ""}${height ? ` height="${height}"` : ""} loading="lazy" decoding="async">`);
    }
    if (AUDIO.test(name)) return wrap(meta, `<audio class="embed-audio" controls preload="metadata" src="${src}"><a href="${src}">${escape(name)}</a></audio>`);
    if (VIDEO.test(name)) return wrap(meta, `<video class="embed-video" controls preload="metadata" src="${src}"><a href="${src}">${escape(name)}</a></video>`);
    if (PDF.test(name)) return wrap(meta, `<iframe class="embed-pdf" src="${src}" title="${escape(name)}" loading="lazy"></iframe>`);
    return wrap(meta, `<a class="embed-file" href="${src}">${escape(name)}</a>`);
  }

  if (target.kind === "note") return renderTransclusion(md, target.note, meta, env);
  return placeholder();
}

/** A `.base` file's first view, or the view the embed names (`![[Books.base#Favorites]]`). */
function renderBaseEmbed(garden: NonNullable<RenderEnv["garden"]>, file: string, meta: EmbedMeta, env: RenderEnv): string | undefined {
  const text = garden.documents.get(file);
  if (text === undefined) return undefined;
  const { html, problems } = baseHtml({ text, file, firstLine: 1 }, garden, env.note, env.site ?? DEFAULT_OPTIONS.site, meta.fragment, false);
  reportBaseProblems(env, problems);
  return meta.block ? html : `<span class="base-embed">${html}</span>`;
}

function renderTransclusion(md: MarkdownIt, note: Note, meta: EmbedMeta, env: RenderEnv): string {
  const escape = md.utils.escapeHtml;
  const garden = env.garden;
  const href = garden ? hrefFor(garden, { kind: "note", note }, meta.fragment) ?? "" : "";
  const link = `<a class="internal-link" href="${escape(href)}">${escape(note.title)}</a>`;
  const stack = env.embedStack ?? [];
  if (stack.length >= MAX_EMBED_DEPTH || !meta.block || !env.note) return wrap(meta, link);
  const here: EmbedPoint = { path: env.note.path, line: meta.line };
  const points = [...stack, here];

  const childEnv: RenderEnv = { note, embedStack: points, embeds: (env.embeds ??= { count: 0 }) };
  if (env.garden) childEnv.garden = env.garden;
  if (env.images) childEnv.images = env.images;
  if (env.diagnostics) childEnv.diagnostics = env.diagnostics;
  const all = md.parse(bodyOf(note, env.garden?.contentDir), childEnv);
  const section = meta.fragment ? sliceSection(all, meta.fragment) : all;
  if (!section) {
    reportWarning(env, `embed of ${meta.linkpath}#${meta.fragment}: no such heading or block in ${note.path}; the note is linked instead`, {
      fix: "check the heading text or the ^block-id",
    });
    return wrap(meta, link);
  }
  // A cycle: what is embedded holds this embed, or one of those around it (another section of the same note is not one).
  const lines = meta.fragment ? lineRange(section) : { start: 0, end: Infinity };
  const repeated = points.findIndex((point) => point.path === note.path && point.line >= lines.start && point.line < lines.end);
  if (repeated !== -1) {
    // One warning per cycle, however many pages show it.
    const members = [...new Set(points.slice(repeated).map((point) => point.path))].sort();
    reportWarning(env, `embed cycle between ${members.join(", ")}; the repeated embed is shown as a link`, {
      fix: "remove one of the embeds that point back at each other",
      file: members[0],
    });
    return wrap(meta, `<span class="embed-cycle" title="This note embeds itself">↻ ${link}</span>`);
  }
  const tokens = meta.fragment ? withOwnFootnotes(all, section) : all;
  // Anchors belong to the source page; repeated here they would duplicate ids. Footnotes stay, with ids of this embed.
  dropIds(tokens);
  childEnv.docId = `e${++childEnv.embeds!.count}`;
  const body = renderTokens(md, tokens, childEnv);
  const id = meta.id ? ` id="${escape(meta.id)}"` : "";
  return `<div class="transclusion"${id}>\n<div class="transclusion__body">\n${body}</div>\n<p class="transclusion__source">${link}</p>\n</div>\n`;
}

function dropIds(tokens: readonly Token[]): void {
  for (const token of tokens) {
    if (token.attrGet("id") !== null) token.attrs = token.attrs?.filter(([name]) => name !== "id") ?? null;
    if (token.type === "embed") delete (token.meta as EmbedMeta).id;
    if (token.children) dropIds(token.children);
  }
}

function wrap(meta: EmbedMeta, html: string): string {
  if (!meta.block) return html;
  return `<p class="embed"${meta.id ? ` id="${escapeXml(meta.id)}"` : ""}>${html}</p>\n`;
}
