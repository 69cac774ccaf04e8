/**
 * A canvas drawn at build time into HTML and SVG (read/canvas.ts reads it): the board at its own
 * size, groups behind, nodes over the edges. Text nodes are Markdown rendered as notes are (links,
 * embeds, callouts); a file node is the published note (its title, hero and opening, linking to
 * its page) or the published image, or a blank placeholder for a file that is private or
 * missing, which names nothing; a link node is a card with the site's name. Edges leave and
 * reach their nodes' sides, with arrows, labels and colours. The nodes are in reading order (top
 * to bottom, then left to right), so the page reads without JavaScript; client/canvas.js adds
 * pan, zoom and fit.
 */
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { ImageMetadata } from "@11ty/eleventy-img";
import { createHash } from "node:crypto";
import { escapeXml } from "../core/escape.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { SiteOptions } from "../core/options.ts";
import { encodePath } from "../core/urls.ts";
import type { Garden } from "../garden/garden.ts";
import { resolveTarget } from "../garden/links.ts";
import { parseCanvas, replaceLinks, textNodeLinks, type Canvas, type CanvasEdge, type CanvasNode, type Side } from "../read/canvas.ts";
import { wikilinkText } from "../read/markdown/links/syntax.ts";
import type { Note } from "../read/note.ts";
import { noteFacts } from "./article-key.ts";
import type { RenderEnv } from "./markdown/env.ts";

/** The spec's preset colours, by number. */
const PRESETS: Readonly<Record<string, string>> = { "1": "#e03e3e", "2": "#d9730d", "3": "#dfab01", "4": "#0f7b6c", "5": "#0b6e99", "6": "#6940a5" };
const PADDING = 40;
const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg)$/i;

function colour(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (PRESETS[value]) return PRESETS[value];
  return /^#[0-9a-f]{3,8}$/i.test(value) ? value : undefined;
}

/** Top to bottom, then left to right: the order a reader takes the board in. */
function readingOrder(a: CanvasNode, b: CanvasNode): number {
  return a.y - b.y || a.x - b.x;
}

