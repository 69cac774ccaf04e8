// @ts-check
/**
 * Site search. Nothing is loaded until the reader opens search (the header button, "/" or
 * Ctrl/⌘-K); then the search box (search-ui.js), Pagefind and the index are fetched from the
 * site itself.
 */
import { text } from "./strings.js";

const dialog = document.getElementById("search-dialog");
const ui = document.getElementById("search-ui");

function openSearch() {
  if (!(dialog instanceof HTMLDialogElement) || dialog.open) return;
  dialog.showModal();
  const input = document.getElementById("search-input");
  if (input) {
    input.focus();
    return;
  }
  import("./search-ui.js")
    .then(async ({ loadPagefind, startSearch }) => startSearch(await loadPagefind()))
    .catch(() => {
      if (ui) ui.textContent = text("searchUnavailable", "Search is not available on this copy of the site.");
    });
}

// The buttons are hidden until this script can make them work.
for (const button of document.querySelectorAll("[data-search-open]")) {
  button.addEventListener("click", openSearch);
  if (button instanceof HTMLElement) button.hidden = false;
}

// Only where the page has search: this script runs on every page, and "/" must stay typeable.
if (dialog instanceof HTMLDialogElement) {
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
}

// A click on the backdrop (outside the dialog's box) closes it.
dialog?.addEventListener("click", (event) => {
  if (event.target === dialog) /** @type {HTMLDialogElement} */ (dialog).close();
});
