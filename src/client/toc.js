// @ts-check
/**
 * The table of contents marks the section being read (aria-current) as the reader scrolls:
 * the last heading that has passed the top of the viewport, or the first one before any has.
 */
const toc = document.querySelector(".toc");
/** @type {HTMLAnchorElement[]} */
const links = toc ? [...toc.querySelectorAll("a[href^='#']")].filter((link) => link instanceof HTMLAnchorElement) : [];
const headings = links.map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))));

if (toc instanceof HTMLElement && "IntersectionObserver" in window && headings.every(Boolean)) {
  /** Headings reached: at or above the reading line, by their index in the list. @type {Set<number>} */
  const passed = new Set();
  const mark = () => {
    const current = passed.size === 0 ? 0 : Math.max(...passed);
    links.forEach((link, i) => {
      if (i === current) link.setAttribute("aria-current", "location");
      else link.removeAttribute("aria-current");
    });
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const i = headings.indexOf(/** @type {HTMLElement} */ (entry.target));
        // In the band at the top of the viewport, or gone above it: the reader has reached it.
        if (entry.isIntersecting || entry.boundingClientRect.top < (entry.rootBounds?.top ?? 0)) passed.add(i);
        else passed.delete(i);
      }
      mark();
    },
    // The reading line: a fifth of the way down the viewport.
    { rootMargin: "0px 0px -80% 0px" },
  );
  for (const heading of headings) if (heading) observer.observe(heading);
  toc.dataset.tocReady = "";
}
