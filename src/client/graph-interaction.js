// @ts-check
/**
 * The reader's hands on the graph (src/client/graph.js): hover highlights a note's neighbours,
 * click (or tap) opens the note, dragging moves a note or pans, the wheel zooms (on local graphs
 * only with Ctrl or a pinch, so the page still scrolls).
 */
import { withBase } from "./graph-data.js";

/** @typedef {import("./graph-data.js").GraphNode} GraphNode */
/**
 * What the pointer moves: the view, the note under it, whether the view still follows the layout.
 * @typedef {{ view: { x: number, y: number, k: number }, hover: GraphNode | null, autoFit: boolean, ticks: number }} Hands
 * @typedef {{ find(x: number, y: number, radius: number): unknown, alpha(): number, alpha(value: number): unknown, alphaTarget(value: number): unknown }} Layout
 */

const DRAG_THRESHOLD = 4;

/** Zooms `view` by `factor` (within bounds) about the point `p` of the canvas, which stays where it is. */
function zoom(/** @type {{ x: number, y: number, k: number }} */ view, /** @type {{ x: number, y: number }} */ p, /** @type {number} */ factor) {
  const k = Math.min(8, Math.max(0.05, view.k * factor));
  view.x = p.x - ((p.x - view.x) * k) / view.k;
  view.y = p.y - ((p.y - view.y) * k) / view.k;
  view.k = k;
}

/**
 * Listens to the pointer on `canvas`; returns the function that stops listening.
 * @param {HTMLCanvasElement} canvas
 * @param {Hands} hands
 * @param {Layout} simulation
 * @param {{ focus: GraphNode | null, local: boolean, maxR: number, changed: () => void }} options
 */
export function listen(canvas, hands, simulation, { focus, local, maxR, changed }) {
  const { view } = hands;
  /** @param {PointerEvent | WheelEvent} event */
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  /** @param {{ x: number, y: number }} p */
  const nodeAt = (p) => /** @type {GraphNode | undefined} */ (simulation.find((p.x - view.x) / view.k, (p.y - view.y) / view.k, (maxR + 6) / view.k)) ?? null;
  /** @type {{ node: GraphNode | null, start: { x: number, y: number }, view: { x: number, y: number }, moved: boolean } | null} */
  let press = null;

  const hoverOver = (/** @type {GraphNode | null} */ found) => {
    if (found === hands.hover) return;
    hands.hover = found;
    canvas.style.cursor = found ? "pointer" : "";
    canvas.title = found ? found.title : "";
    changed();
  };
  const onDown = (/** @type {PointerEvent} */ event) => {
    if (event.button !== 0) return;
    const p = point(event);
    press = { node: nodeAt(p), start: p, view: { x: view.x, y: view.y }, moved: false };
    canvas.setPointerCapture(event.pointerId);
  };
  const onMove = (/** @type {PointerEvent} */ event) => {
    const p = point(event);
    if (!press) return hoverOver(nodeAt(p));
    if (!press.moved && Math.hypot(p.x - press.start.x, p.y - press.start.y) < DRAG_THRESHOLD) return;
    press.moved = true;
    hands.autoFit = false;
    if (press.node) {
      press.node.fx = (p.x - view.x) / view.k;
      press.node.fy = (p.y - view.y) / view.k;
      simulation.alphaTarget(0.25);
      if (simulation.alpha() < 0.25) simulation.alpha(0.25);
      hands.ticks = 0;
    } else {
      view.x = press.view.x + p.x - press.start.x;
      view.y = press.view.y + p.y - press.start.y;
    }
    changed();
  };
  const onUp = (/** @type {PointerEvent} */ event) => {
    const pressed = press;
    press = null;
    if (!pressed?.node) return;
    if (pressed.moved) {
      if (pressed.node !== focus) pressed.node.fx = pressed.node.fy = null;
      simulation.alphaTarget(0);
      changed();
      return;
    }
    const href = withBase(pressed.node.url);
    if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(href, "_blank", "noopener");
    else location.assign(href);
  };
  const onCancel = () => {
    if (press?.node && press.node !== focus) press.node.fx = press.node.fy = null;
    press = null;
    simulation.alphaTarget(0);
  };
  const onLeave = () => {
    if (!press) hoverOver(null);
  };
  const onWheel = (/** @type {WheelEvent} */ event) => {
    if (local && !event.ctrlKey && !event.metaKey) return; // let the page scroll past a local graph
    event.preventDefault();
    zoom(view, point(event), Math.exp(-event.deltaY * (event.deltaMode ? 0.05 : 0.002)));
    hands.autoFit = false;
    changed();
  };
  /** @type {Array<[string, (event: never) => void, AddEventListenerOptions?]>} */
  const listeners = [["pointerdown", onDown], ["pointermove", onMove], ["pointerup", onUp], ["pointercancel", onCancel], ["pointerleave", onLeave], ["wheel", onWheel, { passive: false }]];
  for (const [type, listener, options] of listeners) canvas.addEventListener(type, /** @type {EventListener} */ (listener), options);
  return () => {
    for (const [type, listener] of listeners) canvas.removeEventListener(type, /** @type {EventListener} */ (listener));
  };
}
