/**
 * The page's layout as a reader sees it, in Chromium, on test/fixtures/layout: a long article
 * with a hero, a table of contents, a wide table and backlinks; a short page; the graph.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { seriousViolations, serveAxe } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveBuiltFixture, serveFolder, type StaticServer } from "../helpers/static-server.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server: StaticServer;
let browser: Browser;

before(async () => {
  server = await serveBuiltFixture("layout");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(pathname: string, options: BrowserContextOptions & { setUp?: (context: BrowserContext) => Promise<unknown> }, body: (page: Page) => Promise<void>): Promise<void> {
  const { setUp, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  try {
    await serveAxe(context, server.url);
    await setUp?.(context);
    const page = await context.newPage();
    await page.goto(server.url + pathname, { waitUntil: "load" });
    await body(page);
  } finally {
    await context.close();
  }
}

/** The left edge of an element's content box, in CSS pixels. */
function leftEdge(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return Math.round(element.getBoundingClientRect().left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth));
  });
}

describe("the page's layout", () => {
  it("lines up the headline, the hero, the text and everything after it on one left edge at 1280 px", async () => {
    await withPage("/layout/", { viewport: DESKTOP }, async (page) => {
      const edges: Record<string, number> = {};
      for (const selector of [".article__title", ".hero__media", ".article__body > p", ".backlinks h2", ".local-graph > summary", ".share__heading", ".site-footer__inner > *"]) {
        edges[selector] = await leftEdge(page, selector);
      }
      const first = edges[".article__title"];
      assert.deepEqual(Object.entries(edges).filter(([, left]) => left !== first), [], `left edges: ${JSON.stringify(edges)}`);
      // The contents stand right of the text, below the hero.
      const toc = await page.locator(".toc").boundingBox();
      const body = await page.locator(".article__body").boundingBox();
      const hero = await page.locator(".hero__media").boundingBox();
      assert.ok(toc && body && hero && toc.x >= body.x + body.width && toc.y >= hero.y + hero.height, JSON.stringify({ toc, body, hero }));
    });
  });

  it("keeps the footer at the bottom of the window on a short page", async () => {
    await withPage("/short/", { viewport: DESKTOP }, async (page) => {
      const footer = await page.locator(".site-footer").boundingBox();
      assert.ok(footer, "no footer");
      assert.equal(Math.round(footer.y + footer.height), DESKTOP.height);
    });
  });

  it("lets a wide table scroll inside its own region on a phone, reached by the keyboard, with nothing serious for axe", async () => {
    await withPage("/layout/", { viewport: PHONE }, async (page) => {
      const region = page.locator(".table-scroll");
      assert.equal(await region.evaluate((element) => element.tagName), "SECTION", "a named section: a region");
      assert.equal(await region.getAttribute("aria-label"), "Plant, Sown, Harvested, Yield (kg), Notes on the bed and the weather that season");
      const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
      assert.ok(scrollWidth > clientWidth, `the table fits (${scrollWidth} ≤ ${clientWidth}): nothing to scroll`);
      await region.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => (document.querySelector(".table-scroll")?.scrollLeft ?? 0) > 0);
      const whole = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(whole.scroll <= whole.client, "the page itself scrolls sideways");
      assert.deepEqual(await seriousViolations(page, server.url), []);
    });
  });

  it("marks the contents on a phone as a disclosure that opens", async () => {
    await withPage("/layout/", { viewport: PHONE }, async (page) => {
      const summary = page.locator(".toc summary");
      assert.equal(await summary.evaluate((element) => getComputedStyle(element).display), "list-item");
      await summary.click();
      assert.equal(await page.locator(".toc").getAttribute("open"), "");
    });
  });

  it("draws every label of the graph inside it on a phone", async () => {
    // A chain of notes with long titles: the layout puts some near the edges of a narrow graph.
    const count = 12;
    const nodes = Array.from({ length: count }, (_, id) => ({ id, url: `/n/${id}/`, title: `A rather long title of note number ${id}`, tags: [] }));
    const links = Array.from({ length: count - 1 }, (_, id) => [id, id + 1]);
    const setUp = async (context: BrowserContext) => {
      await context.route("**/graph.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify({ nodes, links }) }));
      // Every label the page draws: where it starts and ends, in a canvas how wide.
      await context.addInitScript(() => {
        const drawn: Array<{ text: string; left: number; right: number; width: number }> = [];
        (window as unknown as { labels: typeof drawn }).labels = drawn;
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number) {
          const half = this.measureText(text).width / 2;
          drawn.push({ text, left: x - half, right: x + half, width: this.canvas.clientWidth });
          return fillText.call(this, text, x, y);
        };
      });
    };
    await withPage("/graph/", { viewport: PHONE, setUp }, async (page) => {
      await page.locator('.graph[data-graph-state="settled"]').waitFor();
      const labels = await page.evaluate((n) => (window as unknown as { labels: Array<{ text: string; left: number; right: number; width: number }> }).labels.slice(-n), count);
      assert.equal(new Set(labels.map((label) => label.text)).size, count, "the last frame labels every note");
      for (const label of labels) assert.ok(label.left >= 0 && label.right <= label.width, `"${label.text}" is drawn from ${label.left} to ${label.right} in ${label.width}px`);
    });
  });

  it("opens the one folder of a garden whose notes are all in it: the sidebar is not an empty column", async () => {
    const dir = await tempDir("lone-folder");
    await mkdir(path.join(dir, "vault", "Notes"), { recursive: true });
    for (const name of ["Alpha", "Beta"]) await writeFile(path.join(dir, "vault", "Notes", `${name}.md`), `---\ndg-publish: true\n---\n# ${name}\n`);
    const out = path.join(dir, "site");
    const built = await runTrellis(["build", path.join(dir, "vault"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(built.code, 0, built.stderr);
    const lone = await serveFolder(out);
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      // Not a note's page (there, the note's folder opens anyway): the graph page.
      await page.goto(`${lone.url}/graph/`);
      await page.locator('nav.explorer[data-state="ready"]').waitFor();
      assert.equal(await page.locator("nav.explorer details").getAttribute("open"), "", "the folder is closed");
      assert.deepEqual(await page.locator("nav.explorer .explorer__note a").allInnerTexts(), ["Alpha", "Beta"]);
    } finally {
      await context.close();
      await lone.close();
    }
  });
});