function bounds(canvas: Canvas): { minX: number; minY: number; width: number; height: number } {
  if (canvas.nodes.length === 0) return { minX: 0, minY: 0, width: 400, height: 200 };
  const minX = Math.min(...canvas.nodes.map((node) => node.x)) - PADDING;
  const minY = Math.min(...canvas.nodes.map((node) => node.y)) - PADDING;
  const maxX = Math.max(...canvas.nodes.map((node) => node.x + node.width)) + PADDING;
  const maxY = Math.max(...canvas.nodes.map((node) => node.y + node.height)) + PADDING;
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** Where an edge meets a node's side, and the way out of it. */
function anchor(node: CanvasNode, side: Side): { x: number; y: number; dx: number; dy: number } {
  switch (side) {
    case "top":
      return { x: node.x + node.width / 2, y: node.y, dx: 0, dy: -1 };
    case "bottom":
      return { x: node.x + node.width / 2, y: node.y + node.height, dx: 0, dy: 1 };
    case "left":
      return { x: node.x, y: node.y + node.height / 2, dx: -1, dy: 0 };
    case "right":
      return { x: node.x + node.width, y: node.y + node.height / 2, dx: 1, dy: 0 };
  }
}

/** The side of `node` that faces `other`, for an edge that names none. */
function facing(node: CanvasNode, other: CanvasNode): Side {
  const dx = other.x + other.width / 2 - (node.x + node.width / 2);
  const dy = other.y + other.height / 2 - (node.y + node.height / 2);
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? "right" : "left";
  return dy > 0 ? "bottom" : "top";
}

function edgeSvg(edge: CanvasEdge, byId: ReadonlyMap<string, CanvasNode>, offset: { minX: number; minY: number }, marker: string): string {
  const from = byId.get(edge.fromNode);
  const to = byId.get(edge.toNode);
  if (!from || !to) return "";
  const a = anchor(from, edge.fromSide ?? facing(from, to));
  const b = anchor(to, edge.toSide ?? facing(to, from));
  const reach = Math.max(40, Math.hypot(b.x - a.x, b.y - a.y) / 3);
  const [x1, y1, x2, y2] = [a.x - offset.minX, a.y - offset.minY, b.x - offset.minX, b.y - offset.minY];
  const d = `M${x1} ${y1} C${x1 + a.dx * reach} ${y1 + a.dy * reach} ${x2 + b.dx * reach} ${y2 + b.dy * reach} ${x2} ${y2}`;
  const stroke = colour(edge.color);
  const style = stroke ? ` style="--edge-color:${stroke}"` : "";
  const ends = `${edge.fromEnd === "arrow" ? ` marker-start="url(#${marker}-start)"` : ""}${edge.toEnd === "arrow" ? ` marker-end="url(#${marker}-end)"` : ""}`;
  const label = edge.label ? `<text class="canvas__edge-label" x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2}" text-anchor="middle" dominant-baseline="middle">${escapeXml(edge.label)}</text>` : "";
  return `<g class="canvas__edge"${style}><path d="${d}"${ends}/>${label}</g>`;
}

interface CanvasContext {
  md: MarkdownIt;
  garden: Garden;
  images: ReadonlyMap<string, ImageMetadata>;
  site: SiteOptions;
  /** The canvas's vault path: links resolve from its folder. */
  file: string;
  diagnostics: Diagnostic[];
}

/** A stand-in note for the canvas, for what rendering a text node reads of "the note" (its path, for links and embeds). */
function canvasNote(file: string): Note {
  return { path: file, version: "", url: "", title: path.posix.basename(file), hidden: false, home: false, data: {}, bodyLine: 1, bodyStart: 0, textLength: 0, tags: [], references: [], remoteImages: [], aliases: [], addressLines: {}, properties: [], features: { math: false, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false } };
}

/**
 * A text node's Markdown with its links to what is not published taken out: a link keeps only
 * the label its author wrote for it, an embed goes. Nothing of a private note reaches the page,
 * its preview or its search record: not its path, name or text.
 */
export function withoutUnpublishedLinks(text: string, garden: Garden, file: string): string {
  return replaceLinks(text, (link, written) => {
    if (link.linkpath === "") return written;
    const { target } = resolveTarget(garden.resolver, garden, link.linkpath, file);
    if (target.kind === "note" || (target.kind === "attachment" && garden.attachments.has(target.path))) return written;
    return link.embed ? "" : (link.label ?? "");
  });
}

/** A text node's words, its (published) links as the text they show. */
function plainText(text: string, garden: Garden, file: string): string {
  return replaceLinks(withoutUnpublishedLinks(text, garden, file), (link) => wikilinkText(link));
}

function nodeInner(node: CanvasNode, context: CanvasContext): string {
  const { garden } = context;
  switch (node.type) {
    case "text": {
      const env: RenderEnv = { note: canvasNote(context.file), garden, images: context.images, diagnostics: context.diagnostics, site: context.site };
      return `<div class="canvas__text">${context.md.render(withoutUnpublishedLinks(node.text, garden, context.file), env)}</div>`;
    }
    case "link": {
      let host = node.url;
      try {
        host = new URL(node.url).hostname.replace(/^www\./, "");
      } catch {
        // Shown as written.
      }
      return /^https?:\/\//i.test(node.url) ? `<a class="canvas__link external" href="${escapeXml(node.url)}" rel="noopener"><span class="canvas__link-site">${escapeXml(host)}</span></a>` : "";
    }
    case "file": {
      const { target } = resolveTarget(garden.resolver, garden, node.file, context.file);
      if (target.kind === "note") {
        const note = target.note;
        const opening = note.description ? `<p class="canvas__file-text">${escapeXml(note.description)}</p>` : "";
        return `<p class="canvas__file-title"><a class="internal-link" href="${escapeXml(encodePath(note.url))}">${escapeXml(note.title)}</a></p>${opening}`;
      }
      if (target.kind === "attachment") {
        const url = garden.attachments.get(target.path);
        if (url && IMAGE.test(target.path)) return `<img class="canvas__image" src="${escapeXml(encodePath(url))}" alt="" loading="lazy" decoding="async">`;
        if (url) return `<a href="${escapeXml(encodePath(url))}">${escapeXml(path.posix.basename(target.path))}</a>`;
      }
      // Private or missing: a blank box, which names nothing.
      return "";
    }
    case "group":
      return node.label ? `<p class="canvas__group-label">${escapeXml(node.label)}</p>` : "";
  }
}

function nodeHtml(node: CanvasNode, context: CanvasContext, offset: { minX: number; minY: number }): string {
  const fill = colour(node.color);
  const style = `left:${node.x - offset.minX}px;top:${node.y - offset.minY}px;width:${node.width}px;height:${node.height}px${fill ? `;--node-color:${fill}` : ""}`;
  const inner = nodeInner(node, context);
  const blank = node.type === "file" && inner === "";
  return `<div class="canvas__node canvas__node--${node.type}${blank ? " canvas__node--blank" : ""}" style="${style}"${blank ? ' aria-hidden="true"' : ""}>${inner}</div>`;
}

/** The board's HTML, and the problems met (a canvas that is not JSON). */
export function canvasHtml(text: string, context: CanvasContext, title: string): string {
  const { canvas, error } = parseCanvas(text);
  if (error) context.diagnostics.push({ severity: "warning", file: context.file, message: error, fix: "save the canvas again in Obsidian" });
  const box = bounds(canvas);
  const byId = new Map(canvas.nodes.map((node) => [node.id, node]));
  const marker = `arrow-${createHash("sha256").update(context.file).digest("hex").slice(0, 8)}`;
  const groups = canvas.nodes.filter((node) => node.type === "group").sort(readingOrder);
  const others = canvas.nodes.filter((node) => node.type !== "group").sort(readingOrder);
  const edges = canvas.edges.map((edge) => edgeSvg(edge, byId, box, marker)).join("");
  const defs = `<defs><marker id="${marker}-end" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="canvas__arrow"/></marker><marker id="${marker}-start" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="canvas__arrow"/></marker></defs>`;
  const nodes = [...groups, ...others].map((node) => nodeHtml(node, context, box)).join("\n");
  return `<div class="canvas" data-canvas>
<section class="canvas__viewport" tabindex="0" aria-label="${escapeXml(title)}">
<div class="canvas__board" style="width:${box.width}px;height:${box.height}px">
<svg class="canvas__edges" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}" aria-hidden="true">${defs}${edges}</svg>
${nodes}
</div>
</section>
</div>
`;
}

/** The words of a canvas a search finds it by: its text nodes, its published files' titles, its labels. */
export function canvasSearchText(text: string, garden: Garden, file: string): string {
  const { canvas } = parseCanvas(text);
  const words: string[] = [];
  for (const node of [...canvas.nodes].sort(readingOrder)) {
    if (node.type === "text") words.push(plainText(node.text, garden, file));
    if (node.type === "group" && node.label) words.push(node.label);
    if (node.type === "file") {
      const { target } = resolveTarget(garden.resolver, garden, node.file, file);
      if (target.kind === "note") words.push(target.note.title);
    }
  }
  for (const edge of canvas.edges) if (edge.label) words.push(edge.label);
  return words.join("\n");
}

/** What a canvas page is made from, for its key: the canvas's text and what each of its files is now. */
export function canvasKey(text: string, garden: Garden, file: string): string {
  const hash = createHash("sha256").update(text);
  const { canvas } = parseCanvas(text);
  for (const node of canvas.nodes) {
    if (node.type !== "file" && node.type !== "text") continue;
    const linkpaths = node.type === "file" ? [node.file] : textNodeLinks(node.text).map((link) => link.linkpath);
    for (const linkpath of linkpaths) {
      const { target } = resolveTarget(garden.resolver, garden, linkpath, file);
      hash.update(target.kind === "note" ? noteFacts(target.note) : target.kind === "attachment" ? `${target.path} ${garden.attachments.get(target.path) ?? ""}` : "-");
    }
  }
  return hash.digest("base64url");
}

/**
 * `![[Board.canvas]]`: the board drawn small, its nodes' text without links (the preview is one
 * link, to the canvas's page), under a caption that links there.
 */
export function canvasPreviewHtml(text: string, garden: Garden, file: string, href: string, title: string): string {
  const { canvas } = parseCanvas(text);
  const box = bounds(canvas);
  const scale = Math.min(1, 600 / box.width, 340 / box.height);
  const byId = new Map(canvas.nodes.map((node) => [node.id, node]));
  const marker = `arrow-${createHash("sha256").update(`preview ${file}`).digest("hex").slice(0, 8)}`;
  const edges = canvas.edges.map((edge) => edgeSvg({ ...edge, fromEnd: "none", toEnd: "none" }, byId, box, marker)).join("");
  const nodes = [...canvas.nodes].sort((a, b) => Number(b.type === "group") - Number(a.type === "group") || readingOrder(a, b)).map((node) => {
    const fill = colour(node.color);
    const words = node.type === "text" ? plainText(node.text, garden, file).replace(/\[![^\]]*\]/g, "").replace(/[#*_>`]/g, "").slice(0, 200) : node.type === "group" ? (node.label ?? "") : node.type === "file" ? fileTitle(node.file, garden, file) : "";
    // Styled here: the preview stands in any note's page, which loads no canvas style sheet.
    const look = `position:absolute;box-sizing:border-box;overflow:hidden;padding:12px;border:2px solid ${fill ?? "#b4b4ab"};border-radius:8px;font-size:20px;line-height:1.3;${node.type === "group" ? "background:transparent;" : `background:${fill ? `${fill}22` : "#fcfcfa"};color:#1d1d1b;`}`;
    return `<span class="canvas-embed__node" style="${look}left:${node.x - box.minX}px;top:${node.y - box.minY}px;width:${node.width}px;height:${node.height}px">${escapeXml(words)}</span>`;
  });
  return `<figure class="canvas-embed">
<a class="canvas-embed__link" href="${escapeXml(encodePath(href))}" aria-label="${escapeXml(title)}" style="display:block;overflow:hidden;border:1px solid #dcdcd6;border-radius:6px"><span style="display:block;position:relative;height:${Math.round(box.height * scale)}px"><span style="display:block;position:absolute;left:0;top:0;transform-origin:0 0;width:${box.width}px;height:${box.height}px;transform:scale(${scale})" aria-hidden="true"><svg style="position:absolute;left:0;top:0;fill:none;stroke:#8a8a84;stroke-width:2" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}">${edges}</svg>${nodes.join("")}</span></span></a>
<figcaption><a href="${escapeXml(encodePath(href))}">${escapeXml(title)}</a></figcaption>
</figure>
`;
}

/** A file node's title in a preview: a published note's; nothing for anything else. */
function fileTitle(linkpath: string, garden: Garden, from: string): string {
  const { target } = resolveTarget(garden.resolver, garden, linkpath, from);
  return target.kind === "note" ? target.note.title : "";
}

export interface CanvasPage {
  title: string;
  html: string;
  searchDocument: string;
}

/** A canvas's own page: its title (the file's name), the board, and what search reads of it. */
export function canvasPage(file: string, context: Omit<CanvasContext, "file">): CanvasPage {
  const text = context.garden.documents.get(file) ?? "";
  const title = path.posix.basename(file).replace(/\.canvas$/i, "");
  const html = canvasHtml(text, { ...context, file }, title);
  const words = canvasSearchText(text, context.garden, file);
  const language = escapeXml(context.site.language);
  const searchDocument = `<!DOCTYPE html>\n<html lang="${language}">\n<head><title>${escapeXml(title)}</title></head>\n<body>\n<article data-pagefind-body>\n<h1>${escapeXml(title)}</h1>\n<p>${escapeXml(words).replace(/\n/g, "<br>")}</p>\n</article>\n</body>\n</html>\n`;
  return { title, html, searchDocument };
}
