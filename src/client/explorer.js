// @ts-check
/**
 * The note explorer: a folder tree of the whole garden, read from one shared JSON file per
 * folder (the root's is `data-explorer-src`, each other /explorer/<id>.json), so neither a
 * page's HTML nor what it loads grows with the garden. Folders are native <details> (a folder's
 * own note, when it has one, is the first entry of its list); the folders leading to the current
 * page (`data-open`, their ids) open, the reader's own choices are remembered for the browsing
 * session, and a folder's file is fetched when it first shows open. On narrow screens the sidebar that holds the explorer
 * is hidden behind the header's "Notes" button.
 *
 * Hooks (see garden.css):
 *   <button type="button" class="explorer-toggle" aria-expanded="false" aria-controls="garden-sidebar" hidden>Notes</button>
 *   <div class="garden__sidebar" id="garden-sidebar">
 *     <nav class="explorer" aria-label="Notes" data-explorer-src="/explorer.json" data-current="/notes/x/" data-open="ID ID"></nav>
 *   </div>
 */
import { text } from "./strings.js";

/**
 * @typedef {{ title: string, url: string, pinned?: boolean, icon?: string }} NoteEntry
 * @typedef {{ name: string, id: string, url?: string, icon?: string }} FolderEntry
 * @typedef {{ folders: FolderEntry[], notes: NoteEntry[] }} FolderFile
 */

/** Per site: sites under different sub-paths of one host share the session storage. */
const STORAGE_KEY = `trellis:explorer:${document.documentElement.dataset.base ?? "/"}`;

/** Root-relative site path → path under the site's base ("/repo/" + "/notes/x/" → "/repo/notes/x/"). */
function withBase(/** @type {string} */ url) {
  const base = (document.documentElement.dataset.base ?? "/").replace(/\/+$/, "");
  return base + (url.startsWith("/") ? url : `/${url}`);
}

/** A folder's file: the root's, or one folder's (/explorer/<id>.json), each fetched once. */
const files = new Map();
function folderFile(/** @type {string} */ src) {
  let file = files.get(src);
  if (!file) {
    file = fetch(withBase(src)).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    files.set(src, file);
  }
  return /** @type {Promise<FolderFile>} */ (file);
}

/** @returns {Record<string, boolean>} */
function readStates() {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/** @param {Record<string, boolean>} states */
function writeStates(states) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(states));
  } catch {
    // Storage is full or switched off: the tree still works, it just forgets.
  }
}

/**
 * @param {string} url
 * @param {string} text
 * @param {string} current
 */
function link(url, text, current) {
  const a = document.createElement("a");
  a.href = withBase(url);
  a.textContent = text;
  if (url === current) a.setAttribute("aria-current", "page");
  return a;
}

/**
 * What a page shows of the tree: the page it is, the folders it opens (those on the way to it,
 * by id) and the reader's own choices.
 * @typedef {{ current: string, open: Set<string>, states: Record<string, boolean> }} View
 */

/**
 * Renders a folder's contents; the folders that show open are loaded first (their files at
 * once), the others when the reader opens them.
 * @param {FolderFile} folder
 * @param {string} path
 * @param {View} view
 * @param {boolean} [openTop] top-level folders open unless the reader closed them
 * @returns {Promise<HTMLUListElement>}
 */
async function renderFolder(folder, path, view, openTop = false) {
  const list = document.createElement("ul");
  list.className = "explorer__list";
  const folders = await Promise.all(
    (folder.folders ?? []).map(async (child) => {
      const childPath = `${path}/${child.name}`;
      const src = `/explorer/${child.id}.json`;
      const open = view.open.has(child.id) || child.url === view.current || (view.states[childPath] ?? (openTop && path === ""));
      const details = document.createElement("details");
      details.className = "explorer__folder";
      details.dataset.path = childPath;
      const summary = document.createElement("summary");
      summary.textContent = child.name;
      /** The folder's list: its own note (when it has one) first, then what its file holds. */
      const fill = async () => {
        const inner = await renderFolder(await folderFile(src), childPath, view);
        if (child.url) {
          // The folder note opens the folder's list. (A link inside the <summary> would be a
          // control nested in a control, which screen readers and keyboards cannot use reliably.)
          const item = document.createElement("li");
          item.className = "explorer__note explorer__folder-note";
          const folderLink = link(child.url, child.name, view.current);
          if (child.icon) folderLink.dataset.noteIcon = child.icon;
          item.append(folderLink);
          inner.prepend(item);
        }
        return inner;
      };
      if (open) {
        details.open = true;
        details.append(summary, await fill());
      } else {
        details.append(summary);
        details.addEventListener("toggle", function load() {
          if (!details.open) return;
          details.removeEventListener("toggle", load);
          fill().then(
            (inner) => details.append(inner),
            () => details.append(failure()),
          );
        });
      }
      const item = document.createElement("li");
      item.append(details);
      return item;
    }),
  );
  list.append(...folders);
  for (const note of folder.notes ?? []) {
    const item = document.createElement("li");
    item.className = note.pinned ? "explorer__note explorer__note--pinned" : "explorer__note";
    const a = link(note.url, note.title, view.current);
    if (note.icon) a.dataset.noteIcon = note.icon;
    if (note.pinned) {
      const pin = document.createElement("span");
      pin.className = "explorer__pin";
      pin.textContent = "Pinned";
      a.append(pin);
    }
    item.append(a);
    list.append(item);
  }
  return list;
}

