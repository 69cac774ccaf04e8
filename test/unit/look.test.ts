/** The site's look: theme and custom-file settings, the bundled style sheet, the fallback face's metrics, quote marks, head slots. */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { fontFaces, FALLBACK_FACE, siteStylesheet, themeCss } from "../../src/render/stylesheet.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { quotesFor } from "../../src/read/markdown/quotes.ts";
import { headSlotProblems } from "../../src/emit/custom-files.ts";
import { OptionsError, resolveOptions, type TrellisUserOptions } from "../../src/core/options.ts";
import { REPO } from "../helpers/cli.ts";
import path from "node:path";

function problems(user: unknown): string {
  try {
    resolveOptions(user as TrellisUserOptions);
  } catch (error) {
    assert.ok(error instanceof OptionsError);
    return error.message;
  }
  assert.fail("the options were accepted");
}

describe("theme and custom-file settings", () => {
  it("accepts colours, font stacks and files, and keeps them", () => {
    const options = resolveOptions({ site: { theme: { text: "#222", backgroundDark: "rgb(10, 10, 10)", fontText: '"Iowan Old Style", Georgia, serif' }, custom: { css: "a.css", slots: { footer: "f.html" } } } });
    assert.equal(options.site.theme.fontText, '"Iowan Old Style", Georgia, serif');
    assert.deepEqual(options.site.custom, { css: "a.css", slots: { footer: "f.html" } });
  });

  it("lists every wrong one, each by name", () => {
    const message = problems({ site: { theme: { text: "red; }", fontUi: "x} body{color:red", colour: "#fff" }, custom: { css: 3, slots: { sidebar: "s.html", head: true } } } });
    for (const expected of [/`site\.theme\.text` "red; }" is not a colour/, /`site\.theme\.fontUi` .* is not a font stack/, /unknown setting `site\.theme\.colour`/, /`site\.custom\.css` must be a string, not a number/, /unknown setting `site\.custom\.slots\.sidebar`/, /`site\.custom\.slots\.head` must be a string/]) {
      assert.match(message, expected);
    }
  });
});

