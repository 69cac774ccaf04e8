/** The garden fixture in Chromium: feeds and sitemap parse as XML, the hero loads its optimised file, garden pages pass axe. */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { fixture, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

const require = createRequire(import.meta.url);
let server: StaticServer;
let browser: Browser;
let listed: string[];

before(async () => {
  const dir = await tempDir("site");
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", fixture("garden"), "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(built.code, 0, built.stderr);
  const report = await runTrellis(["check", fixture("garden"), "--json"]);
  listed = (JSON.parse(report.stdout) as { notes: Array<{ url: string; hidden: boolean }> }).notes.filter((n) => !n.hidden).map((n) => n.url).sort();
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function xml(page: Page, url: string): Promise<{ error: string | null; texts: (selector: string) => Promise<string[]> }> {
  const source = await (await fetch(server.url + url)).text();
  const error = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.querySelector("parsererror")?.textContent ?? null;
  }, source);
  return {
    error,
    texts: (selector) =>
      page.evaluate(([text, sel]) => [...new DOMParser().parseFromString(text ?? "", "application/xml").querySelectorAll(sel ?? "")].map((e) => e.textContent ?? ""), [source, selector]),
  };
}

describe("feeds and sitemap", () => {
  it("parse as XML and list exactly the published, listed notes", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const sitemap = await xml(page, "/sitemap.xml");
    assert.equal(sitemap.error, null);
    const locs = (await sitemap.texts("url > loc")).map((loc) => new URL(loc).pathname).sort();
    assert.deepEqual(locs, listed);

    const atom = await xml(page, "/feed.xml");
    assert.equal(atom.error, null);
    const entries = (await atom.texts("entry > id")).map((id) => new URL(id).pathname);
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.ok(listed.includes(entry) && entry !== "/", `feed entry ${entry}`);
    assert.ok(!entries.includes("/hidden-note/"));
    const content = (await atom.texts("entry > content")).join("\n");
    assert.doesNotMatch(content, /(href|src)="\/(?!\/)/, "feed content has root-relative URLs");

    const json = JSON.parse(await (await fetch(`${server.url}/feed.json`)).text()) as { items: Array<{ url: string; content_html: string }> };
    assert.deepEqual(json.items.map((i) => new URL(i.url).pathname), entries);
    await context.close();
  });
});

describe("images", () => {
  it("the hero loads the optimised file at a width that fits", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}/photo-story/`);
    const hero = page.locator("figure.hero img");
    await hero.waitFor();
    await page.waitForFunction(() => (document.querySelector("figure.hero img") as HTMLImageElement | null)?.complete === true);
    const { currentSrc, naturalWidth } = await hero.evaluate((img: HTMLImageElement) => ({ currentSrc: img.currentSrc, naturalWidth: img.naturalWidth }));
    assert.match(currentSrc, /\/img\/[\w-]+-480\.webp$/);
    assert.ok(naturalWidth > 0, "the image did not load");
    await context.close();
  });
});

describe("garden pages", () => {
  const axePath = require.resolve("axe-core/axe.min.js");
  for (const url of ["/folder/beta/", "/tags/", "/tags/letters/", "/graph/", "/404.html"]) {
    it(`${url} has no serious accessibility problems and no sideways scrolling at 320 px`, async () => {
      // bypassCSP: the pages forbid inline scripts, and axe is injected as one.
      const context = await browser.newContext({ viewport: { width: 320, height: 700 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(server.url + url);
      await page.addScriptTag({ content: await readFile(axePath, "utf8") });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
        return (await axe.run()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      });
      assert.deepEqual(violations, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
      await context.close();
    });
  }

  it("loads the graph's code and data only when a note's graph is opened", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/folder/beta/`);
    await page.waitForLoadState("networkidle");
    assert.ok(!requested.some((url) => /graph\.js$|graph\.json$|d3-/.test(url)), requested.join(", "));
    await page.locator("details.local-graph summary").click();
    await page.locator(".graph--local canvas").waitFor();
    assert.ok(requested.includes("/js/graph.js") && requested.includes("/graph.json"));
    await context.close();
  });

  it("runs only the site's own scripts: an injected inline script is refused", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${server.url}/folder/beta/`);
    const ran = await page.evaluate(() => {
      (window as unknown as { injected?: boolean }).injected = false;
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      return (window as unknown as { injected?: boolean }).injected;
    });
    assert.equal(ran, false);
    assert.ok(refused.length > 0);
    // The site's own scripts still ran: the explorer is filled in.
    await page.locator('nav.explorer a[aria-current="page"]').waitFor();
    await context.close();
  });

  it("the explorer lists the garden and a preview shows the linked note", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/folder/beta/`);
    await page.locator('nav.explorer a[aria-current="page"]').waitFor();
    assert.ok(await page.locator('nav.explorer a[href="/alpha/"]').count());
    assert.equal(await page.locator('nav.explorer a[href="/hidden-note/"]').count(), 0);
    await page.goto(`${server.url}/`);
    await page.locator('.article__body a[href="/gamma/"]').first().hover();
    await page.getByText("Gamma text.").waitFor({ timeout: 5000 });
    await context.close();
  });
});
