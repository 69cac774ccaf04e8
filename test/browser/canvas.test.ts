/** A canvas's page in Chromium (test/fixtures/canvas): it pans, zooms and fits; it reads without JavaScript; axe finds nothing serious. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { seriousViolations, serveAxe } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveBuiltFixture, type StaticServer } from "../helpers/static-server.ts";

let server: StaticServer;
let browser: Browser;

before(async () => {
  server = await serveBuiltFixture("canvas");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(options: BrowserContextOptions, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  try {
    await serveAxe(context, server.url);
    const page = await context.newPage();
    await page.goto(`${server.url}/board.canvas/`, { waitUntil: "load" });
    await body(page);
  } finally {
    await context.close();
  }
}

/** Where the board is drawn in its window, and at what zoom. */
async function view(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const box = await page.locator(".canvas__board").boundingBox();
  return { x: Math.round(box?.x ?? NaN), y: Math.round(box?.y ?? NaN), zoom: Number(await page.locator("[data-canvas]").getAttribute("data-zoom")) };
}

describe("a canvas page", () => {
  it("fits the board to its window, then pans with a drag, zooms with the wheel and the keyboard, and fits again", async () => {
    await withPage({}, async (page) => {
      await page.locator(".canvas--live").waitFor();
      const fitted = await view(page);
      const viewport = await page.locator(".canvas__viewport").boundingBox();
      const board = await page.locator(".canvas__board").boundingBox();
      assert.ok(viewport && board && board.width <= viewport.width + 1 && board.height <= viewport.height + 1, "the fitted board overflows its window");

      const start = { x: (viewport?.x ?? 0) + 40, y: (viewport?.y ?? 0) + (viewport?.height ?? 0) - 40 };
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(start.x + 120, start.y - 60, { steps: 4 });
      await page.mouse.up();
      const panned = await view(page);
      assert.deepEqual({ dx: panned.x - fitted.x, dy: panned.y - fitted.y, zoom: panned.zoom }, { dx: 120, dy: -60, zoom: fitted.zoom });

      await page.mouse.move((viewport?.x ?? 0) + 300, (viewport?.y ?? 0) + 200);
      await page.mouse.wheel(0, -300);
      await page.waitForFunction((before) => Number(document.querySelector("[data-canvas]")?.getAttribute("data-zoom")) > before, fitted.zoom);

      await page.locator(".canvas__viewport").focus();
      const zoomed = (await view(page)).zoom;
      await page.keyboard.press("-");
      assert.ok((await view(page)).zoom < zoomed, "- does not zoom out");

      await page.getByRole("button", { name: "Fit to screen" }).click();
      assert.deepEqual(await view(page), fitted);

      assert.deepEqual(await seriousViolations(page, server.url), []);
    });
  });

  it("reads without JavaScript: the board at its own size in a box that scrolls, its text and links there", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      assert.equal(await page.locator(".canvas__controls").count(), 0);
      // The board keeps the size the canvas gives it, unscaled; what does not fit scrolls.
      const board = await page.locator(".canvas__board").evaluate((element) => ({ width: element.getBoundingClientRect().width, style: parseFloat((element as HTMLElement).style.width), transform: getComputedStyle(element).transform }));
      assert.deepEqual({ width: Math.round(board.width), transform: board.transform }, { width: board.style, transform: "none" });
      assert.equal(await page.locator(".canvas__viewport").evaluate((element) => getComputedStyle(element).overflow), "auto");
      assert.ok(await page.getByRole("link", { name: "The idea" }).isVisible());
      assert.match(await page.locator(".canvas__viewport").innerText(), /Quasarleaf/);
    });
  });
});
