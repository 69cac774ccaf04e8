/** Search in Chromium: Pagefind's index of the sample garden, at the root and under a sub-path. */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

let browser: Browser;
const servers: StaticServer[] = [];

async function buildAndServe(prefix: string): Promise<StaticServer> {
  const out = path.join(await tempDir("search"), "site");
  const args = ["build", "content", "--out", out, ...(prefix === "/" ? [] : ["--path-prefix", prefix])];
  const result = await runTrellis(args);
  assert.equal(result.code, 0, result.stderr);
  const server = await serveFolder(out, prefix);
  servers.push(server);
  return server;
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

/** Opens search with a key press and types a query; returns the result links' texts and hrefs. */
async function search(page: Page, query: string, key = "/"): Promise<Array<{ title: string; href: string }>> {
  await page.locator("body").press(key);
  const input = page.locator(".pagefind-ui__search-input");
  await input.waitFor({ state: "visible" });
  await input.fill(query);
  // Top-level results only; sub-results (headings within a page) are nested under them.
  const results = page.locator(".pagefind-ui__result-title > .pagefind-ui__result-link");
  try {
    await results.first().waitFor({ state: "visible", timeout: 5000 });
  } catch {
    return [];
  }
  return results.evaluateAll((links) => links.map((a) => ({ title: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
}

for (const prefix of ["/", "/repo/"]) {
  describe(`search at ${prefix}`, () => {
    let server: StaticServer;
    before(async () => {
      server = await buildAndServe(prefix);
    });

    it("loads nothing until it is opened", async () => {
      const context = await browser.newContext();
      const requested: string[] = [];
      context.on("request", (request) => requested.push(request.url()));
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}notes/digital-gardens/`);
      await page.waitForLoadState("networkidle");
      assert.ok(!requested.some((url) => url.includes("/pagefind/")), requested.join("\n"));
      await context.close();
    });

    it("finds a note by a word in its body and goes there", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      const results = await search(page, "evergreen");
      assert.equal(results[0]?.title, "Digital gardens");
      assert.equal(results[0]?.href, `${prefix}notes/digital-gardens/`);
      assert.match(await page.locator(".pagefind-ui__result-excerpt mark").first().innerText(), /evergreen/i);
      await page.locator(".pagefind-ui__result-link").first().click();
      await page.waitForURL(`${server.url}${prefix}notes/digital-gardens/`);
      await context.close();
    });

    it("finds a note by its alias, with Ctrl-K", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}notes/reading-notes/`);
      const results = await search(page, "Linking", "Control+k");
      assert.equal(results[0]?.title, "How notes link");
    });

    it("finds Chinese words inside a sentence", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      const results = await search(page, "类型");
      assert.ok(results.some((r) => r.title === "关于各种int类型比较"), JSON.stringify(results));
      await context.close();
    });

    it("never finds hidden or unpublished notes", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      // Pagefind's own API, so that every result is seen, not only the first page of them.
      const found = await page.evaluate(async (bundle) => {
        const pagefind = await import(`${bundle}pagefind/pagefind.js`);
        const urls: Record<string, string[]> = {};
        for (const word of ["Amoideis", "Daniela", "tantalizing", "Quokkaberry", "Marmalade", "Zephyrine"]) {
          const search = await pagefind.search(word);
          urls[word] = await Promise.all(search.results.map(async (r: { data(): Promise<{ url: string; content: string }> }) => {
            const data = await r.data();
            return `${data.url} ${/amoideis|daniela|tantalizing|quokkaberry|marmalade|zephyrine/i.test(data.content) ? "(contains the word)" : ""}`;
          }));
        }
        return urls;
      }, prefix);
      for (const [word, urls] of Object.entries(found)) {
        for (const url of urls) {
          assert.doesNotMatch(url, /anthropic|journal|draft/i, `searching "${word}" finds ${url}`);
          assert.doesNotMatch(url, /contains the word/, `searching "${word}" finds a page with it: ${url}`);
        }
      }
      await context.close();
    });
  });
}
