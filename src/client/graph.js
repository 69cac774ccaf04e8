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
 * Hover highlights a note's neighbours, click (or tap) opens the note, dragging moves a note or
 * pans, the wheel zooms (on local graphs only with Ctrl or a pinch, so the page still scrolls).
 * Every graph has a list of the same links beside it for keyboard and screen-reader users.
 * Work is capped: the layout runs a few milliseconds per frame, stops when it has cooled (or
 * after MAX_TICKS), and nothing is redrawn while nothing changes.
 */
import { text } from "./strings.js";

/** @typedef {typeof import("d3-force")} D3Force */
/** @typedef {{ id: number, url: string, title: string, tags?: string[] }} NodeData */
/** @typedef {{ nodes: NodeData[], links: [number, number][] }} GraphData */
/**
 * @typedef {import("d3-force").SimulationNodeDatum & { id: number, url: string, title: string,
 *   degree: number, r: number }} GraphNode
 * @typedef {{ source: GraphNode, target: GraphNode }} GraphLink
 */

/** d3-force's UMD files and the modules it needs, in load order, relative to the site root. */

const VENDOR = ["/js/vendor/d3-dispatch.min.js", "/js/vendor/d3-quadtree.min.js", "/js/vendor/d3-timer.min.js", "/js/vendor/d3-force.min.js"];
const FRAME_BUDGET_MS = 10;
const MAX_TICKS = 600;
const MAX_LABELS = 200;
/** All notes in view get a label when there are at most this many. */
const LABEL_CROWD = 60;
const DRAG_THRESHOLD = 4;

/** Root-relative site path → path under the site's base ("/repo/" + "/notes/x/" → "/repo/notes/x/"). */
function withBase(/** @type {string} */ url) {
  const base = (document.documentElement.dataset.base ?? "/").replace(/\/+$/, "");
  return base + (url.startsWith("/") ? url : `/${url}`);
}

/** @type {Promise<D3Force> | null} */
let d3Loading = null;

/** Loads d3-force and its dependencies once, as classic scripts that run in order. */
function loadD3() {
  const global = /** @type {{ d3?: Partial<D3Force> }} */ (/** @type {unknown} */ (window));
  if (global.d3?.forceSimulation) return Promise.resolve(/** @type {D3Force} */ (global.d3));
  d3Loading ??= new Promise((resolve, reject) => {
    /** @type {HTMLScriptElement | undefined} */
    let last;
    for (const file of VENDOR) {
      last = document.createElement("script");
      last.src = withBase(file);
      last.async = false;
      last.addEventListener("error", () => reject(new Error(`could not load ${file}`)));
      document.head.append(last);
    }
    last?.addEventListener("load", () => {
      if (global.d3?.forceSimulation) resolve(/** @type {D3Force} */ (global.d3));
      else reject(new Error("d3-force did not start"));
    });
  }).catch((error) => {
    d3Loading = null;
    throw error;
  });
  return d3Loading;
}

/** @type {Map<string, Promise<GraphData>>} */
const dataLoading = new Map();

/** @param {string} src @returns {Promise<GraphData>} */
function loadData(src) {
  let entry = dataLoading.get(src);
  if (!entry) {
    entry = fetch(withBase(src)).then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      if (!Array.isArray(data?.nodes) || !Array.isArray(data?.links)) throw new Error("not graph data");
      return /** @type {GraphData} */ (data);
    });
    entry.catch(() => dataLoading.delete(src));
    dataLoading.set(src, entry);
  }
  return entry;
}

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

/** Ids within `depth` links of `start`, either direction, with their distance. */
function neighbourhood(/** @type {Map<number, Set<number>>} */ adjacent, /** @type {number} */ start, /** @type {number} */ depth) {
  const seen = new Map([[start, 0]]);
  let frontier = [start];
  for (let step = 1; step <= depth; step++) {
    /** @type {number[]} */
    const next = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (seen.has(other)) continue;
        seen.set(other, step);
        next.push(other);
      }
    }
    frontier = next;
  }
  return seen;
}

