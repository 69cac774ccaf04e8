// @ts-check
/**
 * The garden's graph: notes as dots, links as lines, laid out with d3-force and drawn on a
 * <canvas>. Loaded as a module on every page that has a graph, this script does nothing
 * heavy until a graph is shown: the global graph (a `.graph` not inside a closed <details>)
 * starts at once; a local graph inside `<details class="local-graph">` starts when the reader
 * opens it. Only then are d3-force and its three dependencies (UMD files under /js/vendor/)
 * and the one shared /graph.json fetched.
 *
 * Hooks:
 *   <div class="graph" data-graph-src="/graph.json"></div>                      global graph
 *   <details class="local-graph"><summary>Graph</summary>
 *     <div class="graph graph--local" data-graph-src="/graph.json" data-graph-focus="/notes/x/" data-graph-depth="1"></div>
 *   </details>                                                                  local graph
 *
 * Every graph has a list of the same links beside it for keyboard and screen-reader users. The
 * parts: graph-data.js (d3 and the data), graph-layout.js (the simulation and the view),
 * graph-draw.js (the canvas), graph-interaction.js (the pointer); this module starts them.
 * Work is capped: the layout runs a few milliseconds per frame, stops when it has cooled (or
 * after MAX_TICKS), and nothing is redrawn while nothing changes.
 */
import { graphModel, loadD3, loadData, neighbourhood, withBase } from "./graph-data.js";
import { drawScene, readColours } from "./graph-draw.js";
import { listen } from "./graph-interaction.js";
import { fitView, simulate } from "./graph-layout.js";
import { text } from "./strings.js";
import { loadStylesheet } from "./stylesheet.js";

/** @typedef {import("./graph-data.js").D3Force} D3Force */
/** @typedef {import("./graph-data.js").GraphData} GraphData */
/** @typedef {import("./graph-data.js").GraphModel} GraphModel */
/** @typedef {import("./graph-data.js").GraphNode} GraphNode */
/** @typedef {import("./graph-data.js").GraphLink} GraphLink */

const FRAME_BUDGET_MS = 10;
const MAX_TICKS = 600;

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {GraphNode} node */
function noteLink(node) {
  const a = /** @type {HTMLAnchorElement} */ (el("a", undefined, node.title));
  a.href = withBase(node.url);
  return a;
}

const byTitle = (/** @type {GraphNode} */ a, /** @type {GraphNode} */ b) =>
  a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: "base" });

/**
 * Lays out and draws one set of nodes and links in a canvas, a few milliseconds of layout a
 * frame, nothing while nothing changes. Returns a function that stops it (used when the local
 * graph's depth changes).
 * @param {HTMLCanvasElement} canvas
 * @param {D3Force} d3
 * @param {GraphNode[]} nodes
 * @param {GraphLink[]} links
 * @param {{ focus: GraphNode | null, local: boolean, container: HTMLElement }} options
 */
