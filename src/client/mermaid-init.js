// @ts-check
/**
 * Draws the page's Mermaid diagrams with the mermaid script shipped with the site, a module
 * loaded by the page script when a diagram comes near (diagram-loader.js). Each `<pre class="mermaid">`
 * holds the diagram's source; it is replaced by the drawing, in the site's colours (Mermaid's
 * `base` theme with its variables read from the page's custom properties, so a site's theme
 * reaches diagrams too) for the scheme the page shows, and redrawn when that changes. A
 * diagram mermaid cannot draw keeps its source, marked, with the reason: never an empty box.
 */

/**
 * @typedef {{
 *   initialize(config: Record<string, unknown>): void,
 *   render(id: string, text: string): Promise<{ svg: string, bindFunctions?: (element: Element) => void }>,
 * }} Mermaid
 */

// Mermaid's file, beside this module wherever the site is served from (a sub-path too): a
// classic script that sets window.mermaid.
const MERMAID_URL = new URL("mermaid.min.js", import.meta.url).href;
const scheme = window.matchMedia("(prefers-color-scheme: dark)");
const diagrams = [...document.querySelectorAll("pre.mermaid")].map((element) => ({
  element,
  source: element.textContent ?? "",
}));
let drawings = 0;
/** @type {Promise<Mermaid | undefined> | undefined} */
let loading;

/** Loads the mermaid script once; undefined if it cannot load. */
function loadMermaid() {
  loading ??= new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = MERMAID_URL;
    script.onload = () => resolve(/** @type {Mermaid | undefined} */ (Reflect.get(window, "mermaid")));
    script.onerror = () => resolve(undefined);
    document.head.append(script);
  });
  return loading;
}

async function drawAll() {
  const mermaid = await loadMermaid();
  if (!mermaid) {
    for (const diagram of diagrams) showSource(diagram, "the diagram script did not load");
    return;
  }
  mermaid.initialize({
    startOnLoad: false,
    // Labels are text, never HTML; diagrams cannot run script or link out with a click.
    securityLevel: "strict",
    theme: "base",
    themeVariables: siteColours(),
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

/** The page's colours as the scheme shown sets them (trellis.css), for Mermaid's `base` theme. */
function siteColours() {
  const style = getComputedStyle(document.documentElement);
  // Mermaid's theme works in hex: a canvas writes any CSS colour back as #rrggbb.
  const context = document.createElement("canvas").getContext("2d");
  /** @param {string} name @param {string} fallback */
  const read = (name, fallback) => {
    const value = style.getPropertyValue(name).trim() || fallback;
    if (!context || name.startsWith("--font")) return value;
    context.fillStyle = fallback;
    context.fillStyle = value;
    return String(context.fillStyle);
  };
  const bg = read("--bg", "#fcfcfa");
  const fg = read("--fg", "#1d1d1b");
  const surface = read("--surface", "#f1f1ec");
  const border = read("--border", "#dcdcd6");
  const accent = read("--accent", "#1f5fa8");
  const muted = read("--muted", "#5b5b57");
  return {
    darkMode: isDark(),
    background: bg,
    fontFamily: read("--font-ui", "sans-serif"),
    primaryColor: surface,
    primaryTextColor: fg,
    primaryBorderColor: accent,
    secondaryColor: bg,
    secondaryTextColor: fg,
    secondaryBorderColor: border,
    tertiaryColor: surface,
    tertiaryTextColor: fg,
    tertiaryBorderColor: border,
    lineColor: muted,
    textColor: fg,
    mainBkg: surface,
    nodeBorder: accent,
    clusterBkg: bg,
    clusterBorder: border,
    edgeLabelBackground: bg,
    titleColor: fg,
    noteBkgColor: surface,
    noteTextColor: fg,
    noteBorderColor: border,
    actorBkg: surface,
    actorBorder: accent,
    actorTextColor: fg,
    signalColor: fg,
    signalTextColor: fg,
  };
}

/** Whether the page shows its dark scheme: the reader's choice, else the system's. */
function isDark() {
  const chosen = document.documentElement.dataset["theme"];
  return chosen ? chosen === "dark" : scheme.matches;
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
  const redraw = () => void drawAll();
  scheme.addEventListener("change", redraw);
  document.addEventListener("trellis:schemechange", redraw);
}

export {};
