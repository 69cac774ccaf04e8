/**
 * The garden's browser scripts (explorer, graph, link previews) in headless Chromium, on the
 * pages `trellis build` writes for a small vault (test/fixtures/client-vault/), built twice:
 * at the root and with `--path-prefix /repo/` (as a site served from a sub-path, e.g. GitHub
 * Pages), both served by one static server.
 *
 * The vault: a home note "Garden Home" linking Alpha and About; About → Alpha; Notes/Alpha →
 * Beta, the Plants folder note, an external site, its own heading, a missing note, a tag and
 * a PDF; Notes/Beta → Gamma → Notes/Archive/Old Idea; Plants/Plants (the folder note) → Fern,
 * Moss, Oak; Fern → Moss; Oak → Willow. 11 notes, 12 links.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { REPO, fixture, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

const require = createRequire(import.meta.url);
const ARTIFACTS = path.join(REPO, "test/artifacts");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 320, height: 640 };
const NOTE_PATHS = [
  "/", "/about/", "/plants/plants/", "/plants/fern/", "/plants/moss/", "/plants/trees/oak/", "/plants/trees/willow/",
  "/notes/alpha/", "/notes/beta/", "/notes/gamma/", "/notes/archive/old-idea/",
];
/** The preview script's delays (src/client/preview.js), for tests that run the page's clock. */
const SHOW_DELAY = 300;
const HIDE_DELAY = 200;

let server: StaticServer;
let browser: Browser;
let axeSource: string;

/** Builds the client vault with the real command into `out`, with a cache of its own. */
async function buildVault(dir: string, out: string, extra: string[]): Promise<void> {
  const cache = path.join(dir, `cache-${path.basename(out)}`);
  const built = await runTrellis(["build", fixture("client-vault"), "--out", out, ...extra], { env: { TRELLIS_CACHE: cache } });
  assert.equal(built.code, 0, built.stderr);
}

before(async () => {
  const dir = await tempDir("client");
  const root = path.join(dir, "site");
  // One after the other: the site under /repo/ is a folder inside the root site.
  await buildVault(dir, root, []);
  await buildVault(dir, path.join(root, "repo"), ["--path-prefix", "/repo/"]);
  server = await serveFolder(root);
  browser = await launchBrowser();
  axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: Request[];
  /** Uncaught errors and unhandled rejections in the page, and what the site's CSP refused. */
  errors: string[];
}

/** Where the tests serve axe from: the site's CSP allows scripts of its own origin only. */
const AXE_PATH = "/__test__/axe.min.js";

/**
 * Runs `body` with a page in a fresh context; requests that leave the site are refused. The
 * pages keep their Content-Security-Policy: the scripts must work under it.
 */
async function withPage(
  pathname: string,
  options: BrowserContextOptions & { setUp?: (context: BrowserContext) => Promise<unknown> },
  body: (opened: Opened) => Promise<void>,
): Promise<void> {
  const { setUp, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: DESKTOP, ...contextOptions });
  try {
    await context.route((target) => !target.href.startsWith(server.url), (route) => route.abort());
    await context.route(server.url + AXE_PATH, (route) => route.fulfill({ contentType: "text/javascript", body: axeSource }));
    await setUp?.(context);
    const requests: Request[] = [];
    const errors: string[] = [];
    context.on("request", (request) => requests.push(request));
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
    });
    await page.goto(server.url + pathname, { waitUntil: "load" });
    await body({ context, page, requests, errors });
  } finally {
    await context.close();
  }
}

const pathsOf = (requests: Request[]) => requests.map((request) => new URL(request.url()).pathname);