function drawGraph(canvas, d3, nodes, links, { focus, local, container }) {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d canvas");
  /** @type {Map<GraphNode, Set<GraphNode>>} */
  const near = new Map(nodes.map((n) => [n, new Set()]));
  for (const { source, target } of links) {
    near.get(source)?.add(target);
    near.get(target)?.add(source);
  }
  const simulation = simulate(d3, nodes, links, focus);
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  const byDegree = [...nodes].sort((a, b) => b.degree - a.degree);
  const scene = { ctx, nodes, links, near, byDegree, focus, hover: /** @type {GraphNode | null} */ (null), colours: readColours(container), view: { x: 0, y: 0, k: 1 }, width: 0, height: 0, ratio: 1, autoFit: true, ticks: 0 };
  let frame = 0;
  let stopped = false;
  const hot = () => simulation.alpha() >= simulation.alphaMin() || simulation.alphaTarget() > 0;

  /** One animation frame: a few milliseconds of layout, then a drawing. */
  function step() {
    frame = 0;
    if (stopped || !canvas.isConnected || !scene.width) return;
    const started = performance.now();
    if (hot()) {
      do {
        simulation.tick();
        scene.ticks++;
      } while (hot() && performance.now() - started < FRAME_BUDGET_MS);
      if (scene.ticks >= MAX_TICKS && simulation.alphaTarget() === 0) simulation.alpha(0);
    }
    const running = hot();
    if (scene.autoFit) fitView(scene, local);
    if (!running || !reducedMotion) drawScene(scene);
    container.dataset.graphState = running ? "running" : "settled";
    if (running) schedule();
  }
  function schedule() {
    if (!frame && !stopped) frame = requestAnimationFrame(step);
  }

  const observer = new ResizeObserver(() => {
    const box = canvas.getBoundingClientRect();
    scene.ratio = window.devicePixelRatio || 1;
    scene.width = box.width;
    scene.height = box.height;
    canvas.width = Math.round(scene.width * scene.ratio);
    canvas.height = Math.round(scene.height * scene.ratio);
    schedule();
  });
  observer.observe(canvas);
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  const recolour = () => {
    scene.colours = readColours(container);
    schedule();
  };
  scheme.addEventListener("change", recolour);
  // The reader's own choice of scheme (src/client/theme.js).
  document.addEventListener("trellis:schemechange", recolour);
  const maxR = Math.max(4, ...nodes.map((n) => n.r));
  const stopListening = listen(canvas, scene, simulation, { focus, local, maxR, changed: schedule });

  // Start with the layout mostly done for small graphs, so they appear at rest.
  if (nodes.length <= 300) {
    const started = performance.now();
    while (hot() && performance.now() - started < 30) {
      simulation.tick();
      scene.ticks++;
    }
  }
  schedule();

  return () => {
    stopped = true;
    if (frame) cancelAnimationFrame(frame);
    simulation.stop();
    observer.disconnect();
    scheme.removeEventListener("change", recolour);
    document.removeEventListener("trellis:schemechange", recolour);
    stopListening();
  };
}

/** A local graph's list: the notes linked with the focus, nearest first. */
function linkedList(/** @type {GraphNode} */ focus, /** @type {GraphNode[]} */ nodes, /** @type {Map<number, number>} */ distance) {
  const others = nodes.filter((n) => n !== focus).sort((a, b) => (distance.get(a.id) ?? 0) - (distance.get(b.id) ?? 0) || byTitle(a, b));
  const caption = el("p", "graph__caption", others.length ? text("graphLinkedWith", "Notes linked with “{title}”", { title: focus.title }) : text("graphNoLinks", "No other notes link with “{title}” yet.", { title: focus.title }));
  const list = el("ul", "graph__list");
  for (const n of others) {
    const item = el("li");
    item.append(noteLink(n));
    if ((distance.get(n.id) ?? 0) > 1) item.append(el("span", "graph__far", ` ${text("graphTwoAway", "(two links away)")}`));
    list.append(item);
  }
  return others.length ? [caption, list] : [caption];
}

/** The global graph's list of every note, made when the reader opens it. */
function allNotesList(/** @type {GraphNode[]} */ all) {
  const details = /** @type {HTMLDetailsElement} */ (el("details", "graph__all"));
  details.append(el("summary", undefined, text("graphAllList", "All {count} notes as a list", { count: all.length })));
  details.addEventListener("toggle", () => {
    if (!details.open || details.querySelector("ul")) return;
    const list = el("ul", "graph__list");
    for (const n of all) {
      const item = el("li");
      item.append(noteLink(n));
      list.append(item);
    }
    details.append(list);
  });
  return details;
}

