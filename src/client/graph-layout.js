// @ts-check
/**
 * The graph's layout (src/client/graph.js): d3-force's simulation, and the view that fits every
 * note in the canvas.
 */

/** @typedef {import("./graph-data.js").D3Force} D3Force */
/** @typedef {import("./graph-data.js").GraphNode} GraphNode */
/** @typedef {import("./graph-data.js").GraphLink} GraphLink */

/** A simulation, stopped: the caller runs it a few milliseconds per frame. The focus is held at the centre. */
export function simulate(/** @type {D3Force} */ d3, /** @type {GraphNode[]} */ nodes, /** @type {GraphLink[]} */ links, /** @type {GraphNode | null} */ focus) {
  const big = nodes.length > 1000;
  const simulation = d3
    .forceSimulation(nodes)
    .force("link", d3.forceLink(links).distance(big ? 30 : 55).strength(big ? 0.4 : 0.7))
    .force("charge", d3.forceManyBody().strength(big ? -30 : -160).theta(0.9))
    .force("x", d3.forceX().strength(0.06))
    .force("y", d3.forceY().strength(0.06))
    .alphaDecay(big ? 0.06 : 0.03)
    .stop();
  if (!big) simulation.force("collide", d3.forceCollide((/** @type {GraphNode} */ n) => n.r + 3));
  if (focus) {
    focus.fx = focus.x = 0;
    focus.fy = focus.y = 0;
  }
  return simulation;
}

/** Pans and zooms `view` so that every node is in the canvas (a local graph zooms in less far). */
export function fitView(/** @type {{ nodes: GraphNode[], view: { x: number, y: number, k: number }, width: number, height: number }} */ scene, /** @type {boolean} */ local) {
  const { nodes, view, width, height } = scene;
  if (!width || !height || !nodes.length) return;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    const x = n.x ?? 0, y = n.y ?? 0;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const pad = 28;
  const k = Math.min((width - 2 * pad) / Math.max(x1 - x0, 1), (height - 2 * pad) / Math.max(y1 - y0, 1), local ? 1.6 : 2);
  view.k = Math.max(k, 0.05);
  view.x = width / 2 - ((x0 + x1) / 2) * view.k;
  view.y = height / 2 - ((y0 + y1) / 2) * view.k;
}
