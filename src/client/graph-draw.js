// @ts-check
/**
 * Drawing the graph on its <canvas> (src/client/graph.js): links, dots and labels, in the
 * colours the page's scheme gives.
 */

/** @typedef {import("./graph-data.js").GraphNode} GraphNode */
/** @typedef {import("./graph-data.js").GraphLink} GraphLink */
/**
 * What a drawing needs: the nodes and links, the view (pan and zoom) and the canvas's size.
 * @typedef {{ ctx: CanvasRenderingContext2D, nodes: GraphNode[], links: GraphLink[], near: Map<GraphNode, Set<GraphNode>>,
 *   byDegree: GraphNode[], focus: GraphNode | null, hover: GraphNode | null, colours: Colours,
 *   view: { x: number, y: number, k: number }, width: number, height: number, ratio: number }} Scene
 * @typedef {ReturnType<typeof readColours>} Colours
 */

const MAX_LABELS = 200;
/** All notes in view get a label when there are at most this many. */
const LABEL_CROWD = 60;

/** Reads the graph's colours from CSS custom properties, so light and dark schemes apply. */
export function readColours(/** @type {HTMLElement} */ container) {
  const style = getComputedStyle(container);
  const get = (/** @type {string} */ name, /** @type {string} */ fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    link: get("--graph-link", "#bbb"),
    node: get("--graph-node", "#888"),
    current: get("--graph-current", "#c2410c"),
    highlight: get("--graph-highlight", "#1f5fa8"),
    label: get("--graph-label", style.color || "#111"),
    halo: get("--graph-bg", "#fff"),
    font: `12px ${style.fontFamily || "sans-serif"}`,
  };
}

/** Nodes that get a label this frame, most important first. */
function labelled(/** @type {Scene} */ scene) {
  const { hover, focus, near, byDegree, view, width, height } = scene;
  /** @type {Set<GraphNode>} */
  const chosen = new Set();
  const add = (/** @type {GraphNode | null | undefined} */ n) => n && chosen.size < MAX_LABELS && chosen.add(n);
  add(hover);
  for (const n of hover ? near.get(hover) ?? [] : []) add(n);
  add(focus);
  for (const n of focus ? near.get(focus) ?? [] : []) add(n);
  // Every label once few enough notes are in view (a small graph, or zoomed in far enough).
  /** @type {GraphNode[]} */
  const inView = [];
  for (const n of byDegree) {
    const x = (n.x ?? 0) * view.k + view.x, y = (n.y ?? 0) * view.k + view.y;
    if (x > -50 && x < width + 50 && y > -20 && y < height + 20) inView.push(n);
    if (inView.length > LABEL_CROWD) return chosen;
  }
  for (const n of inView) add(n);
  return chosen;
}

export function drawScene(/** @type {Scene} */ scene) {
  const { ctx, nodes, links, near, focus, hover, colours, view, width, height, ratio } = scene;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  ctx.translate(view.x, view.y);
  ctx.scale(view.k, view.k);
  const lit = hover ? near.get(hover) ?? new Set() : null;
  const dim = (/** @type {GraphNode} */ n) => lit !== null && n !== hover && !lit.has(n);

  ctx.lineWidth = 1 / view.k;
  ctx.strokeStyle = colours.link;
  ctx.globalAlpha = lit ? 0.35 : 1;
  ctx.beginPath();
  for (const { source: s, target: t } of links) {
    if (lit && (s === hover || t === hover)) continue;
    ctx.moveTo(s.x ?? 0, s.y ?? 0);
    ctx.lineTo(t.x ?? 0, t.y ?? 0);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (hover) {
    ctx.strokeStyle = colours.highlight;
    ctx.lineWidth = 2 / view.k;
    ctx.beginPath();
    for (const { source: s, target: t } of links) {
      if (s !== hover && t !== hover) continue;
      ctx.moveTo(s.x ?? 0, s.y ?? 0);
      ctx.lineTo(t.x ?? 0, t.y ?? 0);
    }
    ctx.stroke();
  }

  /** Dots one by one (one path of thousands of arcs fills far slower); squares when tiny. */
  /** @param {(n: GraphNode) => boolean} which @param {string} colour @param {number} alpha */
  const dots = (which, colour, alpha) => {
    ctx.fillStyle = colour;
    ctx.globalAlpha = alpha;
    for (const n of nodes) {
      if (!which(n)) continue;
      const x = n.x ?? 0, y = n.y ?? 0;
      if (n.r * view.k < 2) {
        ctx.fillRect(x - n.r, y - n.r, 2 * n.r, 2 * n.r);
      } else {
        ctx.beginPath();
        ctx.arc(x, y, n.r, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
  };
  dots((n) => n !== focus && n !== hover && !lit?.has(n), colours.node, lit ? 0.3 : 1);
  if (lit) dots((n) => lit.has(n) && n !== focus, colours.highlight, 1);
  if (hover && hover !== focus) dots((n) => n === hover, colours.highlight, 1);
  if (focus) dots((n) => n === focus, colours.current, dim(focus) ? 0.5 : 1);
  ctx.restore();

  ctx.font = colours.font;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = colours.halo;
  ctx.fillStyle = colours.label;
  for (const n of labelled(scene)) {
    const text = n.title.length > 40 ? `${n.title.slice(0, 38)}…` : n.title;
    // A label near an edge moves in, whole, rather than being cut (a phone's graph is narrow).
    const half = ctx.measureText(text).width / 2 + 2;
    const x = Math.min(Math.max((n.x ?? 0) * view.k + view.x, half), Math.max(half, width - half));
    const y = (n.y ?? 0) * view.k + view.y + n.r * view.k + 3;
    ctx.globalAlpha = dim(n) ? 0.4 : 1;
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
  }
  ctx.globalAlpha = 1;
}