async function explorerReady(page: Page) {
  await page.locator('nav.explorer[data-state="ready"]').waitFor({ state: "attached" });
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Folder paths of the explorer's open folders. */
async function openFolders(page: Page): Promise<string[]> {
  return page.locator("nav.explorer details[open]").evaluateAll((all) => all.map((d) => (d as HTMLElement).dataset["path"] ?? "?"));
}

/**
 * Centres of the dots drawn on a graph's canvas in the colour of a CSS custom property, in
 * page coordinates: reads the pixels back, so it sees what the reader sees. (A string, so the
 * test's TypeScript compiler adds no helpers to code that runs in the page.)
 */
const FIND_DOTS = `([selector, property]) => {
  const canvas = document.querySelector(selector);
  const colour = getComputedStyle(canvas).getPropertyValue(property).trim();
  const probe = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  const { width, height } = canvas;
  const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  const match = (x, y) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return false;
    const i = (y * width + x) * 4;
    return Math.abs(data[i] - r) <= 3 && Math.abs(data[i + 1] - g) <= 3 && Math.abs(data[i + 2] - b) <= 3 && data[i + 3] > 250;
  };
  // Connected areas of the colour, each at least 5 px across, reported by their centre.
  const seen = new Uint8Array(width * height);
  const found = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (seen[y * width + x] || !match(x, y)) continue;
      const stack = [[x, y]];
      seen[y * width + x] = 1;
      let sx = 0, sy = 0, count = 0, x0 = x, x1 = x, y0 = y, y1 = y;
      while (stack.length) {
        const [px, py] = stack.pop();
        sx += px; sy += py; count++;
        x0 = Math.min(x0, px); x1 = Math.max(x1, px); y0 = Math.min(y0, py); y1 = Math.max(y1, py);
        for (const [nx, ny] of [[px + 1, py], [px - 1, py], [px, py + 1], [px, py - 1]]) {
          if (nx < 0 || ny < 0 || nx >= width || ny >= height || seen[ny * width + nx] || !match(nx, ny)) continue;
          seen[ny * width + nx] = 1;
          stack.push([nx, ny]);
        }
      }
      const cx = Math.round(sx / count), cy = Math.round(sy / count);
      if (x1 - x0 >= 4 && y1 - y0 >= 4 && match(cx, cy)) found.push({ x: cx, y: cy });
    }
  }
  const box = canvas.getBoundingClientRect();
  const ratio = width / box.width;
  return found.map((p) => ({ x: box.left + p.x / ratio, y: box.top + p.y / ratio }));
}`;

/**
 * Installed before the page's scripts: records every task that kept the page busy for more
 * than 50 ms (window.probe.longTasks) and counts the animation frames the page's scripts ask
 * for (window.probe.framesAsked).
 */
const FRAME_PROBE = `(() => {
  const probe = { longTasks: [], framesAsked: 0, nextFrame: window.requestAnimationFrame.bind(window) };
  window.probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
  }).observe({ type: "longtask", buffered: true });
  window.requestAnimationFrame = (callback) => {
    probe.framesAsked++;
    return probe.nextFrame(callback);
  };
})()`;

/** Waits `frames` animation frames; says how many frames the page asked for meanwhile and whether the canvas changed. */
const STAYS_STILL = `async (selector, frames) => {
  const canvas = document.querySelector(selector);
  const pixels = () => canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const asked = window.probe.framesAsked;
  const before = pixels();
  for (let i = 0; i < frames; i++) await new Promise((resolve) => window.probe.nextFrame(resolve));
  const after = pixels();
  return { frames: window.probe.framesAsked - asked, same: before.every((value, index) => value === after[index]) };
}`;

async function dots(page: Page, canvasSelector: string, colourProperty: string): Promise<Array<{ x: number; y: number }>> {
  return page.evaluate(`(${FIND_DOTS})(${JSON.stringify([canvasSelector, colourProperty])})`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: server.url + AXE_PATH });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return axe.run();
  });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Waits for the link preview to show and its fade-in to end (axe reads colours as drawn). */
async function previewShown(page: Page) {
  const preview = page.locator(".preview");
  await preview.waitFor({ state: "visible" });
  await preview.evaluate((el) => Promise.all(el.getAnimations().map((animation) => animation.finished)));
}

