// @ts-check
/**
 * Loads the diagram script (mermaid-init.js, which fetches Mermaid's 3.5 MB) only when a diagram
 * comes within a screen of the view: until then a page with diagrams carries a few hundred bytes
 * for them, and a reader who never scrolls to one downloads none of it.
 */
const base = document.documentElement.dataset.base || "/";
const diagrams = document.querySelectorAll("pre.mermaid");

if (diagrams.length > 0) {
  const load = () => void import(`${base}js/mermaid-init.js`);
  if (!("IntersectionObserver" in window)) {
    load();
  } else {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        load();
      },
      { rootMargin: "100% 0px" },
    );
    for (const diagram of diagrams) observer.observe(diagram);
  }
}

export {};
