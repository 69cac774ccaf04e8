/**
 * The sample article in headless Chromium at phone and desktop widths: the page reads well,
 * does not scroll sideways, its share controls work and axe finds no serious problems.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { REPO, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

const require = createRequire(import.meta.url);
const ARTIFACTS = path.join(REPO, "test/artifacts");
const VIEWPORTS = [
  { name: "phone", width: 320, height: 640 },
  { name: "phone-large", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

let server: StaticServer;
let browser: Browser;
let axeSource: string;

before(async () => {
  const out = path.join(await tempDir("browser"), "site");
  const result = await runTrellis(["build", "content", "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
  axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page in a fresh context; requests that leave the site are recorded and refused. */
async function open(url: string, viewport: { width: number; height: number }, extra: Record<string, unknown> = {}) {
  // bypassCSP: the pages forbid inline scripts, and axe is injected as one.
  const context = await browser.newContext({ viewport, bypassCSP: true, ...extra });
  const outside: string[] = [];
  await context.route(
    (target) => !target.href.startsWith(server.url),
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  await page.goto(server.url + url, { waitUntil: "load" });
  return { context, page, outside };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }> }> } }).axe;
    return axe.run();
  });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} element(s)`);
}

for (const viewport of VIEWPORTS) {
  describe(`/anthropic/ at ${viewport.width} px`, () => {
    it("shows headline, hero box and caption without sideways scrolling", async () => {
      const { context, page, outside } = await open("/anthropic/", viewport);
      try {
        await assert.doesNotReject(page.getByRole("heading", { level: 1, name: "Anthropic CEO Admits We Have No Idea How AI Works" }).waitFor({ state: "visible" }));
        const hero = await page.locator(".hero__media").boundingBox();
        assert.ok(hero && hero.width > 200 && hero.height > 100, `hero box is ${JSON.stringify(hero)}`);
        // The box keeps its size although the remote image cannot load here: nothing jumps.
        assert.ok(Math.abs(hero.width / hero.height - 16 / 9) < 0.05);
        const caption = page.locator("figure.hero figcaption");
        assert.equal(await caption.isVisible(), true);
        assert.equal((await caption.innerText()).trim(), "Image by Saul Loeb / AFP via Getty / Futurism");
        // Built offline and read offline, the hero is a box linking to the image: the image that could not load goes, never a broken image.
        if (await page.locator("figure.hero--unavailable").count()) {
          await page.waitForFunction(() => document.querySelector("figure.hero img") === null);
          assert.equal(await page.getByRole("link", { name: /View the image on futurism\.com/ }).isVisible(), true);
        }
        const related = page.locator("aside.related");
        assert.equal(await related.isVisible(), true);
        assert.match(await related.innerText(), /More on Amodei\s+Anthropic CEO Suggests That AI Deserves Workers’ Rights/i);
        assert.match(await page.locator(".article__meta").innerText(), /\b\d+ min read\b/);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
        // The only request that leaves the site is the note's own remote hero image.
        assert.ok(outside.every((url) => url.startsWith("https://futurism.com/_next/image")), outside.join(", "));
        await page.screenshot({ path: path.join(ARTIFACTS, `anthropic-${viewport.name}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });

    it("has no serious or critical accessibility violations", async () => {
      for (const scheme of ["light", "dark"] as const) {
        const { context, page } = await open("/anthropic/", viewport, { colorScheme: scheme });
        try {
          assert.deepEqual(await seriousViolations(page), [], `in the ${scheme} colour scheme`);
        } finally {
          await context.close();
        }
      }
    });
  });
}

