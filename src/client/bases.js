// @ts-check
/**
 * A base's table sorts by a column when its heading is pressed (again: the other way), within
 * each group; the rows are the build's, in the base's own order, until then. Without this script
 * the table reads as it was built.
 */

const ORDER = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

/** A cell's value to sort by: its date, its number, or its text. */
function sortKey(/** @type {HTMLTableCellElement | undefined} */ cell) {
  const time = cell?.querySelector("time")?.getAttribute("datetime");
  if (time) return { number: Date.parse(time), text: time };
  const checkbox = cell?.querySelector("input[type=checkbox]");
  if (checkbox instanceof HTMLInputElement) return { number: checkbox.checked ? 1 : 0, text: "" };
  const text = cell?.textContent?.trim() ?? "";
  const number = text === "" ? Number.NaN : Number(text.replace(/[\s,]/g, ""));
  return { number, text };
}

function compare(/** @type {{ number: number, text: string }} */ a, /** @type {{ number: number, text: string }} */ b) {
  // Empty cells last, whichever way the column sorts.
  if (a.text === "" && b.text !== "") return 1;
  if (b.text === "" && a.text !== "") return -1;
  if (!Number.isNaN(a.number) && !Number.isNaN(b.number)) return a.number - b.number;
  return ORDER.compare(a.text, b.text);
}

function sortable(/** @type {HTMLTableElement} */ table) {
  const headings = [...table.querySelectorAll("thead th")];
  headings.forEach((heading, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "base__sort";
    button.append(...heading.childNodes);
    heading.append(button);
    button.addEventListener("click", () => {
      const descending = heading.getAttribute("aria-sort") === "ascending";
      for (const other of headings) other.removeAttribute("aria-sort");
      heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
      for (const body of table.tBodies) {
        const rows = [...body.rows].filter((row) => !row.classList.contains("base__group"));
        rows.sort((a, b) => {
          const order = compare(sortKey(a.cells[column]), sortKey(b.cells[column]));
          const empty = sortKey(a.cells[column]).text === "" || sortKey(b.cells[column]).text === "";
          return descending && !empty ? -order : order;
        });
        body.append(...rows);
      }
    });
  });
}

for (const table of document.querySelectorAll("table[data-base-sortable]")) {
  if (table instanceof HTMLTableElement) sortable(table);
}

/**
 * A base's own page: its views become tabs, one shown at a time (the one the address names, else
 * the first). Without this script every view shows, one after another, with links to each.
 */
function tabs(/** @type {HTMLElement} */ nav) {
  const links = [...nav.querySelectorAll("a[href^='#']")];
  const panels = links.map((link) => document.getElementById(decodeURIComponent(link.getAttribute("href")?.slice(1) ?? "")));
  if (links.length < 2 || panels.some((panel) => !panel)) return;
  const list = document.createElement("div");
  list.className = "base-page__tabs";
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", nav.getAttribute("aria-label") ?? "");
  const buttons = links.map((link, i) => {
    const panel = /** @type {HTMLElement} */ (panels[i]);
    const button = document.createElement("button");
    button.type = "button";
    button.id = `${panel.id}-tab`;
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", panel.id);
    button.textContent = link.textContent;
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", button.id);
    panel.tabIndex = 0;
    return button;
  });
  const select = (/** @type {number} */ chosen, focus = false) => {
    buttons.forEach((button, i) => {
      const selected = i === chosen;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      /** @type {HTMLElement} */ (panels[i]).hidden = !selected;
    });
    if (focus) buttons[chosen]?.focus();
  };
  buttons.forEach((button, i) => {
    button.addEventListener("click", () => {
      select(i);
      history.replaceState(null, "", `#${panels[i]?.id}`);
    });
    button.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      select((i + step + buttons.length) % buttons.length, true);
    });
  });
  list.append(...buttons);
  nav.replaceWith(list);
  const named = panels.findIndex((panel) => `#${panel?.id}` === location.hash);
  select(named === -1 ? 0 : named);
}

const views = document.querySelector(".base-page__views");
if (views instanceof HTMLElement) tabs(views);