/** Reads the graph's colours from CSS custom properties, so light and dark schemes apply. */
function readColours(/** @type {HTMLElement} */ container) {
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

/**
 * Draws one set of nodes and links in a canvas and handles the pointer. Returns a function
 * that stops it (used when the local graph's depth changes).
 * @param {HTMLCanvasElement} canvas
 * @param {D3Force} d3
 * @param {GraphNode[]} nodes
 * @param {GraphLink[]} links
 * @param {{ focus: GraphNode | null, local: boolean, container: HTMLElement }} options
 */
function drawGraph(canvas, d3, nodes, links, options) {
  const { focus, local, container } = options;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2d canvas");
  const ctx = context;
  const big = nodes.length > 1000;

  /** @type {Map<GraphNode, Set<GraphNode>>} */
  const near = new Map(nodes.map((n) => [n, new Set()]));
  for (const { source, target } of links) {
    near.get(source)?.add(target);
    near.get(target)?.add(source);
  }
  const byDegree = [...nodes].sort((a, b) => b.degree - a.degree);
  const maxR = Math.max(4, ...nodes.map((n) => n.r));

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

  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
  let colours = readColours(container);
  const view = { x: 0, y: 0, k: 1 };
  let autoFit = true;
  let width = 0;
  let height = 0;
  let ratio = 1;
  let ticks = 0;
  let frame = 0;
  let stopped = false;
  /** @type {GraphNode | null} */
  let hover = null;

  const hot = () => simulation.alpha() >= simulation.alphaMin() || simulation.alphaTarget() > 0;

  function fit() {
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

  /** Nodes that get a label this frame, most important first. */
  function labelled() {
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

  function draw() {
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
    for (const n of labelled()) {
      const x = (n.x ?? 0) * view.k + view.x;
      const y = (n.y ?? 0) * view.k + view.y + n.r * view.k + 3;
      const text = n.title.length > 40 ? `${n.title.slice(0, 38)}…` : n.title;
      ctx.globalAlpha = dim(n) ? 0.4 : 1;
      ctx.strokeText(text, x, y);
      ctx.fillText(text, x, y);
    }
    ctx.globalAlpha = 1;
  }

  /** One animation frame: a few milliseconds of layout, then a drawing. */
  function step() {
    frame = 0;
    if (stopped || !canvas.isConnected || !width) return;
    const started = performance.now();
    if (hot()) {
      do {
        simulation.tick();
        ticks++;
      } while (hot() && performance.now() - started < FRAME_BUDGET_MS);
      if (ticks >= MAX_TICKS && simulation.alphaTarget() === 0) simulation.alpha(0);
    }
    const running = hot();
    if (autoFit) fit();
    if (!running || !reducedMotion) draw();
    container.dataset.graphState = running ? "running" : "settled";
    if (running) schedule();
  }

  function schedule() {
    if (!frame && !stopped) frame = requestAnimationFrame(step);
  }

  function resize() {
    const box = canvas.getBoundingClientRect();
    ratio = window.devicePixelRatio || 1;
    width = box.width;
    height = box.height;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    schedule();
  }
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);

  const scheme = matchMedia("(prefers-color-scheme: dark)");
  const recolour = () => {
    colours = readColours(container);
    schedule();
  };
  scheme.addEventListener("change", recolour);
  // The reader's own choice of scheme (src/client/theme.js).
  document.addEventListener("trellis:schemechange", recolour);

  /** @param {PointerEvent | WheelEvent} event */
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  /** @param {{ x: number, y: number }} p */
  const nodeAt = (p) => {
    const found = simulation.find((p.x - view.x) / view.k, (p.y - view.y) / view.k, (maxR + 6) / view.k);
    return /** @type {GraphNode | undefined} */ (found) ?? null;
  };

  /** @type {{ node: GraphNode | null, start: { x: number, y: number }, view: { x: number, y: number }, moved: boolean } | null} */
  let press = null;

  const onDown = (/** @type {PointerEvent} */ event) => {
    if (event.button !== 0) return;
    const p = point(event);
    press = { node: nodeAt(p), start: p, view: { x: view.x, y: view.y }, moved: false };
    canvas.setPointerCapture(event.pointerId);
  };
  const onMove = (/** @type {PointerEvent} */ event) => {
    const p = point(event);
    if (!press) {
      const found = nodeAt(p);
      if (found !== hover) {
        hover = found;
        canvas.style.cursor = hover ? "pointer" : "";
        canvas.title = hover ? hover.title : "";
        schedule();
      }
      return;
    }
    if (!press.moved && Math.hypot(p.x - press.start.x, p.y - press.start.y) < DRAG_THRESHOLD) return;
    press.moved = true;
    autoFit = false;
    if (press.node) {
      press.node.fx = (p.x - view.x) / view.k;
      press.node.fy = (p.y - view.y) / view.k;
      simulation.alphaTarget(0.25);
      if (simulation.alpha() < 0.25) simulation.alpha(0.25);
      ticks = 0;
    } else {
      view.x = press.view.x + p.x - press.start.x;
      view.y = press.view.y + p.y - press.start.y;
    }
    schedule();
  };
  const onUp = (/** @type {PointerEvent} */ event) => {
    const pressed = press;
    press = null;
    if (!pressed) return;
    if (pressed.node && pressed.moved) {
      if (pressed.node !== focus) pressed.node.fx = pressed.node.fy = null;
      simulation.alphaTarget(0);
      schedule();
    } else if (pressed.node && !pressed.moved) {
      const href = withBase(pressed.node.url);
      if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(href, "_blank", "noopener");
      else location.assign(href);
    }
  };
  const onCancel = () => {
    if (press?.node && press.node !== focus) press.node.fx = press.node.fy = null;
    press = null;
    simulation.alphaTarget(0);
  };
  const onLeave = () => {
    if (hover && !press) {
      hover = null;
      canvas.style.cursor = "";
      schedule();
    }
  };
  const onWheel = (/** @type {WheelEvent} */ event) => {
    if (local && !event.ctrlKey && !event.metaKey) return; // let the page scroll past a local graph
    event.preventDefault();
    const p = point(event);
    const k = Math.min(8, Math.max(0.05, view.k * Math.exp(-event.deltaY * (event.deltaMode ? 0.05 : 0.002))));
    view.x = p.x - ((p.x - view.x) * k) / view.k;
    view.y = p.y - ((p.y - view.y) * k) / view.k;
    view.k = k;
    autoFit = false;
    schedule();
  };
  canvas.addEventListener("pointerdown", onDown);
  canvas.addEventListener("pointermove", onMove);
  canvas.addEventListener("pointerup", onUp);
  canvas.addEventListener("pointercancel", onCancel);
  canvas.addEventListener("pointerleave", onLeave);
  canvas.addEventListener("wheel", onWheel, { passive: false });

  // Start with the layout mostly done for small graphs, so they appear at rest.
  if (nodes.length <= 300) {
    const started = performance.now();
    while (hot() && performance.now() - started < 30) {
      simulation.tick();
      ticks++;
    }
  }
  schedule();

  return () => {
    stopped = true;
    if (frame) cancelAnimationFrame(frame);
    simulation.stop();
    observer.disconnect();
    scheme.removeEventListener("change", recolour);
    canvas.removeEventListener("pointerdown", onDown);
    canvas.removeEventListener("pointermove", onMove);
    canvas.removeEventListener("pointerup", onUp);
    canvas.removeEventListener("pointercancel", onCancel);
    canvas.removeEventListener("pointerleave", onLeave);
    canvas.removeEventListener("wheel", onWheel);
  };
}

/** Builds the graph in its container once d3 and the data are there. */
function build(/** @type {HTMLElement} */ container, /** @type {D3Force} */ d3, /** @type {GraphData} */ data) {
  const focusUrl = container.dataset.graphFocus;
  const local = container.dataset.graphDepth !== undefined && focusUrl !== undefined;

  /** @type {Map<number, GraphNode>} */
  const byId = new Map();
  for (const n of data.nodes) {
    if (typeof n?.id !== "number" || typeof n.url !== "string") continue;
    byId.set(n.id, { id: n.id, url: n.url, title: String(n.title ?? n.url), degree: 0, r: 4 });
  }
  /** @type {Map<number, Set<number>>} */
  const adjacent = new Map();
  /** @type {[number, number][]} */
  const pairs = [];
  const seenPairs = new Set();
  for (const pair of data.links) {
    const [a, b] = Array.isArray(pair) ? pair : [];
    if (a === undefined || b === undefined || a === b || !byId.has(a) || !byId.has(b)) continue;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (seenPairs.has(key)) continue;
    seenPairs.add(key);
    pairs.push([a, b]);
    for (const [from, to] of [[a, b], [b, a]]) {
      let set = adjacent.get(/** @type {number} */ (from));
      if (!set) adjacent.set(/** @type {number} */ (from), (set = new Set()));
      set.add(/** @type {number} */ (to));
    }
  }
  for (const n of byId.values()) {
    n.degree = adjacent.get(n.id)?.size ?? 0;
    n.r = Math.min(12, 3.5 + Math.sqrt(n.degree) * 1.5);
  }
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
      const others = nodes.filter((n) => n !== focus).sort((a, b) => (distance.get(a.id) ?? 0) - (distance.get(b.id) ?? 0) || byTitle(a, b));
      canvas.setAttribute("aria-label", text("graphLocalLabel", "Graph of the notes linked with “{title}”; the same notes are listed below.", { title: focus.title }));
      const caption = el("p", "graph__caption", others.length ? text("graphLinkedWith", "Notes linked with “{title}”", { title: focus.title }) : text("graphNoLinks", "No other notes link with “{title}” yet.", { title: focus.title }));
      const list = el("ul", "graph__list");
      for (const n of others) {
        const item = el("li");
        item.append(noteLink(n));
        if ((distance.get(n.id) ?? 0) > 1) item.append(el("span", "graph__far", ` ${text("graphTwoAway", "(two links away)")}`));
        list.append(item);
      }
      alt.replaceChildren(caption, ...(others.length ? [list] : []));
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
    alt.append(details);
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
    const [d3, data] = await Promise.all([loadD3(), loadData(container.dataset.graphSrc ?? "/graph.json")]);
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
