/**
 * Raw HTML in a callout's title, in headless Chromium: whatever element a title opens and leaves
 * open, it ends with the title. The callout's body, the text after the callout and the page's
 * own furniture (share, graph, footer) stay where the page puts them.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

/** Tags a title may open and not close: table parts, lists, blocks, inline elements, forms, media. */
const TAGS = ["table", "tr", "td", "thead", "ul", "ol", "li", "dl", "dt", "div", "p", "blockquote", "pre", "details", "summary", "section", "h2", "b", "i", "a href=\"https://example.org\"", "span", "code", "sup", "figure", "figcaption", "select", "textarea", "math", "svg"];

let server: StaticServer;
let browser: Browser;

before(async () => {
  const root = await tempDir("callout-titles");
  const vault = path.join(root, "vault");
  await mkdir(vault, { recursive: true });
  for (const [i, tag] of TAGS.entries()) {
    await writeFile(path.join(vault, `Title ${i}.md`), `---\npublish: true\n---\n> [!note] Before <${tag}> inside\n> The callout's body.\n\nAfter.\n`);
  }
  const out = path.join(root, "site");
  const result = await runTrellis(["build", vault, "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(root, "cache") } });
  assert.equal(result.code, 0, result.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe("raw HTML in a callout's title", () => {
  it("ends with the title, for every element it opens", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const escaped: string[] = [];
      for (const [i, tag] of TAGS.entries()) {
        await page.goto(`${server.url}/title-${i}/`, { waitUntil: "load" });
        const where = await page.evaluate(() => {
          const callout = document.querySelector(".callout");
          const title = callout?.querySelector(".callout-title");
          const body = callout?.querySelector(".callout-content");
          const after = [...document.querySelectorAll("p")].find((p) => p.textContent?.trim() === "After.");
          const footer = document.querySelector("footer");
          const article = document.querySelector("main article, article");
          return {
            calloutHasBody: Boolean(body && callout?.contains(body)),
            titleHoldsBody: Boolean(body && title?.contains(body)),
            afterOutside: Boolean(after && callout && !callout.contains(after)),
            footerOutsideArticle: Boolean(footer && article && !article.contains(footer)),
            footerOutsideCallout: Boolean(footer && callout && !callout.contains(footer)),
          };
        });
        const ok = where.calloutHasBody && !where.titleHoldsBody && where.afterOutside && where.footerOutsideArticle && where.footerOutsideCallout;
        if (!ok) escaped.push(`<${tag}>: ${JSON.stringify(where)}`);
      }
      assert.deepEqual(escaped, []);
    } finally {
      await context.close();
    }
  });
});
