/**
 * The interface in the site's language, in headless Chromium: the client vault
 * (test/fixtures/client-vault/) built in Arabic (right to left) and in German with one text of
 * the site's own (`site.strings` in a trellis.config.json). The Arabic pages mirror: the sidebar
 * is on the right, nothing overflows sideways; the texts the build writes and those the scripts
 * write are the language's, and dates are formatted in it.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { fixture, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";
import { siteStrings } from "../../src/core/strings.ts";

let server: StaticServer;
let browser: Browser;
const ar = siteStrings("ar");
const de = siteStrings("de", { search: "Finden" });

before(async () => {
  const dir = await tempDir("translations");
  const root = path.join(dir, "site");
  const config = path.join(dir, "trellis.config.json");
  await writeFile(config, JSON.stringify({ contentDir: fixture("client-vault"), site: { title: "Garten", language: "de", strings: { search: "Finden" } } }));
  const german = await runTrellis(["build", "--config", config, "--out", path.join(root, "de"), "--path-prefix", "/de/"], { env: { TRELLIS_CACHE: path.join(dir, "cache-de") } });
  assert.equal(german.code, 0, german.stderr);
  const arabic = await runTrellis(["build", fixture("client-vault"), "--out", path.join(root, "ar"), "--language", "ar", "--path-prefix", "/ar/"], { env: { TRELLIS_CACHE: path.join(dir, "cache-ar") } });
  assert.equal(arabic.code, 0, arabic.stderr);
  server = await serveFolder(root);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(url: string, viewport: { width: number; height: number }, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(server.url + url);
    assert.equal(response?.status(), 200, url);
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? "").trim();

describe("a right-to-left site (Arabic)", () => {
  it("mirrors the layout on a wide screen: the sidebar on the right, text starting at the right", async () => {
    await withPage("/ar/notes/alpha/", { width: 1280, height: 900 }, async (page) => {
      assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
      await page.locator('nav.explorer[data-state="ready"]').waitFor();
      const sidebar = await page.locator(".garden__sidebar").boundingBox();
      const main = await page.locator(".garden__main").boundingBox();
      assert.ok(sidebar && main);
      assert.ok(sidebar.x > main.x + main.width - 1, `the sidebar (x ${sidebar.x}) is right of the article (ends at ${main.x + main.width})`);
      // The explorer's nested lists are indented from the right, with their rule on that side.
      const nested = await page.locator(".explorer__list .explorer__list").first().evaluate((list) => {
        const style = getComputedStyle(list);
        return { right: style.borderRightWidth, left: style.borderLeftWidth, marginRight: style.marginRight };
      });
      assert.deepEqual(nested, { right: "1px", left: "0px", marginRight: "12px" });
      const title = await page.locator("h1.article__title").evaluate((h) => {
        const range = document.createRange();
        range.selectNodeContents(h);
        return { text: range.getBoundingClientRect().right, box: h.getBoundingClientRect().right };
      });
      assert.ok(Math.abs(title.text - title.box) < 2, "the headline starts at the right edge of its box");
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `${scroll}px of content in ${client}px`);
    });
  });

  for (const width of [320, 390]) {
    it(`has no horizontal overflow at ${width}px and opens the explorer from the right side`, async () => {
      await withPage("/ar/plants/fern/", { width, height: 800 }, async (page) => {
        const toggle = page.locator(".explorer-toggle");
        await toggle.waitFor({ state: "visible" });
        const header = await page.locator(".site-header__inner").boundingBox();
        const titleBox = await page.locator(".site-title").boundingBox();
        assert.ok(header && titleBox && titleBox.x + titleBox.width > header.x + header.width * 0.5, "the site's title sits at the right");
        await toggle.click();
        await page.locator(".garden__sidebar[data-open]").waitFor();
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        assert.ok(scroll <= client, `${scroll}px of content in ${client}px`);
      });
    });
  }

  it("shows the Arabic texts, those the scripts write too", async () => {
    await withPage("/ar/notes/alpha/", { width: 1280, height: 900 }, async (page) => {
      assert.equal(await text(page, ".site-nav a"), ar.t("home"));
      assert.equal(await text(page, ".breadcrumbs a"), ar.t("home"));
      assert.equal(await text(page, ".explorer-toggle"), ar.t("notes"));
      assert.match(await text(page, "button.search-button"), new RegExp(`^${ar.t("search")}`));
      assert.equal(await text(page, "#share-heading"), ar.t("share"));
      assert.equal(await text(page, "#backlinks-heading"), ar.t("linkedFrom"));
      await page.locator(".local-graph > summary").click();
      await page.locator(".graph__depth").waitFor();
      assert.equal(await text(page, ".graph__depth"), ar.t("graphIncludeTwoAway"));
    });
  });
});

describe("a German site with a text of its own", () => {
  it("shows the German texts, the site's own over the translation, and German dates", async () => {
    await withPage("/de/notes/alpha/", { width: 1280, height: 900 }, async (page) => {
      assert.equal(await page.locator("html").getAttribute("dir"), "ltr");
      assert.equal(await page.locator("html").getAttribute("lang"), "de");
      await page.locator("button.search-button:visible").waitFor();
      assert.match(await text(page, "button.search-button"), /^Finden/);
      assert.deepEqual(await page.locator(".site-nav a").allTextContents(), [de.t("home"), de.t("tags"), de.t("graph")]);
      assert.equal(await text(page, ".skip-link"), de.t("skipToContent"));
      const time = page.locator(".article__meta time").first();
      const iso = await time.getAttribute("datetime");
      assert.ok(iso);
      assert.equal(await time.textContent(), new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso)));
      // The scheme button names its choices in German, those its script writes too.
      const toggle = page.locator("[data-theme-toggle]");
      await toggle.waitFor({ state: "visible" });
      assert.match((await toggle.textContent()) ?? "", new RegExp(`${de.t("themeScheme")}: ${de.t("themeAuto")}$`));
      await toggle.click();
      assert.equal(await text(page, "[data-theme-label]"), de.t("themeLight"));
      assert.equal(de.t("themeLight"), "Hell");
    });
  });

  it("counts and pages in German on the graph page, and its script writes German", async () => {
    await withPage("/de/graph/", { width: 1280, height: 900 }, async (page) => {
      assert.equal(await text(page, "h1"), de.t("graph"));
      assert.equal(await text(page, ".note-index .listing__count"), de.t("noteCount", { count: 11 }));
      const label = de.t("graphLabel", { notes: 11, links: 999 }).split("999");
      await page.locator(".graph canvas[aria-label]").waitFor();
      const said = (await page.locator(".graph canvas").getAttribute("aria-label")) ?? "";
      assert.ok(said.startsWith(label[0] ?? "") && said.endsWith(label[1] ?? ""), said);
    });
  });

  it("has a German 404 page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/de/404.html`);
    assert.equal(await text(page, "h1"), de.t("notFoundHeading"));
    assert.equal(await page.title(), `${de.t("notFoundTitle")} · Garten`);
    await context.close();
  });
});