/** Builds the graph in its container once d3 and the data are there. */
function build(/** @type {HTMLElement} */ container, /** @type {D3Force} */ d3, /** @type {GraphData} */ data) {
  const focusUrl = container.dataset.graphFocus;
  const local = container.dataset.graphDepth !== undefined && focusUrl !== undefined;
  const { byId, adjacent, pairs } = graphModel(data);
  const focus = focusUrl === undefined ? null : [...byId.values()].find((n) => n.url === focusUrl) ?? null;
  container.replaceChildren();
  if (local && !focus) {
    container.append(el("p", "graph__message", text("notInGraph", "This note is not in the graph.")));
    container.dataset.graphState = "empty";
    return;
  }
  const canvas = /** @type {HTMLCanvasElement} */ (el("canvas", "graph__canvas"));
  canvas.setAttribute("role", "img");
  const alt = el("div", "graph__alt");

  /** @type {(() => void) | null} */
  let stop = null;
  /** Shows the notes within `depth` links of the focus (local), or all notes (global). */
  const show = (/** @type {number} */ depth) => {
    stop?.();
    const distance = focus ? neighbourhood(adjacent, focus.id, depth) : null;
    const nodes = distance ? [...distance.keys()].map((id) => /** @type {GraphNode} */ (byId.get(id))) : [...byId.values()];
    const links = pairs
      .filter(([a, b]) => !distance || (distance.has(a) && distance.has(b)))
      .map(([a, b]) => ({ source: /** @type {GraphNode} */ (byId.get(a)), target: /** @type {GraphNode} */ (byId.get(b)) }));
    if (local && focus && distance) {
      canvas.setAttribute("aria-label", text("graphLocalLabel", "Graph of the notes linked with “{title}”; the same notes are listed below.", { title: focus.title }));
      alt.replaceChildren(...linkedList(focus, nodes, distance));
    }
    container.dataset.graphNodes = String(nodes.length);
    stop = drawGraph(canvas, d3, nodes, links, { focus, local, container });
  };

  if (local) {
    const depth = Number(container.dataset.graphDepth) === 2 ? 2 : 1;
    const toolbar = el("div", "graph__toolbar");
    const label = el("label", "graph__depth");
    const box = /** @type {HTMLInputElement} */ (el("input"));
    box.type = "checkbox";
    box.checked = depth === 2;
    box.addEventListener("change", () => show(box.checked ? 2 : 1));
    label.append(box, ` ${text("graphIncludeTwoAway", "Include notes two links away")}`);
    toolbar.append(label);
    container.append(toolbar, canvas, alt);
    show(depth);
  } else {
    const all = [...byId.values()].sort(byTitle);
    canvas.setAttribute("aria-label", text("graphLabel", "Graph of {notes} notes and {links} links; the notes are listed below.", { notes: all.length, links: pairs.length }));
    // The graph page lists every note itself, right below, when they fit on its one page: a second list would repeat it.
    const index = document.querySelector(".note-index");
    if (!index || index.querySelector(".pager")) alt.append(allNotesList(all));
    container.append(canvas, alt);
    show(0);
  }
}

/** @type {WeakSet<HTMLElement>} */
const started = new WeakSet();

async function start(/** @type {HTMLElement} */ container) {
  if (started.has(container)) return;
  started.add(container);
  container.dataset.graphState = "loading";
  container.replaceChildren(el("p", "graph__message", text("graphLoading", "Loading the graph…")));
  try {
    const [d3, data] = await Promise.all([loadD3(), loadData(container.dataset.graphSrc ?? "/graph.json"), loadStylesheet("css/features/graph.css")]);
    build(container, d3, data);
  } catch {
    container.replaceChildren(el("p", "graph__message", text("graphError", "The graph could not be loaded.")));
    container.dataset.graphState = "error";
    started.delete(container); // opening it again tries again
  }
}

for (const container of document.querySelectorAll(".graph[data-graph-src]")) {
  if (!(container instanceof HTMLElement)) continue;
  const details = container.closest("details");
  if (!details || details.open) {
    void start(container);
  } else {
    details.addEventListener("toggle", () => {
      if (details.open) void start(container);
    });
  }
}

export {};
