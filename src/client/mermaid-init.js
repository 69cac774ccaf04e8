// @ts-check
/**
 * Draws the page's Mermaid diagrams with the mermaid script shipped with the site (loaded
 * just before this one, both deferred). Each `<pre class="mermaid">` holds the diagram's
 * source; it is replaced by the drawing, in the light or dark theme the reader's system
 * uses, and redrawn when that changes. A diagram mermaid cannot draw keeps its source,
 * marked, with the reason: never an empty box.
 */

/**
 * @typedef {{
 *   initialize(config: Record<string, unknown>): void,
 *   render(id: string, text: string): Promise<{ svg: string, bindFunctions?: (element: Element) => void }>,
 * }} Mermaid
 */

const mermaid = /** @type {Mermaid | undefined} */ (Reflect.get(window, "mermaid"));
const scheme = window.matchMedia("(prefers-color-scheme: dark)");
const diagrams = [...document.querySelectorAll("pre.mermaid")].map((element) => ({
  element,
  source: element.textContent ?? "",
}));
let drawings = 0;

async function drawAll() {
  if (!mermaid) {
    for (const diagram of diagrams) showSource(diagram, "the diagram script did not load");
    return;
  }
  mermaid.initialize({
    startOnLoad: false,
    // Labels are text, never HTML; diagrams cannot run script or link out with a click.
    securityLevel: "strict",
    theme: scheme.matches ? "dark" : "default",
    // The dark theme's edge labels are too faint on their grey; a darker plate reads clearly.
    themeVariables: scheme.matches ? { edgeLabelBackground: "#2b2b28" } : {},
    // A failed diagram is reported here, not drawn as mermaid's error picture.
    suppressErrorRendering: true,
  });
  for (const diagram of diagrams) {
    try {
      const { svg, bindFunctions } = await mermaid.render(`mermaid-diagram-${drawings++}`, diagram.source);
      diagram.element.innerHTML = svg;
      diagram.element.classList.remove("mermaid-error");
      diagram.element.removeAttribute("title");
      const message = diagram.element.previousElementSibling;
      if (message?.matches(".mermaid-error-message")) message.remove();
      bindFunctions?.(diagram.element);
    } catch (error) {
      showSource(diagram, error instanceof Error ? error.message : String(error));
    }
  }
}

/**
 * @param {{ element: Element, source: string }} diagram
 * @param {string} reason
 */
function showSource(diagram, reason) {
  const { element, source } = diagram;
  element.textContent = source;
  element.classList.add("mermaid-error");
  element.setAttribute("title", `Diagram error: ${reason}`);
  let message = element.previousElementSibling;
  if (!message?.matches(".mermaid-error-message")) {
    message = document.createElement("p");
    message.className = "mermaid-error-message";
    element.before(message);
  }
  message.textContent = `This diagram could not be drawn (${summary(reason)}); its source is shown instead.`;
}

/**
 * The first line of mermaid's message (parse errors go on with a copy of the line, a caret
 * and the tokens it expected; the full message is in the title).
 * @param {string} text
 */
function summary(text) {
  return text.split("\n").map((line) => line.trim()).find(Boolean)?.replace(/:$/, "") ?? "unknown error";
}

if (diagrams.length > 0) {
  void drawAll();
  scheme.addEventListener("change", () => void drawAll());
}
