// @ts-check
/**
 * The graph's data (src/client/graph.js): d3-force loaded once as classic scripts, /graph.json
 * fetched once, and the nodes, links and neighbours made from it.
 */

/** @typedef {typeof import("d3-force")} D3Force */
/** @typedef {{ id: number, url: string, title: string, tags?: string[] }} NodeData */
/** @typedef {{ nodes: NodeData[], links: [number, number][] }} GraphData */
/**
 * @typedef {import("d3-force").SimulationNodeDatum & { id: number, url: string, title: string,
 *   degree: number, r: number }} GraphNode
 * @typedef {{ source: GraphNode, target: GraphNode }} GraphLink
 * @typedef {{ byId: Map<number, GraphNode>, adjacent: Map<number, Set<number>>, pairs: [number, number][] }} GraphModel
 */

/** d3-force's UMD files and the modules it needs, in load order, relative to the site root. */
const VENDOR = ["/js/vendor/d3-dispatch.min.js", "/js/vendor/d3-quadtree.min.js", "/js/vendor/d3-timer.min.js", "/js/vendor/d3-force.min.js"];

/** Root-relative site path → path under the site's base ("/repo/" + "/notes/x/" → "/repo/notes/x/"). */
export function withBase(/** @type {string} */ url) {
  const base = (document.documentElement.dataset.base ?? "/").replace(/\/+$/, "");
  return base + (url.startsWith("/") ? url : `/${url}`);
}

/** @type {Promise<D3Force> | null} */
let d3Loading = null;

/** Loads d3-force and its dependencies once, as classic scripts that run in order. */
export function loadD3() {
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
export function loadData(src) {
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

/** Ids within `depth` links of `start`, either direction, with their distance. */
export function neighbourhood(/** @type {Map<number, Set<number>>} */ adjacent, /** @type {number} */ start, /** @type {number} */ depth) {
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

/** The nodes (sized by their links), the links once each, and each node's neighbours, from the data as fetched. */
export function graphModel(/** @type {GraphData} */ data) {
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
  return /** @type {GraphModel} */ ({ byId, adjacent, pairs });
}
