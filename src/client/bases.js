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
