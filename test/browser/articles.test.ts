/**
 * The article fixtures in headless Chromium: a web clip's dek, byline, source and dates, and a
 * hero that could not be fetched, read well at phone and desktop widths in both schemes,
 * without sideways scrolling or serious accessibility problems.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { fixture, REPO, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

const require = createRequire(import.meta.url);
const ARTIFACTS = path.join(REPO, "test/artifacts");
const CLIP = "/clippings/how-seed-banks-keep-the-future/";

let server: StaticServer;
let browser: Browser;
let axeSource: string;

before(async () => {
  const dir = await tempDir("articles-browser");
  const result = await runTrellis(["build", fixture("articles"), "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(result.code, 0, result.stderr);
  server = await serveFolder(path.join(dir, "site"));
  browser = await launchBrowser();
  axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const viewport of [{ width: 320, height: 640 }, { width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  for (const scheme of ["light", "dark"] as const) {
    describe(`the web clip at ${viewport.width} px, ${scheme}`, () => {
      it("shows dek, byline, source and dates, and the hero's box with its caption, without sideways scrolling or serious axe findings", async () => {
        // bypassCSP: axe is injected as an inline script, which the pages forbid.
        const context = await browser.newContext({ viewport, colorScheme: scheme, bypassCSP: true });
        await context.route((target) => !target.href.startsWith(server.url), (route) => route.abort());
        try {
          const page = await context.newPage();
          await page.goto(server.url + CLIP, { waitUntil: "load" });
          const header = page.locator(".article__header");
          assert.equal(await header.locator(".article__dek").isVisible(), true);
          assert.equal((await header.locator(".article__byline").innerText()).trim(), "By Ann Lee, Bo Chen, and Cy Diaz");
          assert.equal(await page.getByRole("link", { name: "Ann Lee" }).getAttribute("href"), "/people/ann-lee/");
          assert.equal(await page.getByRole("link", { name: "Bo Chen" }).count(), 0, "no link to a private note");
          assert.match(await header.locator(".article__meta").innerText(), /Published in example\.com on May 2, 2025\s+Clipped May 10, 2025/);
          const box = await page.locator(".hero__placeholder").boundingBox();
          assert.ok(box && Math.abs(box.width / box.height - 16 / 9) < 0.02, `the hero box is ${JSON.stringify(box)}, not 1600:900`);
          assert.equal(await page.locator("figure.hero figcaption").isVisible(), true);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
          await page.screenshot({ path: path.join(ARTIFACTS, `clip-${viewport.width}-${scheme}.png`), fullPage: true });
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
            return (await axe.run()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`);
          });
          assert.deepEqual(violations, []);
        } finally {
          await context.close();
        }
      });
    });
  }
}