describe("the bundled style sheet", () => {
  it("holds the font faces, Trellis's styles and the theme, with the dark rules also under the reader's choice", async () => {
    const faces = await fontFaces();
    assert.ok(faces.files.some((file) => file.output === "fonts/source-serif-4-latin-wght-normal.woff2"));
    assert.ok(faces.files.some((file) => file.output === "fonts/source-serif-4-latin-ext-wght-italic.woff2"));
    const css = await siteStylesheet(path.join(REPO, "public/css"), { accent: "#aa0000", accentDark: "#ffaaaa", fontText: "Georgia, serif" }, faces.css);
    assert.match(css, /font-display:swap/);
    assert.match(css, /url\(\.\.\/fonts\/source-serif-4-latin-wght-normal\.woff2\)/);
    assert.match(css, /size-adjust:117\.91%/);
    assert.match(css, /\.site-header/);
    assert.match(css, /\.footnotes\{/);
    assert.doesNotMatch(css, /\.callout|\.hljs|\.video-embed/, "callouts, code and videos have sheets of their own");
    assert.match(css, /\[data-theme=dark\]/);
    assert.match(css, /:not\(\[data-theme=light\]\)/);
    assert.ok(css.lastIndexOf("#aa0000") > css.indexOf(".site-header"), "the theme comes after Trellis's defaults");
    assert.match(css, /--font-text: Georgia, serif/);
    assert.match(css, /a\.external:after\{content:"\\a0\\2197"/, "a no-break space ties the arrow to the word");
    assert.doesNotMatch(css, /\/\*/, "minified");
  });

  it("writes each scheme's colours for that scheme only, and the fonts for both", () => {
    const css = themeCss({ accent: "#111111", accentDark: "#eeeeee", textDark: "#dddddd", fontUi: "Inter, sans-serif" });
    assert.match(css, /^:root \{ --font-ui: Inter, sans-serif; \}/);
    assert.match(css, /@media \(prefers-color-scheme: light\) \{ :root:not\(\[data-theme="dark"\]\) \{ --accent: #111111; \} \}/);
    assert.match(css, /:root\[data-theme="light"\] \{ --accent: #111111; \}/);
    assert.match(css, /@media \(prefers-color-scheme: dark\) \{ :root \{ --accent: #eeeeee; --fg: #dddddd; \} \}/);
    assert.equal(themeCss({}).trim(), "");
  });

  it("scales the fallback face to Source Serif 4's metrics, as @capsizecss/metrics gives them", () => {
    const require = createRequire(import.meta.url);
    type Metrics = { ascent: number; descent: number; lineGap: number; unitsPerEm: number; xWidthAvg: number };
    const serif = require("@capsizecss/metrics/sourceSerif4") as Metrics;
    const times = require("@capsizecss/metrics/timesNewRoman") as Metrics;
    const sizeAdjust = serif.xWidthAvg / serif.unitsPerEm / (times.xWidthAvg / times.unitsPerEm);
    const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
    assert.match(FALLBACK_FACE, new RegExp(`size-adjust: ${percent(sizeAdjust)};`));
    assert.match(FALLBACK_FACE, new RegExp(`ascent-override: ${percent(serif.ascent / serif.unitsPerEm / sizeAdjust)};`));
    assert.match(FALLBACK_FACE, new RegExp(`descent-override: ${percent(Math.abs(serif.descent) / serif.unitsPerEm / sizeAdjust)};`));
    assert.match(FALLBACK_FACE, new RegExp(`line-gap-override: ${(serif.lineGap / serif.unitsPerEm / sizeAdjust) * 100}%;`));
  });
});

describe("smart quotes", () => {
  it("are the site's language's", () => {
    assert.equal(createMarkdown({ typographer: "en" }).render(`"Hi," she said -- 'really'...`), "<p>“Hi,” she said -- ‘really’...</p>\n");
    // The typographer's replacements are off: what the author wrote reaches the page.
    for (const text of ["Pick (a), (b) or (c).", "(tm) (r) (TM) +- and 1 -- 2", "Wow!!!!! Huh???? Well,,, then... and ?...", "A -- B --- C"]) {
      assert.equal(createMarkdown({ typographer: "en" }).render(text), `<p>${text}</p>\n`, text);
    }
    assert.equal(createMarkdown({ typographer: "de-CH" }).renderInline(`"Grüezi"`), "«Grüezi»");
    assert.equal(createMarkdown({ typographer: "de" }).renderInline(`"Hallo"`), "„Hallo“");
    assert.equal(createMarkdown({ typographer: "fr" }).renderInline(`"Salut"`), "«\u00a0Salut\u00a0»");
    assert.equal(createMarkdown({ typographer: "pt-BR" }).renderInline(`"Oi"`), "“Oi”");
    assert.equal(quotesFor("ru-RU"), "«»„“", "a region falls back to its language");
    assert.equal(quotesFor("haw"), "“”‘’", "a language without its own falls back to English's");
  });

  it("leave code and markup as written, and are off without a language", () => {
    assert.equal(createMarkdown({ typographer: "en" }).renderInline('`"x"` <span title="a">"b"</span>'), '<code>&quot;x&quot;</code> <span title="a">“b”</span>');
    assert.equal(createMarkdown().renderInline(`"plain" -- ...`), "&quot;plain&quot; -- ...");
  });
});

describe("the head slot", () => {
  it("may hold meta, link and style, and nothing that could change the page's policy or run script", () => {
    assert.deepEqual(headSlotProblems('<meta name="author" content="Me">\n<link rel="me" href="https://social.example/@me">\n<style>body{}</style>'), []);
    const found = headSlotProblems('<script>alert(1)</script><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://x.example"><link rel="stylesheet" href="a.css" onload="x()">');
    assert.equal(found.length, 4, found.join("\n"));
    assert.match(found[0] ?? "", /<script> is not allowed .*site\.custom\.js/);
    assert.match(found[1] ?? "", /<base>/);
    assert.match(found[2] ?? "", /<meta http-equiv>/);
    assert.match(found[3] ?? "", /<link onload>/);
  });
});