/** Presses Tab until the element matching `selector` has the keyboard focus. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("explorer", () => {
  it("renders the tree with the current page marked and the folders leading to it open", async () => {
    await withPage("/notes/archive/old-idea/", {}, async ({ page, requests, errors }) => {
      await explorerReady(page);
      // The root's file and those of the two folders that show open, once each; no other folder's.
      assert.equal(pathsOf(requests).filter((p) => p === "/explorer.json").length, 1);
      assert.equal(pathsOf(requests).filter((p) => p.startsWith("/explorer/")).length, 2, pathsOf(requests).join(" "));
      const nav = page.getByRole("navigation", { name: "Notes" });
      const current = nav.locator('[aria-current="page"]');
      assert.equal(await current.count(), 1);
      assert.equal(await current.textContent(), "Old Idea");
      assert.equal(await current.getAttribute("href"), "/notes/archive/old-idea/");
      assert.equal(await current.isVisible(), true);
      assert.deepEqual(await openFolders(page), ["/Notes", "/Notes/Archive"]);
      // Every note and folder of the open folders is there, in the server's order; a closed folder's are not loaded yet.
      const hrefs = () => nav.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      assert.deepEqual(await hrefs(), ["/notes/archive/old-idea/", "/notes/alpha/", "/notes/beta/", "/notes/gamma/", "/about/"]);
      assert.deepEqual(await nav.locator("summary").allTextContents(), ["Notes", "Archive", "Plants"]);
      // Opened, a folder loads its file: its own note is the first entry of its list; folders come before notes.
      await nav.locator('details[data-path="/Plants"] > summary').click({ position: { x: 4, y: 10 } });
      await nav.locator('details[data-path="/Plants"] > ul').waitFor();
      assert.equal(await nav.locator(".explorer__folder-note a").getAttribute("href"), "/plants/plants/");
      assert.equal(await nav.locator('details[data-path="/Plants"] > ul > li:first-child a').textContent(), "Plants");
      assert.deepEqual(await hrefs(), ["/notes/archive/old-idea/", "/notes/alpha/", "/notes/beta/", "/notes/gamma/", "/plants/plants/", "/plants/fern/", "/plants/moss/", "/about/"]);
      assert.deepEqual(await nav.locator("summary").allTextContents(), ["Notes", "Archive", "Plants", "Trees"]);
      assert.equal(pathsOf(requests).filter((p) => p.startsWith("/explorer/")).length, 3);
      // Wide screen: sidebar on the left of the article, no toggle button.
      const sidebar = await page.locator(".garden__sidebar").boundingBox();
      const main = await page.locator("main").boundingBox();
      assert.ok(sidebar && main && sidebar.x + sidebar.width <= main.x + 1 && sidebar.width > 150, JSON.stringify({ sidebar, main }));
      assert.equal(await page.locator(".explorer-toggle").isVisible(), false);
      assert.deepEqual(errors, []);
    });
  });

  it("marks and opens a folder note's own folder", async () => {
    await withPage("/plants/plants/", {}, async ({ page }) => {
      await explorerReady(page);
      const current = page.locator('nav.explorer [aria-current="page"]');
      assert.equal(await current.getAttribute("href"), "/plants/plants/");
      assert.equal(await current.evaluate((a) => a.parentElement?.className), "explorer__note explorer__folder-note");
      assert.deepEqual(await openFolders(page), ["/Plants"]);
    });
  });

  it("remembers opened and closed folders for the session", async () => {
    await withPage("/notes/alpha/", {}, async ({ page }) => {
      await explorerReady(page);
      assert.deepEqual(await openFolders(page), ["/Notes"]);
      // Open Plants with the mouse (on the summary, not its folder-note link)...
      const plants = page.locator('nav.explorer details[data-path="/Plants"] > summary');
      await plants.click({ position: { x: 4, y: 10 } });
      assert.equal(page.url(), `${server.url}/notes/alpha/`);
      // ...and Archive with the keyboard.
      await page.locator('nav.explorer details[data-path="/Notes/Archive"] > summary').focus();
      await page.keyboard.press("Enter");
      assert.deepEqual(await openFolders(page), ["/Notes", "/Notes/Archive", "/Plants"]);

      // Archive stays open inside Notes, which is closed here (and not loaded until it opens).
      await page.goto(`${server.url}/about/`);
      await explorerReady(page);
      assert.deepEqual(await openFolders(page), ["/Plants"]);
      await page.locator('nav.explorer details[data-path="/Plants"] > summary').click({ position: { x: 4, y: 10 } });
      assert.deepEqual(await openFolders(page), []);

      await page.goto(`${server.url}/notes/gamma/`);
      await explorerReady(page);
      assert.deepEqual(await openFolders(page), ["/Notes", "/Notes/Archive"]);
      const stored = await page.evaluate(() => sessionStorage.getItem("trellis:explorer:/"));
      assert.deepEqual(JSON.parse(stored ?? "null"), { "/Plants": false, "/Notes/Archive": true });
    });
  });

  it("hides behind the Notes button on a 320 px phone, without sideways scrolling", async () => {
    await withPage("/notes/beta/", { viewport: PHONE, hasTouch: true }, async ({ page }) => {
      await explorerReady(page);
      const button = page.getByRole("button", { name: "Notes" });
      const current = page.locator('nav.explorer [aria-current="page"]');
      assert.equal(await button.isVisible(), true);
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await button.getAttribute("aria-controls"), "garden-sidebar");
      assert.equal(await current.isVisible(), false);
      assert.ok((await sidewaysOverflow(page)) <= 0);

      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      assert.equal(await current.isVisible(), true);
      assert.equal(await current.textContent(), "Beta");
      assert.ok((await sidewaysOverflow(page)) <= 0, `scrolls sideways by ${await sidewaysOverflow(page)}px`);
      // The article is still there, below the open explorer.
      assert.equal(await page.locator("h1.article__title").isVisible(), true);
      await page.screenshot({ path: path.join(ARTIFACTS, "client-explorer-phone-open.png"), fullPage: true });

      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await current.isVisible(), false);

      // Escape inside the open explorer closes it and gives the focus back to the button.
      await button.click();
      await current.focus();
      await page.keyboard.press("Escape");
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await page.evaluate(() => document.activeElement?.className), "explorer-toggle");
    });
  });

  it("adds the Notes button itself when a page's header has none", async () => {
    await withPage(
      "/about/",
      {
        viewport: PHONE,
        setUp: (context) =>
          context.route("**/about/", async (route) => {
            const response = await route.fetch();
            const html = (await response.text()).replace(/<button type="button" class="explorer-toggle"[^>]*>Notes<\/button>/, "");
            assert.ok(!html.includes("explorer-toggle"));
            await route.fulfill({ response, body: html });
          }),
      },
      async ({ page }) => {
        const button = page.getByRole("button", { name: "Notes" });
        await button.click();
        assert.equal(await button.getAttribute("aria-expanded"), "true");
        assert.equal(await button.evaluate((b) => b.parentElement?.className), "site-header__inner");
        assert.equal(await page.locator('nav.explorer [aria-current="page"]').isVisible(), true);
      },
    );
  });

  it("scrolls a long tree to the current page inside the sidebar, not the page", async () => {
    await withPage(
      "/plants/trees/willow/",
      {
        viewport: { width: 1280, height: 300 },
        setUp: (context) =>
          context.addInitScript(() => sessionStorage.setItem("trellis:explorer:/", JSON.stringify({ "/Notes": true, "/Notes/Archive": true }))),
      },
      async ({ page }) => {
        await explorerReady(page);
        const sidebar = page.locator(".garden__sidebar");
        const scrolled = await sidebar.evaluate((el) => ({ top: el.scrollTop, room: el.scrollHeight - el.clientHeight }));
        assert.ok(scrolled.room > 0 && scrolled.top > 0, JSON.stringify(scrolled));
        const here = (await page.locator('nav.explorer [aria-current="page"]').boundingBox())!;
        assert.ok(here.y >= 0 && here.y + here.height <= 300, JSON.stringify(here));
        assert.equal(await page.evaluate(() => window.scrollY), 0);
      },
    );
  });

  it("never holds up the article, and says so quietly when the list cannot be loaded", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await withPage(
      "/notes/alpha/",
      {
        setUp: (context) =>
          context.route("**/explorer.json", async (route) => {
            await held;
            await route.fulfill({ status: 500, body: "broken" });
          }),
      },
      async ({ page, errors }) => {
        // The page has loaded and the article shows while explorer.json is still on its way.
        assert.equal(await page.locator("h1.article__title").isVisible(), true);
        assert.equal(await page.locator("nav.explorer").getAttribute("data-state"), null);
        release();
        const message = page.locator("nav.explorer .explorer__message");
        await message.waitFor();
        assert.equal(await message.textContent(), "The list of notes could not be loaded.");
        assert.deepEqual(errors, []);
        // The other scripts still work: a preview shows.
        await page.locator(".article__body a", { hasText: "Beta" }).hover();
        await page.locator(".preview").waitFor({ state: "visible" });
      },
    );
  });

  it("works on a site served under a sub-path", async () => {
    await withPage("/repo/notes/alpha/", {}, async ({ page, requests, errors }) => {
      await explorerReady(page);
      const current = page.locator('nav.explorer [aria-current="page"]');
      assert.equal(await current.getAttribute("href"), "/repo/notes/alpha/");
      const hrefs = await page.locator("nav.explorer a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      assert.ok(hrefs.length === 4 && hrefs.every((href) => href.startsWith("/repo/") && !href.startsWith("/repo//")), hrefs.join(" "));
      assert.ok(pathsOf(requests).includes("/repo/explorer.json"));
      assert.ok(pathsOf(requests).some((p) => p.startsWith("/repo/explorer/")));
      assert.ok(!pathsOf(requests).some((p) => p.startsWith("/explorer")));

      await page.locator('nav.explorer details[data-path="/Plants"] > summary').click({ position: { x: 4, y: 10 } });
      await page.locator('nav.explorer details[data-path="/Plants/Trees"] > summary').click({ position: { x: 4, y: 10 } });
      await page.locator("nav.explorer a", { hasText: "Oak" }).click();
      await page.waitForURL(`${server.url}/repo/plants/trees/oak/`);
      await explorerReady(page);
      assert.equal(await page.locator('nav.explorer [aria-current="page"]').textContent(), "Oak");
      assert.deepEqual(await openFolders(page), ["/Plants", "/Plants/Trees"]);
      assert.deepEqual(errors, []);
    });
  });
});