/** The message shown where a list could not be loaded. */
function failure() {
  const message = document.createElement("p");
  message.className = "explorer__message";
  message.textContent = text("explorerError", "The list of notes could not be loaded.");
  return message;
}

/** @param {HTMLElement} nav */
async function loadExplorer(nav) {
  const view = { current: nav.dataset.current ?? "", open: new Set((nav.dataset.open ?? "").split(" ").filter(Boolean)), states: readStates() };
  try {
    const root = await folderFile(nav.dataset.explorerSrc ?? "/explorer.json");
    // A garden whose notes are all in one folder shows it open: one closed folder is an empty sidebar.
    const lone = (root.folders ?? []).length === 1 && (root.notes ?? []).length === 0;
    nav.replaceChildren(await renderFolder(root, "", view, lone));
    nav.dataset.state = "ready";

    // Remember what the reader opens and closes: a click on a summary toggles its folder
    // (keyboard activation is a click too).
    nav.addEventListener("click", (event) => {
      const summary = event.target instanceof Element ? event.target.closest("summary") : null;
      if (!summary) return;
      const details = summary.parentElement;
      if (!(details instanceof HTMLDetailsElement) || !details.dataset.path) return;
      const next = readStates();
      next[details.dataset.path] = !details.open;
      writeStates(next);
    });

    // Bring the current page into view inside the sidebar, without scrolling the page.
    const here = nav.querySelector('[aria-current="page"]');
    const scroller = nav.closest(".garden__sidebar");
    if (here && scroller && scroller.scrollHeight > scroller.clientHeight) {
      const offset = here.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      if (offset > scroller.clientHeight * 0.6) scroller.scrollTop += offset - scroller.clientHeight / 3;
    }
  } catch {
    nav.replaceChildren(failure());
    nav.dataset.state = "error";
  }
}

/** The header's "Notes" button shows and hides the sidebar on narrow screens. */
function setUpToggle(/** @type {HTMLElement} */ nav) {
  const sidebar = nav.closest(".garden__sidebar");
  if (!(sidebar instanceof HTMLElement)) return;
  if (!sidebar.id) sidebar.id = "garden-sidebar";
  const found = document.querySelector(`.explorer-toggle[aria-controls="${CSS.escape(sidebar.id)}"]`);
  let toggle;
  if (found instanceof HTMLButtonElement) {
    toggle = found;
  } else {
    toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "explorer-toggle";
    toggle.textContent = text("notes", "Notes");
    toggle.setAttribute("aria-controls", sidebar.id);
    const header = document.querySelector(".site-header__inner") ?? document.querySelector(".site-header");
    if (header) header.append(toggle);
    else sidebar.before(toggle);
  }
  /** @param {boolean} open */
  const set = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    sidebar.toggleAttribute("data-open", open);
  };
  set(false);
  toggle.hidden = false;
  toggle.addEventListener("click", () => set(toggle.getAttribute("aria-expanded") !== "true"));
  sidebar.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
    if (getComputedStyle(toggle).display === "none") return; // wide screen: nothing to close
    set(false);
    toggle.focus();
  });
}

for (const nav of document.querySelectorAll("nav.explorer[data-explorer-src]")) {
  if (!(nav instanceof HTMLElement)) continue;
  setUpToggle(nav);
  void loadExplorer(nav);
}

export {};
