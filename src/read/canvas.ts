/**
 * A canvas as Obsidian writes it (JSON Canvas 1.0): nodes (text, file, link, group) at a
 * position and size, with an optional colour, and edges between their sides. Read leniently:
 * a node or edge that is not what the spec says is left out and counted, never a crash.
 */
import { parseWikilink, type WikilinkMeta } from "./markdown/links/syntax.ts";

export type CanvasColor = string | undefined;
export type Side = "top" | "right" | "bottom" | "left";

interface NodeBase {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color?: string;
}
export type CanvasNode =
  | (NodeBase & { type: "text"; text: string })
  | (NodeBase & { type: "file"; file: string; subpath?: string })
  | (NodeBase & { type: "link"; url: string })
  | (NodeBase & { type: "group"; label?: string; background?: string });

export interface CanvasEdge {
  id: string;
  fromNode: string;
  toNode: string;
  fromSide?: Side;
  toSide?: Side;
  /** Arrowheads: the spec's defaults are none at the start, an arrow at the end. */
  fromEnd: "none" | "arrow";
  toEnd: "none" | "arrow";
  color?: string;
  label?: string;
}

export interface Canvas {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Nodes and edges left out because they were not readable. */
  skipped: number;
}

const SIDES = new Set(["top", "right", "bottom", "left"]);

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function parseCanvas(source: string): { canvas: Canvas; error?: string } {
  let data: unknown;
  try {
    data = source.trim() === "" ? {} : JSON.parse(source);
  } catch (error) {
    return { canvas: { nodes: [], edges: [], skipped: 0 }, error: `the canvas is not valid JSON (${(error as Error).message})` };
  }
  const object = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const canvas: Canvas = { nodes: [], edges: [], skipped: 0 };
  for (const raw of Array.isArray(object["nodes"]) ? object["nodes"] : []) {
    const node = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const [x, y, width, height] = [node["x"], node["y"], node["width"], node["height"]].map(Number);
    const id = text(node["id"]);
    if (!id || ![x, y, width, height].every((n) => Number.isFinite(n)) || (width ?? 0) <= 0 || (height ?? 0) <= 0) {
      canvas.skipped++;
      continue;
    }
    const base: NodeBase = { id, x: x ?? 0, y: y ?? 0, width: width ?? 0, height: height ?? 0, ...(text(node["color"]) ? { color: text(node["color"]) as string } : {}) };
    const type = node["type"];
    if (type === "text") canvas.nodes.push({ ...base, type, text: text(node["text"]) ?? "" });
    else if (type === "file" && text(node["file"])) canvas.nodes.push({ ...base, type, file: text(node["file"]) as string, ...(text(node["subpath"]) ? { subpath: text(node["subpath"]) as string } : {}) });
    else if (type === "link" && text(node["url"])) canvas.nodes.push({ ...base, type, url: text(node["url"]) as string });
    else if (type === "group") canvas.nodes.push({ ...base, type, ...(text(node["label"]) ? { label: text(node["label"]) as string } : {}), ...(text(node["background"]) ? { background: text(node["background"]) as string } : {}) });
    else canvas.skipped++;
  }
  const ids = new Set(canvas.nodes.map((node) => node.id));
  for (const raw of Array.isArray(object["edges"]) ? object["edges"] : []) {
    const edge = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const [id, fromNode, toNode] = [text(edge["id"]), text(edge["fromNode"]), text(edge["toNode"])];
    if (!id || !fromNode || !toNode || !ids.has(fromNode) || !ids.has(toNode)) {
      canvas.skipped++;
      continue;
    }
    const side = (value: unknown) => (typeof value === "string" && SIDES.has(value) ? (value as Side) : undefined);
    const fromSide = side(edge["fromSide"]);
    const toSide = side(edge["toSide"]);
    canvas.edges.push({
      id,
      fromNode,
      toNode,
      ...(fromSide ? { fromSide } : {}),
      ...(toSide ? { toSide } : {}),
      fromEnd: edge["fromEnd"] === "arrow" ? "arrow" : "none",
      toEnd: edge["toEnd"] === "none" ? "none" : "arrow",
      ...(text(edge["color"]) ? { color: text(edge["color"]) as string } : {}),
      ...(text(edge["label"]) ? { label: text(edge["label"]) as string } : {}),
    });
  }
  return { canvas };
}

/** A `[[link]]` or `![[embed]]` as a text node writes it. */
const WIKILINK = /(!?)\[\[([^[\]]+)\]\]/g;

/**
 * Replaces each `[[link]]` and `![[embed]]` of a text node's Markdown by what `replace` makes of
 * it, read as notes' links are (parseWikilink).
 */
export function replaceLinks(text: string, replace: (link: WikilinkMeta, written: string) => string): string {
  return text.replace(WIKILINK, (written, bang: string, inner: string) => replace(parseWikilink(inner, bang === "!"), written));
}

/** The `[[links]]` and `![[embeds]]` of a text node, as notes' links are read. */
export function textNodeLinks(text: string): WikilinkMeta[] {
  return [...text.matchAll(WIKILINK)].map((match) => parseWikilink(match[2] ?? "", match[1] === "!"));
}

/** What a canvas points at in the vault: its file nodes, its groups' backgrounds and the links of its text nodes, as written. */
export function canvasReferences(canvas: Canvas): string[] {
  const found: string[] = [];
  for (const node of canvas.nodes) {
    if (node.type === "file") found.push(node.file);
    if (node.type === "group" && node.background) found.push(node.background);
    if (node.type === "text") found.push(...textNodeLinks(node.text).map((link) => link.linkpath).filter((linkpath) => linkpath !== ""));
  }
  return found;
}