describe("share controls", () => {
  it("copy link puts the page URL on the clipboard", async () => {
    const { context, page } = await open("/anthropic/", { width: 390, height: 844 });
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      await page.getByRole("button", { name: "Copy link" }).click();
      await page.getByRole("status").filter({ hasText: "Link copied" }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}/anthropic/`);
    } finally {
      await context.close();
    }
  });

  it("share links carry the address the reader sees", async () => {
    const { context, page } = await open("/anthropic/", { width: 1280, height: 900 });
    try {
      const href = (await page.locator('a[data-share-network="bluesky"]').getAttribute("href")) ?? "";
      assert.ok(href.startsWith("https://bsky.app/intent/compose?text="), href);
      assert.ok(decodeURIComponent(href.split("text=")[1] ?? "").endsWith(`${server.url}/anthropic/`), href);
      const mail = await page.locator('a[data-share-network="email"]').getAttribute("href");
      assert.match(mail ?? "", /^mailto:\?subject=Anthropic%20CEO/);
    } finally {
      await context.close();
    }
  });

  it("offers the Web Share API only where the browser has it", async () => {
    const { context, page } = await open("/anthropic/", { width: 390, height: 844 });
    try {
      const hasShare = await page.evaluate(() => typeof navigator.share === "function");
      assert.equal(await page.getByRole("button", { name: "Share…" }).isVisible(), hasShare);
    } finally {
      await context.close();
    }
  });
});

describe("home page", () => {
  it("has no serious or critical accessibility violations and does not scroll sideways", async () => {
    const { context, page } = await open("/", { width: 320, height: 640 });
    try {
      assert.deepEqual(await seriousViolations(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `home scrolls sideways by ${overflow}px`);
    } finally {
      await context.close();
    }
  });
});

/**
 * Web vitals of the sample article, read by PerformanceObserver in Chromium: no layout shift
 * while it loads and its scripts run (the explorer fills in, the hero box waits for its
 * image), and the largest paint is of an element in the HTML, painted with every script blocked.
 */
describe("loading", () => {
  interface Vitals {
    shift: number;
    shifted: string[];
    largest: { tag: string; text: string; time: number } | undefined;
  }

  async function vitals(viewport: { width: number; height: number }, blockScripts: boolean): Promise<Vitals> {
    const context = await browser.newContext({ viewport });
    try {
      await context.route(
        (target) => !target.href.startsWith(server.url) || (blockScripts && target.pathname.endsWith(".js")),
        (route) => route.abort(),
      );
      // Init scripts are Playwright's, not the page's: they run under the page's CSP and with its scripts blocked.
      await context.addInitScript(() => {
        const record = { shift: 0, shifted: [] as string[], largest: undefined as undefined | { tag: string; text: string; time: number } };
        (window as unknown as { vitals: typeof record }).vitals = record;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }>) {
            if (entry.hadRecentInput) continue;
            record.shift += entry.value;
            for (const source of entry.sources ?? []) record.shifted.push((source.node as Element | undefined)?.outerHTML?.slice(0, 120) ?? "?");
          }
        }).observe({ type: "layout-shift", buffered: true });
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as (PerformanceEntry & { element?: Element }) | undefined;
          if (last?.element) record.largest = { tag: last.element.tagName, text: (last.element.textContent ?? "").trim().slice(0, 60), time: last.startTime };
        }).observe({ type: "largest-contentful-paint", buffered: true });
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/anthropic/`, { waitUntil: "load" });
      // The explorer's tree arrives by fetch after load: measured once it is in (when scripts run), and laid out.
      if (!blockScripts) await page.locator('nav.explorer[data-state="ready"]').waitFor({ state: "attached" });
      // Every image decoded and two frames drawn: the largest paint has happened.
      await page.evaluate(async () => {
        await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      // The browser reports the largest paint a little after it happens.
      await page.waitForFunction(() => (window as unknown as { vitals: Vitals }).vitals.largest !== undefined);
      return await page.evaluate(() => (window as unknown as { vitals: Vitals }).vitals);
    } finally {
      await context.close();
    }
  }

  for (const viewport of [VIEWPORTS[0], VIEWPORTS[2]]) {
    it(`shows no layout shift at ${viewport.width} px`, async () => {
      const measured = await vitals(viewport, false);
      assert.equal(measured.shift, 0, `layout shifts: ${measured.shifted.join(" | ")}`);
    });

    it(`paints its largest element without waiting for a script at ${viewport.width} px`, async () => {
      const withScripts = await vitals(viewport, false);
      const withoutScripts = await vitals(viewport, true);
      assert.ok(withScripts.largest, "no largest-contentful-paint entry");
      assert.deepEqual({ ...withoutScripts.largest, time: 0 }, { ...withScripts.largest, time: 0 }, "the largest element differs when scripts are blocked");
    });
  }
});
