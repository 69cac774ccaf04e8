// @ts-check
/**
 * A canvas's board, moved by the reader: drag to pan, the wheel or a pinch to zoom (around the
 * pointer), the keyboard (arrows pan, + and − zoom, 0 fits), and buttons to zoom and fit. It
 * starts fitted to its window. Without this script the board is a scrolling box at its own size.
 */
import { text } from "./strings.js";

const MIN = 0.1;
const MAX = 4;

/** @typedef {{ x: number, y: number, k: number }} View */

function live(/** @type {HTMLElement} */ canvas) {
  const viewport = /** @type {HTMLElement | null} */ (canvas.querySelector(".canvas__viewport"));
  const board = /** @type {HTMLElement | null} */ (canvas.querySelector(".canvas__board"));
  if (!viewport || !board) return;
  canvas.classList.add("canvas--live");
  /** @type {View} */
  const view = { x: 0, y: 0, k: 1 };
  const apply = () => {
    board.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
    canvas.dataset.zoom = view.k.toFixed(3);
  };
  const fit = () => {
    const width = board.offsetWidth;
    const height = board.offsetHeight;
    view.k = Math.min(MAX, Math.max(MIN, Math.min(viewport.clientWidth / width, viewport.clientHeight / height)));
    view.x = (viewport.clientWidth - width * view.k) / 2;
    view.y = (viewport.clientHeight - height * view.k) / 2;
    apply();
  };
  /** Zooms by `factor` around a point of the window (its centre unless given). */
  const zoom = (/** @type {number} */ factor, cx = viewport.clientWidth / 2, cy = viewport.clientHeight / 2) => {
    const k = Math.min(MAX, Math.max(MIN, view.k * factor));
    view.x = cx - ((cx - view.x) * k) / view.k;
    view.y = cy - ((cy - view.y) * k) / view.k;
    view.k = k;
    apply();
  };
  const pan = (/** @type {number} */ dx, /** @type {number} */ dy) => {
    view.x += dx;
    view.y += dy;
    apply();
  };
  canvas.prepend(controls(zoom, fit));
  listenToPointers(viewport, pan, zoom);
  listenToKeys(viewport, pan, zoom, fit);
  fit();
}

/** The buttons that zoom and fit. */
function controls(/** @type {(factor: number) => void} */ zoom, /** @type {() => void} */ fit) {
  const bar = document.createElement("div");
  bar.className = "canvas__controls";
  for (const [label, symbol, act] of /** @type {Array<[string, string, () => void]>} */ ([
    [text("canvasZoomIn", "Zoom in"), "+", () => zoom(1.25)],
    [text("canvasZoomOut", "Zoom out"), "−", () => zoom(0.8)],
    [text("canvasFit", "Fit to screen"), "⤢", fit],
  ])) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = symbol;
    button.setAttribute("aria-label", label);
    button.title = label;
    button.addEventListener("click", act);
    bar.append(button);
  }
  return bar;
}

/** A drag pans, two fingers pinch, the wheel zooms around the pointer. */
function listenToPointers(/** @type {HTMLElement} */ viewport, /** @type {(dx: number, dy: number) => void} */ pan, /** @type {(factor: number, cx?: number, cy?: number) => void} */ zoom) {
  /** Pointers down on the board, for a drag (one) or a pinch (two). */
  const pointers = new Map();
  let pinch = 0;
  viewport.addEventListener("pointerdown", (event) => {
    if (event.target instanceof Element && event.target.closest("a, button, input")) return;
    viewport.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  });
  viewport.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const now = { x: event.clientX, y: event.clientY };
    pointers.set(event.pointerId, now);
    if (pointers.size === 1) pan(now.x - last.x, now.y - last.y);
    else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const box = viewport.getBoundingClientRect();
      if (pinch > 0) zoom(distance / pinch, (a.x + b.x) / 2 - box.left, (a.y + b.y) / 2 - box.top);
      pinch = distance;
    }
  });
  const release = (/** @type {PointerEvent} */ event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = 0;
  };
  viewport.addEventListener("pointerup", release);
  viewport.addEventListener("pointercancel", release);
  viewport.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY / 300), event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false },
  );
}

/** On the focused board: the arrows pan, + and - zoom, 0 fits. */
function listenToKeys(/** @type {HTMLElement} */ viewport, /** @type {(dx: number, dy: number) => void} */ pan, /** @type {(factor: number) => void} */ zoom, /** @type {() => void} */ fit) {
  const steps = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
  viewport.addEventListener("keydown", (event) => {
    const step = steps[/** @type {keyof typeof steps} */ (event.key)];
    if (step) pan(step[0] ?? 0, step[1] ?? 0);
    else if (event.key === "+" || event.key === "=") zoom(1.25);
    else if (event.key === "-") zoom(0.8);
    else if (event.key === "0") fit();
    else return;
    event.preventDefault();
  });
}

for (const canvas of document.querySelectorAll("[data-canvas]")) {
  if (canvas instanceof HTMLElement) live(canvas);
}
