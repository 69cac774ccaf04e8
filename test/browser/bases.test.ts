/** A base's table in Chromium (test/fixtures/bases): it sorts by a heading, reads the same without JavaScript, and axe finds nothing serious. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { seriousViolations, serveAxe } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveBuiltFixture, type StaticServer } from "../helpers/static-server.ts";

let server: StaticServer;
let browser: Browser;

before(async () => {
  server = await serveBuiltFixture("bases");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(options: BrowserContextOptions, body: (page: Page) => Promise<void>, pathname = "/"): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  try {
    await serveAxe(context, server.url);
    const page = await context.newPage();
    await page.goto(server.url + pathname, { waitUntil: "load" });
    await body(page);
  } finally {
    await context.close();
  }
}

/** The first table's note titles, top to bottom. */
function firstColumn(page: Page): Promise<string[]> {
  return page.locator("table.base__table").first().locator("tbody tr td:first-child").allInnerTexts();
}

describe("a base's table", () => {
  it("sorts by a column when its heading is pressed, and the other way when pressed again", async () => {
    await withPage({}, async (page) => {
      const table = page.locator("table.base__table").first();
      assert.deepEqual(await firstColumn(page), ["Dune", "Emma", "Neuromancer"]);
      const year = table.getByRole("button", { name: /year/ });
      const heading = table.locator("thead th").nth(2);
      await year.click();
      assert.deepEqual(await firstColumn(page), ["Emma", "Dune", "Neuromancer"]);
      assert.equal(await heading.getAttribute("aria-sort"), "ascending");
      await year.press("Enter");
      assert.deepEqual(await firstColumn(page), ["Neuromancer", "Dune", "Emma"]);
      assert.equal(await heading.getAttribute("aria-sort"), "descending");
      assert.deepEqual(await seriousViolations(page, server.url), []);
    });
  });

  it("reads the same without JavaScript, in the base's own order", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      assert.deepEqual(await firstColumn(page), ["Dune", "Emma", "Neuromancer"]);
      assert.equal(await page.locator("table.base__table button").count(), 0);
    });
  });

  it("shows a base's page as tabs, one view at a time, that the keyboard moves between; all views without JavaScript", async () => {
    const visible = (page: Page) => page.locator(".base-page__view:visible h2").allInnerTexts();
    await withPage({}, async (page) => {
      const tabs = page.getByRole("tab");
      assert.deepEqual(await tabs.allInnerTexts(), ["All", "Covers", "First two", "Favorites", "By century", "Where"]);
      assert.deepEqual(await visible(page), ["All"]);
      await page.getByRole("tab", { name: "Favorites" }).click();
      assert.deepEqual(await visible(page), ["Favorites"]);
      await page.keyboard.press("ArrowRight");
      assert.deepEqual(await visible(page), ["By century"]);
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), "By century");
      assert.deepEqual(await seriousViolations(page, server.url), []);
    }, "/books.base/");
    await withPage({ javaScriptEnabled: false }, async (page) => {
      assert.deepEqual(await visible(page), ["All", "Covers", "First two", "Favorites", "By century", "Where"]);
    }, "/books.base/");
  });
});