describe("graph", () => {
  it("draws the global graph; hovering a note highlights it, clicking it opens the note", async () => {
    await withPage("/graph/", {}, async ({ page, errors }) => {
      const graph = page.locator('.graph[data-graph-state="settled"]');
      await graph.waitFor();
      assert.equal(await graph.getAttribute("data-graph-nodes"), "11");
      const canvas = page.locator(".graph canvas");
      assert.match((await canvas.getAttribute("aria-label")) ?? "", /Graph of 11 notes and 12 links/);
      const box = await canvas.boundingBox();
      assert.ok(box && box.width > 600 && box.height > 300, JSON.stringify(box));
      await page.screenshot({ path: path.join(ARTIFACTS, "client-graph-global.png") });

      const nodes = await dots(page, ".graph canvas", "--graph-node");
      assert.ok(nodes.length >= 9, `found ${nodes.length} dots`);
      const target = nodes[0]!;
      await page.mouse.move(target.x, target.y);
      await page.waitForFunction(() => (document.querySelector(".graph canvas") as HTMLElement).style.cursor === "pointer");
      const hovered = (await canvas.getAttribute("title")) ?? "";
      assert.ok(hovered.length > 0);
      // The hovered note and its neighbours change colour (every note has a neighbour).
      await page.waitForFunction(`(${FIND_DOTS})(${JSON.stringify([".graph canvas", "--graph-highlight"])}).length >= 2`);

      await page.mouse.click(target.x, target.y);
      await page.waitForURL((url) => url.pathname !== "/graph/");
      const landed = new URL(page.url()).pathname;
      assert.ok(NOTE_PATHS.includes(landed), landed);
      assert.equal(await page.locator("h1.article__title").textContent(), hovered);
      assert.deepEqual(errors, []);
    });
  });

  it("lays out 5,000 notes without freezing the page, then stops", async () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const count = 5000;
    const nodes = Array.from({ length: count }, (_, id) => ({ id, url: `/n/${id}/`, title: `Note ${id}`, tags: [] }));
    const links: Array<[number, number]> = [];
    for (let id = 1; id < count; id++) {
      links.push([id, Math.floor(random() * id)]);
      if (random() < 0.6) links.push([id, Math.floor(random() * count)]);
    }
    const body = JSON.stringify({ nodes, links });
    await withPage(
      "/graph/",
      {
        setUp: async (context) => {
          await context.route("**/graph.json", (route) => route.fulfill({ contentType: "application/json", body }));
          await context.addInitScript({ content: FRAME_PROBE });
        },
      },
      async ({ page, errors }) => {
        const graph = page.locator(".graph");
        await page.locator('.graph[data-graph-state="settled"]').waitFor({ timeout: 180_000 });
        assert.equal(await graph.getAttribute("data-graph-nodes"), String(count));
        // While the layout ran the page kept answering: the layout does a few milliseconds (at
        // least one step) per frame, so it took many frames and no task held the page for
        // long (here the longest take about 0.25 s). A layout done in one go takes a handful of
        // frames and blocks for seconds; the bound is loose because test machines are often busy.
        const { longTasks, framesAsked } = await page.evaluate<{ longTasks: number[]; framesAsked: number }>("({ longTasks: probe.longTasks, framesAsked: probe.framesAsked })");
        assert.ok(framesAsked >= 10, `the layout took ${framesAsked} frames`);
        assert.ok(Math.max(0, ...longTasks) < 1500, `tasks of ${longTasks.join(", ")} ms`);
        // Once cooled, it asks for no more frames and the canvas stays as it is.
        const still = await page.evaluate<{ frames: number; same: boolean }>(`(${STAYS_STILL})(".graph canvas", 30)`);
        assert.deepEqual(still, { frames: 0, same: true }, "the graph still draws after the layout settled");
        assert.match((await page.locator(".graph canvas").getAttribute("aria-label")) ?? "", new RegExp(`^Graph of ${count} notes and \\d+ links`));
        assert.deepEqual(errors, []);
      },
    );
  });

  it("lists every note of the global graph for keyboard and screen-reader users, once", async () => {
    await withPage("/graph/", {}, async ({ page }) => {
      await page.locator('.graph[data-graph-state="settled"]').waitFor();
      // The page's index of notes, right below the graph, is the list its label points to: the graph adds none.
      assert.match((await page.locator(".graph canvas").getAttribute("aria-label")) ?? "", /^Graph of 11 notes and \d+ links; the notes are listed below\.$/);
      assert.equal(await page.locator(".graph__all").count(), 0);
      const links = page.locator(".note-index a");
      assert.equal(await links.count(), 11);
      await links.filter({ hasText: "Willow" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${server.url}/plants/trees/willow/`);
    });
  });

  it("loads the local graph's script and data only when it is opened", async () => {
    await withPage("/notes/alpha/", {}, async ({ page, requests, errors }) => {
      // The page has loaded (its module scripts have run) and the explorer has its data: only
      // the page script is there (the graph loader in it); the graph's code, d3 and graph.json are not.
      await explorerReady(page);
      const early = pathsOf(requests);
      assert.ok(early.includes("/js/page.js"), early.join(" "));
      assert.ok(!early.some((p) => p === "/graph.json" || p === "/js/graph.js" || p.startsWith("/js/vendor/")), early.join(" "));
      assert.equal(await page.evaluate(() => "d3" in window), false);
      assert.equal(await page.locator(".graph--local").getAttribute("data-graph-state"), null);

      await page.locator(".local-graph > summary").click();
      const graph = page.locator('.graph--local[data-graph-state="settled"]');
      await graph.waitFor();
      const late = pathsOf(requests);
      for (const file of ["/js/graph.js", "/graph.json", "/js/vendor/d3-dispatch.min.js", "/js/vendor/d3-quadtree.min.js", "/js/vendor/d3-timer.min.js", "/js/vendor/d3-force.min.js"]) {
        assert.equal(late.filter((p) => p === file).length, 1, `${file} requested once: ${late.join(" ")}`);
      }
      assert.equal(await graph.getAttribute("data-graph-nodes"), "5");
      const list = page.locator(".graph--local .graph__list a");
      assert.deepEqual(await list.allTextContents(), ["About", "Beta", "Garden Home", "Plants"]);
      assert.equal(await list.first().getAttribute("href"), "/about/");
      // The current note is drawn in its own colour, once.
      assert.equal((await dots(page, ".graph--local canvas", "--graph-current")).length, 1);
      assert.ok((await dots(page, ".graph--local canvas", "--graph-node")).length >= 4);

      // Depth 2: notes two links away join, from the same data.
      await page.getByLabel("Include notes two links away").check();
      await page.locator('.graph--local[data-graph-nodes="9"][data-graph-state="settled"]').waitFor();
      assert.deepEqual(await list.allTextContents(), ["About", "Beta", "Garden Home", "Plants", "Fern", "Gamma", "Moss", "Oak"]);
      assert.equal(pathsOf(requests).filter((p) => p === "/graph.json").length, 1);
      await page.screenshot({ path: path.join(ARTIFACTS, "client-graph-local.png"), fullPage: true });

      await list.filter({ hasText: "Gamma" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`${server.url}/notes/gamma/`);
      assert.deepEqual(errors, []);
    });
  });

  it("keeps every request and link under the sub-path", async () => {
    await withPage("/repo/notes/beta/", { viewport: PHONE }, async ({ page, requests }) => {
      await page.locator(".local-graph > summary").click();
      await page.locator('.graph--local[data-graph-state="settled"]').waitFor();
      const paths = pathsOf(requests);
      assert.ok(paths.includes("/repo/graph.json") && paths.includes("/repo/js/vendor/d3-force.min.js"), paths.join(" "));
      assert.ok(paths.includes("/repo/js/page.js") && paths.includes("/repo/js/graph.js"), paths.join(" "));
      assert.ok(paths.every((p) => p.startsWith("/repo/")), paths.join(" "));
      assert.deepEqual(await page.locator(".graph--local .graph__list a").evaluateAll((all) => all.map((a) => a.getAttribute("href"))), [
        "/repo/notes/alpha/", "/repo/notes/gamma/",
      ]);
      assert.ok((await sidewaysOverflow(page)) <= 0);
      const focus = await dots(page, ".graph--local canvas", "--graph-current");
      assert.equal(focus.length, 1);
      // Tapping another note opens it under the sub-path.
      const others = await dots(page, ".graph--local canvas", "--graph-node");
      assert.equal(others.length, 2);
      await page.mouse.click(others[0]!.x, others[0]!.y);
      await page.waitForURL((url) => url.pathname !== "/repo/notes/beta/");
      assert.ok(["/repo/notes/alpha/", "/repo/notes/gamma/"].includes(new URL(page.url()).pathname), page.url());
    });
  });
});

describe("link previews", () => {
  it("shows the target's title and opening on hover, beside the link, and hides on leave", async () => {
    // The page's clock runs only when the test says: the delays are passed, never slept.
    await withPage("/notes/alpha/", { setUp: (context) => context.clock.install() }, async ({ page, requests, errors }) => {
      const link = page.locator(".article__body a", { hasText: "Beta" });
      const preview = page.locator(".preview");
      await link.hover();
      // Resting on a link shows its preview after a moment, not at once.
      await page.clock.runFor(SHOW_DELAY - 50);
      assert.equal(await preview.isVisible(), false);
      await page.clock.runFor(50);
      await preview.waitFor({ state: "visible" });
      assert.equal(await preview.getAttribute("role"), "tooltip");
      // Its styles come in a sheet of their own, loaded with the first preview.
      assert.equal(await preview.evaluate((el) => getComputedStyle(el).position), "absolute");
      assert.equal(pathsOf(requests).filter((p) => p === "/css/features/preview.css").length, 1);
      assert.equal(await link.getAttribute("aria-describedby"), await preview.getAttribute("id"));
      assert.equal(await preview.locator(".preview__title").textContent(), "Beta");
      const texts = await preview.locator(".preview__text").allTextContents();
      assert.equal(texts.length, 2);
      assert.equal(texts[0], "Beta opens with a short paragraph about slow growth.");
      assert.ok(texts[1]!.startsWith("Beta grows slowly") && texts[1]!.endsWith("…"), texts[1]);
      assert.ok(texts.join("").length <= 402, `preview has ${texts.join("").length} characters`);
      const linkBox = (await link.boundingBox())!;
      const box = (await preview.boundingBox())!;
      assert.ok(!overlaps(linkBox, box), JSON.stringify({ linkBox, box }));
      await page.screenshot({ path: path.join(ARTIFACTS, "client-preview.png") });

      // The popover can be hovered (to read it) without closing, even on a way to it that
      // crosses the gap between link and popover...
      const below = box.y > linkBox.y;
      const gapY = below ? (linkBox.y + linkBox.height + box.y) / 2 : (box.y + box.height + linkBox.y) / 2;
      await page.mouse.move(linkBox.x + linkBox.width / 2, gapY);
      assert.equal(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest("a, .preview") ?? null, [linkBox.x + linkBox.width / 2, gapY]), null);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.clock.runFor(HIDE_DELAY * 5);
      assert.equal(await preview.isVisible(), true);
      // ...and leaving it closes it.
      await page.mouse.move(5, 500);
      await page.clock.runFor(HIDE_DELAY);
      await preview.waitFor({ state: "hidden" });
      assert.equal(await link.getAttribute("aria-describedby"), null);

      // A second hover uses the cached page.
      await link.hover();
      await page.clock.runFor(SHOW_DELAY);
      await preview.waitFor({ state: "visible" });
      const fetches = requests.filter((r) => r.resourceType() === "fetch" && new URL(r.url()).pathname === "/notes/beta/");
      assert.equal(fetches.length, 1);
      assert.deepEqual(errors, []);
    });
  });

  it("previews backlinks, shows on keyboard focus and closes on Escape and blur", async () => {
    await withPage("/notes/alpha/", {}, async ({ page }) => {
      const preview = page.locator(".preview");
      await tabTo(page, '.backlinks a[href="/about/"]');
      await preview.waitFor({ state: "visible" });
      assert.equal(await preview.locator(".preview__title").textContent(), "About");
      await page.keyboard.press("Escape");
      await preview.waitFor({ state: "hidden" });
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      await preview.waitFor({ state: "visible" });
      await page.keyboard.press("Tab");
      // Focus moved to "Garden Home": the About preview went, the next one comes.
      await page.waitForFunction(() => document.querySelector(".preview__title")?.textContent === "Garden Home");
    });
  });

  it("shows nothing for external links, links to this page, tags, files and dead links", async () => {
    await withPage("/notes/alpha/", { setUp: (context) => context.clock.install() }, async ({ page, requests }) => {
      const preview = page.locator(".preview");
      const body = page.locator(".article__body");
      for (const target of [...["an external site", "this note’s details", "#start", "plan.pdf"].map((text) => body.locator("a", { hasText: text })), body.locator(".dead-link")]) {
        assert.equal(await target.count(), 1);
        await target.hover();
        await page.clock.runFor(SHOW_DELAY * 3);
        assert.equal(await preview.isVisible(), false, (await target.textContent()) ?? "");
      }
      // The same steps on a link to a note do show its preview: the waits above were long enough.
      await body.locator("a", { hasText: "Beta" }).hover();
      await page.clock.runFor(SHOW_DELAY * 3);
      await preview.waitFor({ state: "visible" });
      assert.equal(await preview.locator(".preview__title").textContent(), "Beta");
      // Only Beta was fetched: the others never scheduled a preview that could still come.
      const fetched = requests.filter((r) => r.resourceType() === "fetch").map((r) => new URL(r.url()).pathname).filter((p) => !p.endsWith(".json"));
      assert.deepEqual(fetched, ["/notes/beta/"]);
    });
  });

  it("shows none on a page that turns previews off, though the same page script runs there", async () => {
    // The page as a note with `dg-link-preview: false` is built: without `<html data-previews>`.
    const setUp = (context: BrowserContext) =>
      Promise.all([
        context.clock.install(),
        context.route("**/notes/alpha/", async (route) => {
          const response = await route.fetch();
          const html = await response.text();
          assert.match(html, /<html [^>]*data-previews[ >]/);
          await route.fulfill({ response, body: html.replace(/ data-previews(?=[ >])/, "") });
        }),
      ]);
    await withPage("/notes/alpha/", { setUp }, async ({ page, requests }) => {
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-previews")), false);
      await explorerReady(page); // the page script has run
      await page.locator(".article__body a", { hasText: "Beta" }).hover();
      await page.clock.runFor(SHOW_DELAY * 3);
      assert.equal(await page.locator(".preview").count(), 0);
      assert.ok(!pathsOf(requests).some((p) => p === "/notes/beta/" || p === "/css/features/preview.css"), pathsOf(requests).join(" "));
    });
  });

  it("stays inside a 320 px viewport and off the link", async () => {
    await withPage("/notes/alpha/", { viewport: PHONE }, async ({ page }) => {
      for (const text of ["Plants folder", "Beta"]) {
        const link = page.locator(".article__body a", { hasText: text });
        await link.scrollIntoViewIfNeeded();
        await link.hover();
        const preview = page.locator(".preview");
        await page.waitForFunction((t) => {
          const box = document.querySelector(".preview");
          return box instanceof HTMLElement && !box.hidden && box.querySelector(".preview__title")?.textContent === t;
        }, text === "Beta" ? "Beta" : "Plants");
        const box = await preview.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
        const linkBox = await link.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
        assert.ok(box.left >= 0 && box.right <= 320 && box.top >= 0 && box.bottom <= 640, JSON.stringify(box));
        assert.ok(!overlaps(linkBox, box), JSON.stringify({ linkBox, box }));
        assert.ok((await sidewaysOverflow(page)) <= 0);
        await page.mouse.move(300, 620);
        await preview.waitFor({ state: "hidden" });
      }
    });
  });

  it("leaves touch taps alone: the link just navigates", async () => {
    await withPage(
      "/notes/alpha/",
      { viewport: PHONE, hasTouch: true, isMobile: true, setUp: (context) => context.clock.install() },
      async ({ page, requests }) => {
        const link = page.locator(".article__body a", { hasText: "Beta" });
        // The first tap is kept on this page (its click is cancelled) while the preview's delay
        // passes several times over: a preview the tap scheduled would show by then.
        await page.evaluate(() => {
          document.addEventListener("click", (event) => {
            event.preventDefault();
            document.documentElement.dataset["tapped"] = "yes";
          }, { once: true, capture: true });
        });
        await link.tap();
        await page.locator('html[data-tapped="yes"]').waitFor({ state: "attached" });
        await page.clock.runFor(SHOW_DELAY * 3);
        assert.equal(await page.locator(".preview").isVisible(), false);
        assert.equal(await link.getAttribute("aria-describedby"), null);
        // The next tap just navigates.
        await link.tap();
        await page.waitForURL(`${server.url}/notes/beta/`);
        assert.deepEqual(requests.filter((r) => r.resourceType() === "fetch" && r.url().endsWith("/notes/beta/")).map((r) => r.url()), []);
      },
    );
  });

  it("works under a sub-path", async () => {
    await withPage("/repo/notes/alpha/", {}, async ({ page, requests, errors }) => {
      await page.locator(".article__body a", { hasText: "Plants folder" }).hover();
      await page.locator(".preview").waitFor({ state: "visible" });
      assert.equal(await page.locator(".preview__title").textContent(), "Plants");
      // The target's text arrives as text, never as markup.
      assert.equal(await page.locator(".preview__text").nth(1).textContent(), "Plants like light & water <always>.");
      assert.equal(await page.locator(".preview always").count(), 0);
      const fetched = requests.filter((r) => r.resourceType() === "fetch").map((r) => new URL(r.url()).pathname);
      assert.ok(fetched.includes("/repo/plants/plants/") && fetched.every((p) => p.startsWith("/repo/")), fetched.join(" "));
      assert.deepEqual(errors, []);
    });
  });
});

describe("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`has no serious or critical violations with the explorer open, a graph and a preview shown (${scheme})`, async () => {
      await withPage("/notes/alpha/", { colorScheme: scheme }, async ({ page, errors }) => {
        await explorerReady(page);
        await page.locator('nav.explorer details[data-path="/Plants"] > summary').click({ position: { x: 4, y: 10 } });
        await page.locator(".local-graph > summary").click();
        await page.locator('.graph--local[data-graph-state="settled"]').waitFor();
        await page.locator(".article__body a", { hasText: "Beta" }).hover();
        await previewShown(page);
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(errors, []);
      });
      await withPage("/notes/alpha/", { colorScheme: scheme, viewport: PHONE }, async ({ page, errors }) => {
        await explorerReady(page);
        await page.getByRole("button", { name: "Notes" }).click();
        await page.locator(".article__body a", { hasText: "Beta" }).hover();
        await previewShown(page);
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(errors, []);
        await page.screenshot({ path: path.join(ARTIFACTS, `client-phone-${scheme}.png`), fullPage: true });
      });
      await withPage("/graph/", { colorScheme: scheme }, async ({ page, errors }) => {
        await page.locator('.graph[data-graph-state="settled"]').waitFor();
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(errors, []);
      });
    });
  }
});
