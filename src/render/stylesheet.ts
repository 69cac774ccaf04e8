/**
 * The one style sheet every page loads: the text face's @font-face rules, Trellis's three
 * style sheets and the site's theme, in that order, with the dark scheme's rules copied to
 * `[data-theme="dark"]` (and kept for the system's choice unless the reader chose
 * `[data-theme="light"]`, see src/client/theme.js), minified. One request instead of three
 * render-blocking ones.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { transform } from "esbuild";
import postcss from "postcss";
import darkThemeClass from "postcss-dark-theme-class";
import type { Theme } from "../core/options.ts";

/** Where the bundle is in the site. */
export const STYLESHEET = "/css/site.css";

/** Trellis's own style sheets in public/css, in the order they cascade. */
const PARTS = ["trellis.css", "garden.css", "markdown.css"];

/** The variable text face: upright and italic, weights 200 to 900. */
const FONT_PACKAGE = "@fontsource-variable/source-serif-4";
const FONT_STYLES = ["wght.css", "wght-italic.css"];

export interface SiteFile {
  /** Absolute path of the file to copy. */
  source: string;
  /** Its path in the site, without a leading slash. */
  output: string;
}

/**
 * The text face's @font-face rules, pointing into /fonts/, and the files they name. Every
 * subset the package has is shipped: each rule has a `unicode-range`, so a browser fetches
 * only the subsets a page's text uses (latin for English, cyrillic for Russian…). Found by
 * Node's module resolution, wherever npm installed the package.
 */
export async function fontFaces(): Promise<{ css: string; files: SiteFile[] }> {
  const require = createRequire(import.meta.url);
  const files: SiteFile[] = [];
  const sheets = await Promise.all(
    FONT_STYLES.map(async (style) => {
      const sheet = require.resolve(`${FONT_PACKAGE}/${style}`);
      const css = await readFile(sheet, "utf8");
      return css.replace(/url\(\.\/files\/([\w.-]+\.woff2)\)/g, (_, file: string) => {
        files.push({ source: path.join(path.dirname(sheet), "files", file), output: `fonts/${file}` });
        // Relative to /css/site.css, so it holds under a path prefix.
        return `url(../fonts/${file})`;
      });
    }),
  );
  if (files.length === 0) throw new Error(`Trellis: ${FONT_PACKAGE} names no font files; is it installed in a version Trellis knows (5.x)?`);
  return { css: sheets.join("\n"), files };
}

/**
 * Times New Roman (Liberation Serif and Tinos share its metrics) scaled to Source Serif 4's
 * average width, ascent and descent, so that text shown before the face arrives takes the
 * room it will take: no layout shift on swap. The numbers come from @capsizecss/metrics
 * (size-adjust = 0.479 / (832 / 2048); the overrides are Source Serif 4's divided by it);
 * test/unit/stylesheet.test.ts recomputes them.
 */
export const FALLBACK_FACE = `@font-face {
  font-family: "Source Serif 4 Fallback";
  src: local("Times New Roman"), local("TimesNewRomanPSMT"), local("Liberation Serif"), local("Tinos");
  size-adjust: 117.91%;
  ascent-override: 87.87%;
  descent-override: 28.41%;
  line-gap-override: 0%;
}`;

/**
 * The theme's colours and fonts as custom properties over Trellis's defaults. A light colour
 * holds in the light scheme only (the system's, unless the reader chose dark, or the reader's
 * choice of light), a dark one in the dark scheme only: a site that sets only `background`
 * keeps Trellis's dark background at night.
 */
export function themeCss(theme: Theme): string {
  const light: string[] = [];
  const dark: string[] = [];
  const fonts: string[] = [];
  if (theme.accent) light.push(`--accent: ${theme.accent};`);
  if (theme.text) light.push(`--fg: ${theme.text};`);
  if (theme.background) light.push(`--bg: ${theme.background};`);
  if (theme.accentDark) dark.push(`--accent: ${theme.accentDark};`);
  if (theme.textDark) dark.push(`--fg: ${theme.textDark};`);
  if (theme.backgroundDark) dark.push(`--bg: ${theme.backgroundDark};`);
  if (theme.fontText) fonts.push(`--font-text: ${theme.fontText};`);
  if (theme.fontUi) fonts.push(`--font-ui: ${theme.fontUi};`);
  const rules: string[] = [];
  if (fonts.length) rules.push(`:root { ${fonts.join(" ")} }`);
  if (light.length) rules.push(`@media (prefers-color-scheme: light) { :root:not([data-theme="dark"]) { ${light.join(" ")} } }`, `:root[data-theme="light"] { ${light.join(" ")} }`);
  // Copied to [data-theme="dark"] by siteStylesheet.
  if (dark.length) rules.push(`@media (prefers-color-scheme: dark) { :root { ${dark.join(" ")} } }`);
  return rules.join("\n");
}

/** The bundle's text, from Trellis's style sheets in `cssDir` and the site's theme. */
export async function siteStylesheet(cssDir: string, theme: Theme, faces: string): Promise<string> {
  const parts = await Promise.all(PARTS.map((file) => readFile(path.join(cssDir, file), "utf8")));
  return finishStylesheet([faces, FALLBACK_FACE, ...parts, themeCss(theme)].join("\n"));
}

/**
 * Styles of what only some notes show (callouts, code, videos), in sheets of their own that a
 * page links only when it shows one (`PageFeatures`), and of what shows only once the reader
 * acts (search, a graph, a link preview: the scripts load those): most pages need none of them,
 * and every page has a weight budget. Keyed by their file in the site.
 */
export const FEATURE_STYLESHEETS = { callouts: "css/features/callouts.css", code: "css/features/code.css", videos: "css/features/video.css", bases: "css/features/bases.css", search: "css/features/search.css", canvas: "css/features/canvas.css", graph: "css/features/graph.css", previews: "css/features/preview.css" } as const;

export async function featureStylesheets(cssDir: string): Promise<Array<{ output: string; text: string }>> {
  return Promise.all(
    Object.values(FEATURE_STYLESHEETS).map(async (output) => ({ output, text: await finishStylesheet(await readFile(path.join(cssDir, output.slice("css/".length)), "utf8")) })),
  );
}

/** The dark scheme's rules copied to the reader's choice, then minified. */
async function finishStylesheet(source: string): Promise<string> {
  const schemes = await postcss([darkThemeClass({ darkSelector: '[data-theme="dark"]', lightSelector: '[data-theme="light"]' })]).process(source, { from: undefined });
  const result = await transform(schemes.css, { loader: "css", minify: true, target: "chrome100", legalComments: "none" });
  return result.code;
}
