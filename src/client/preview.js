// @ts-check
/**
 * Link previews: resting the mouse on an internal link in an article or its backlinks (or
 * reaching it with the keyboard) for a moment shows the target page's title and opening in a
 * small popover. The text comes from the target page itself (same origin only), parsed with
 * DOMParser and written with textContent. Touch taps are left alone: on a phone a link just
 * navigates. The popover closes on mouse leave, blur and Escape, and can itself be hovered.
 */

import { loadStylesheet } from "./stylesheet.js";

const LINKS = ".article__body a[href], .backlinks a[href]";
const SHOW_DELAY = 300;
const HIDE_DELAY = 200;
const MAX_CHARS = 400;
const MAX_PARAGRAPHS = 2;
const GAP = 8;

/** @typedef {{ title: string, paragraphs: string[] }} Preview */

/** @type {Map<string, Promise<Preview | null>>} */
const cache = new Map();
/** @type {HTMLElement | null} */
let popover = null;
/** The link whose preview is pending or shown. @type {HTMLAnchorElement | null} */
let active = null;
let showTimer = 0;
let hideTimer = 0;

/**
 * The link under `target` that gets a preview, or null: internal, same origin, not this page.
 * @param {EventTarget | null} target
 * @returns {HTMLAnchorElement | null}
 */
function previewable(target) {
  const link = target instanceof Element ? target.closest(LINKS) : null;
  if (!(link instanceof HTMLAnchorElement)) return null;
  // Not for other sites, tag pages or files (attachments, images): only for pages.
  if (link.matches(".external, .tag, [download]")) return null;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) return null;
  if (/\.\w+$/.test(url.pathname) && !/\.html?$/i.test(url.pathname)) return null;
  if (url.pathname === location.pathname && url.search === location.search) return null;
  return link;
}

/** The address of the page a link leads to, without its fragment. */
function pageOf(/** @type {HTMLAnchorElement} */ link) {
  const url = new URL(link.href, location.href);
  url.hash = "";
  return url.href;
}

/** Cuts text to `limit` characters at a word boundary. */
function clip(/** @type {string} */ text, /** @type {number} */ limit) {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(" ");
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

const squash = (/** @type {string | null | undefined} */ text) => (text ?? "").replace(/\s+/g, " ").trim();

/** @param {string} page @returns {Promise<Preview | null>} */
async function fetchPreview(page) {
  const response = await fetch(page, { credentials: "same-origin" });
  if (!response.ok || !(response.headers.get("content-type") ?? "").includes("text/html")) return null;
  if (new URL(response.url).origin !== location.origin) return null; // redirected away
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const title = squash(doc.querySelector("h1.article__title")?.textContent) || squash(doc.title);
  const body = doc.querySelector(".article__body");
  /** @type {string[]} */
  const paragraphs = [];
  let left = MAX_CHARS;
  for (const p of body?.querySelectorAll("p") ?? []) {
    const text = squash(p.textContent);
    if (!text) continue;
    paragraphs.push(clip(text, left));
    left -= text.length;
    if (paragraphs.length >= MAX_PARAGRAPHS || left <= 40) break;
  }
  if (!paragraphs.length && body) {
    const text = squash(body.textContent);
    if (text) paragraphs.push(clip(text, MAX_CHARS));
  }
  return title || paragraphs.length ? { title, paragraphs } : null;
}

/** @param {string} page */
function getPreview(page) {
  let entry = cache.get(page);
  if (!entry) {
    entry = fetchPreview(page).catch(() => {
      cache.delete(page); // offline for a moment: try again next time
      return null;
    });
    cache.set(page, entry);
  }
  return entry;
}

function ensurePopover() {
  if (popover) return popover;
  popover = document.createElement("div");
  popover.className = "preview";
  popover.id = "trellis-preview";
  popover.setAttribute("role", "tooltip");
  popover.hidden = true;
  popover.addEventListener("pointerenter", () => clearTimeout(hideTimer));
  popover.addEventListener("pointerleave", (event) => {
    if (event.relatedTarget instanceof Node && active?.contains(event.relatedTarget)) return;
    scheduleHide();
  });
  document.body.append(popover);
  return popover;
}

/** Places the popover below the link, or above it when there is more room there; never over it. */
function place(/** @type {HTMLElement} */ box, /** @type {HTMLAnchorElement} */ link) {
  const rect = link.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const height = document.documentElement.clientHeight;
  box.style.maxHeight = "";
  box.style.maxWidth = `${width - 2 * GAP}px`;
  box.style.left = "0px";
  box.style.top = "0px";
  const w = box.offsetWidth;
  const h = box.offsetHeight;
  const below = height - rect.bottom - 2 * GAP;
  const above = rect.top - 2 * GAP;
  let top;
  if (h <= below || (h > above && below >= above)) {
    top = rect.bottom + GAP;
    if (h > below) box.style.maxHeight = `${Math.max(below, 48)}px`;
  } else {
    if (h > above) box.style.maxHeight = `${Math.max(above, 48)}px`;
    top = rect.top - GAP - Math.min(h, Math.max(above, 48));
  }
  const left = Math.max(GAP, Math.min(rect.left, width - w - GAP));
  box.style.left = `${left + window.scrollX}px`;
  box.style.top = `${top + window.scrollY}px`;
}

/** @param {HTMLAnchorElement} link @param {Preview} preview */
function show(link, preview) {
  const box = ensurePopover();
  const title = document.createElement("p");
  title.className = "preview__title";
  title.textContent = preview.title;
  const texts = preview.paragraphs.map((text) => {
    const p = document.createElement("p");
    p.className = "preview__text";
    p.textContent = text;
    return p;
  });
  box.replaceChildren(title, ...texts);
  box.hidden = false;
  place(box, link);
  link.setAttribute("aria-describedby", box.id);
}

function hide() {
  clearTimeout(showTimer);
  clearTimeout(hideTimer);
  if (popover) popover.hidden = true;
  if (active?.getAttribute("aria-describedby") === popover?.id) active?.removeAttribute("aria-describedby");
  active = null;
}

function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, HIDE_DELAY);
}

/** @param {HTMLAnchorElement} link */
function schedule(link) {
  if (active === link) {
    clearTimeout(hideTimer);
    return;
  }
  hide();
  active = link;
  showTimer = window.setTimeout(async () => {
    const [preview] = await Promise.all([getPreview(pageOf(link)), loadStylesheet("css/features/preview.css")]);
    if (active === link && preview && link.isConnected) show(link, preview);
  }, SHOW_DELAY);
}

// Pages that show previews say so (`<html data-previews>`): this script runs on every page.
if (document.documentElement.hasAttribute("data-previews")) {
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    if (popover && event.target instanceof Node && popover.contains(event.target)) return;
    const link = previewable(event.target);
    if (link) schedule(link);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "mouse" || !active || !(event.target instanceof Node)) return;
    if (!active.contains(event.target)) return;
    const to = event.relatedTarget;
    if (to instanceof Node && (active.contains(to) || popover?.contains(to))) return;
    scheduleHide();
  });

  // Touch: a tap navigates; nothing pending may pop up on the way.
  document.addEventListener("pointerdown", (event) => {
    if (event.pointerType !== "mouse" || !(event.target instanceof Node) || !popover?.contains(event.target)) hide();
  });

  document.addEventListener("focusin", (event) => {
    const link = previewable(event.target);
    if (link && link.matches(":focus-visible")) schedule(link);
  });

  document.addEventListener("focusout", (event) => {
    if (active && event.target === active) hide();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && active) hide();
  });
}

export {};
