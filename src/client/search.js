// @ts-check
/**
 * Site search with Pagefind. Nothing is loaded until the reader opens search (the header
 * button, "/" or Ctrl/⌘-K); then Pagefind's UI and the index are fetched from the site itself.
 */
import { text } from "./strings.js";

const base = document.documentElement.dataset.base || "/";
const dialog = document.getElementById("search-dialog");

/** @type {Promise<void> | undefined} */
let loading;

function loadSearch() {
  loading ??= new Promise((resolve, reject) => {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${base}pagefind/pagefind-ui.css`;
    document.head.append(style);
    const script = document.createElement("script");
    script.src = `${base}pagefind/pagefind-ui.js`;
    script.onload = () => {
      const PagefindUI = /** @type {any} */ (window).PagefindUI;
      new PagefindUI({ element: "#search-ui", baseUrl: base, bundlePath: `${base}pagefind/`, showSubResults: true, showImages: false, autofocus: true });
      resolve();
    };
    script.onerror = () => reject(new Error("search is not available"));
    document.head.append(script);
  });
  return loading;
}

function openSearch() {
  if (!(dialog instanceof HTMLDialogElement) || dialog.open) return;
  dialog.showModal();
  loadSearch()
    .then(() => /** @type {HTMLInputElement | null} */ (dialog.querySelector("input[type=text], input[type=search]"))?.focus())
    .catch(() => {
      const ui = document.getElementById("search-ui");
      if (ui) ui.textContent = text("searchUnavailable", "Search is not available on this copy of the site.");
    });
}

// The buttons are hidden until this script can make them work.
for (const button of document.querySelectorAll("[data-search-open]")) {
  button.addEventListener("click", openSearch);
  if (button instanceof HTMLElement) button.hidden = false;
}

document.addEventListener("keydown", (event) => {
  const target = /** @type {HTMLElement | null} */ (event.target);
  const typing = target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
  if ((event.key === "k" || event.key === "K") && (event.metaKey || event.ctrlKey)) {
    event.preventDefault();
    openSearch();
  } else if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
    event.preventDefault();
    openSearch();
  }
});

// A click on the backdrop (outside the dialog's box) closes it.
dialog?.addEventListener("click", (event) => {
  if (event.target === dialog) /** @type {HTMLDialogElement} */ (dialog).close();
});
