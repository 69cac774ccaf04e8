// @ts-check
/**
 * Styles of what only shows after the reader acts (a link preview, a graph) live in sheets of
 * their own, loaded on first use: every page carries less. The path is relative to the site
 * root, under its base (`<html data-base>`).
 */

/** @type {Map<string, Promise<void>>} */
const loading = new Map();

/** Links the style sheet once; resolves when it has applied (or failed: the content shows unstyled rather than never). */
export function loadStylesheet(/** @type {string} */ file) {
  let entry = loading.get(file);
  if (!entry) {
    const base = (document.documentElement.dataset.base ?? "/").replace(/\/+$/, "");
    const href = `${base}/${file.replace(/^\/+/, "")}`;
    entry = new Promise((resolve) => {
      const present = [...document.querySelectorAll('link[rel="stylesheet"]')].find((link) => link.getAttribute("href") === href);
      if (present instanceof HTMLLinkElement && present.sheet) return resolve();
      const link = present instanceof HTMLLinkElement ? present : Object.assign(document.createElement("link"), { rel: "stylesheet", href });
      link.addEventListener("load", () => resolve(), { once: true });
      link.addEventListener("error", () => resolve(), { once: true });
      if (!present) document.head.append(link);
    });
    loading.set(file, entry);
  }
  return entry;
}
