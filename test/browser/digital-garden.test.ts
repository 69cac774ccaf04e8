/**
 * The Digital Garden plugin's settings in headless Chromium, on the Digital Garden fixture as
 * `trellis build` writes it. The table of contents: the Guide note has four headings, so its page
 * has one, beside the text and always open on a wide screen, a block to open on a phone; its
 * script marks the section being read. The explorer: the pinned Guide first with its icon and a
 * pin, Quiet (dg-hide-in-filetree) left out; Quiet's own page runs none of the parts it turns off.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { fixture, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

let server: StaticServer;
let browser: Browser;

before(async () => {
  const dir = await tempDir("toc");
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", fixture("digital-garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(built.code, 0, built.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${server.url}/folder/guide/`);
  return { page, errors, close: () => context.close() };
}

const current = (page: Page) => page.locator(".toc a[aria-current]").allTextContents();

describe("the table of contents on a wide screen", () => {
  it("stands beside the text, open, and marks the section being read as the reader scrolls", async () => {
    const { page, errors, close } = await open({ width: 1280, height: 700 });
    try {
      await page.waitForSelector(".toc[data-toc-ready]");
      const toc = await page.locator(".toc").boundingBox();
      const body = await page.locator(".article__body").boundingBox();
      assert.ok(toc && body, "the table of contents and the body are on the page");
      assert.ok(toc.x >= body.x + body.width, `the table of contents (x ${toc.x}) is not beside the body (ends at ${body.x + body.width})`);
      assert.ok(await page.locator(".toc a", { hasText: "Harvest" }).isVisible(), "its links show without opening it");
      await page.waitForFunction(() => document.querySelector(".toc a[aria-current]")?.textContent === "Planting");

      await page.locator("#harvest").evaluate((heading) => heading.scrollIntoView({ block: "start" }));
      await page.waitForFunction(() => document.querySelector(".toc a[aria-current]")?.textContent === "Harvest");
      assert.deepEqual(await current(page), ["Harvest"]);
      // It stays in view while the text scrolls.
      const stuck = await page.locator(".toc").boundingBox();
      assert.ok(stuck && stuck.y >= 0 && stuck.y < 700, `the table of contents scrolled away (y ${stuck?.y})`);

      await page.locator(".toc a", { hasText: "Watering" }).click();
      await page.waitForFunction(() => location.hash === "#watering");
      await page.waitForFunction(() => document.querySelector(".toc a[aria-current]")?.textContent === "Watering");
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe("the table of contents on a phone", () => {
  it("is a closed block above the text that opens to its links, without sideways scrolling", async () => {
    const { page, errors, close } = await open({ width: 390, height: 800 });
    try {
      await page.waitForSelector(".toc[data-toc-ready]");
      assert.equal(await page.locator(".toc a", { hasText: "Planting" }).isVisible(), false);
      const toc = await page.locator(".toc").boundingBox();
      const body = await page.locator(".article__body").boundingBox();
      assert.ok(toc && body && toc.y + toc.height <= body.y, "the block is above the text");
      await page.locator(".toc summary").click();
      assert.ok(await page.locator(".toc a", { hasText: "Planting" }).isVisible());
      await page.locator(".toc a", { hasText: "Mornings" }).click();
      await page.waitForFunction(() => location.hash === "#mornings");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe("the explorer and the note settings", () => {
  it("lists the pinned note first with its icon and a pin, leaves out a dg-hide-in-filetree note, and draws the template's icons", async () => {
    const { page, errors, close } = await open({ width: 1280, height: 700 });
    try {
      await page.waitForSelector(".explorer a[data-note-icon]");
      const notes = await page.locator(".explorer .explorer__note a").evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute("data-note-icon")]));
      assert.deepEqual(notes, [["GuidePinned", "1"], ["Note", null]]);
      assert.ok(await page.locator(".explorer .explorer__pin").isVisible());
      const before = await page.locator("h1.article__title").evaluate((title) => getComputedStyle(title, "::before").backgroundImage);
      assert.match(before, /css\/icons\/note-icon-1\.svg/);
      // The icon is a served file the page's policy lets it load.
      await page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/css/icons/note-icon-1.svg") && (entry as PerformanceResourceTiming).responseStatus === 200));
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  it("runs none of the scripts a note turns off", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    try {
      await page.goto(`${server.url}/quiet/`, { waitUntil: "load" });
      assert.deepEqual(scripts.filter((script) => /explorer|preview|search|graph|toc/.test(script)), []);
      // The headline is there for screen readers, not seen.
      const title = await page.locator("h1.article__title").boundingBox();
      assert.ok(title && title.width <= 1 && title.height <= 1, JSON.stringify(title));
      // The text takes the place of the missing explorer.
      const main = await page.locator("#main").boundingBox();
      assert.ok(main && main.x < 50, `the text starts at x ${main?.x}`);
    } finally {
      await context.close();
    }
  });
});
