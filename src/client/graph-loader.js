// @ts-check
/**
 * Loads the graph script only when a reader opens a note's local graph, so article pages
 * carry a few hundred bytes instead of the graph's code.
 */
const base = document.documentElement.dataset.base || "/";

for (const details of document.querySelectorAll("details.local-graph")) {
  if (!(details instanceof HTMLDetailsElement)) continue;
  const load = () => {
    if (!details.open) return;
    details.removeEventListener("toggle", load);
    void import(`${base}js/graph.js`);
  };
  details.addEventListener("toggle", load);
  load();
}

export {};
