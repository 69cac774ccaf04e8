/**
 * Pages without JavaScript, in headless Chromium with scripts switched off, on a site `trellis
 * build` writes for a generated vault: a home note, a Notes folder (its folder note, Alpha and
 * Beta) and a Many folder of 130 notes, 134 listed notes in all. The explorer shows the note's
 * folder from the page itself, the graph page is a paginated index of every note, the search
 * button gives way to a link to that index, the copy button is hidden and the share links are
 * plain links. With scripts on, the enhanced controls replace the fallbacks.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

const MANY = 130;
const LISTED = MANY + 4;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server: StaticServer;
let browser: Browser;

async function note(vault: string, file: string, body: string, extra = ""): Promise<void> {
  await mkdir(path.dirname(path.join(vault, file)), { recursive: true });
  await writeFile(path.join(vault, file), `---\ndg-publish: true\n${extra}---\n${body}\n`);
}

before(async () => {
  const dir = await tempDir("no-script");
  const vault = path.join(dir, "vault");
  await note(vault, "Home.md", "Start with [[Alpha]].", "dg-home: true\n");
  await note(vault, "Notes/Notes.md", "The Notes folder.");
  await note(vault, "Notes/Alpha.md", "Alpha links to [[Beta]].");
  await note(vault, "Notes/Beta.md", "Beta links back to [[Alpha]].");
  for (let i = 1; i <= MANY; i++) await note(vault, `Many/Note ${String(i).padStart(3, "0")}.md`, `Note number ${i}.`);
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", vault, "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(built.code, 0, built.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(pathname: string, options: BrowserContextOptions, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    const response = await page.goto(server.url + pathname);
    assert.equal(response?.status(), 200, pathname);
    await body(page);
  } finally {
    await context.close();
  }
}

const noScript = (viewport: { width: number; height: number }): BrowserContextOptions => ({ javaScriptEnabled: false, viewport });

/** Visible links of a part of the page, as [text, path]. */
function visibleLinks(page: Page, selector: string): Promise<Array<[string, string]>> {
  return page.locator(`${selector} a:visible`).evaluateAll((links) => links.map((a) => [a.textContent?.trim() ?? "", new URL((a as HTMLAnchorElement).href).pathname] as [string, string]));
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the page is ${scroll}px wide in a ${client}px window`);
}

describe("without JavaScript", () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`the explorer shows the note's folder and a way to every note at ${viewport.width}px`, async () => {
      await withPage("/notes/alpha/", noScript(viewport), async (page) => {
        const links = await visibleLinks(page, "nav.explorer");
        assert.deepEqual(links, [
          ["Notes", "/notes/notes/"],
          ["Alpha", "/notes/alpha/"],
          ["Beta", "/notes/beta/"],
        ]);
        // The way to every note is the header's, once; the site's name is the header's too.
        const shown = await page.evaluate(() => document.body.innerText);
        assert.equal(shown.split("All notes").length - 1, 1, "All notes is shown more than once");
        assert.equal(await page.getByRole("link", { name: "All notes" }).getAttribute("href"), "/graph/");
        assert.equal(await page.locator('nav.explorer a[aria-current="page"]').textContent(), "Alpha");
        assert.equal(await page.locator(".explorer-toggle").isVisible(), false, "the Notes button does nothing without its script");
        await noHorizontalOverflow(page);
      });
    });
  }

  it("a large folder shows a bounded part of itself", async () => {
    await withPage("/many/note-001/", noScript(DESKTOP), async (page) => {
      const links = await visibleLinks(page, "nav.explorer");
      assert.ok(links.length >= 5 && links.length <= 12, `${links.length} links`);
      // The rest of the folder is a link away: the header's, to every note.
      assert.equal(await page.locator(".site-header").getByRole("link", { name: "All notes" }).getAttribute("href"), "/graph/");
    });
    // Deep in the folder, the part shown is the note's neighbourhood, the note itself included.
    await withPage("/many/note-077/", noScript(DESKTOP), async (page) => {
      const links = (await visibleLinks(page, "nav.explorer")).map(([, href]) => href);
      assert.ok(links.length <= 12, `${links.length} links`);
      for (const neighbour of ["/many/note-076/", "/many/note-077/", "/many/note-078/"]) assert.ok(links.includes(neighbour), `${neighbour} in ${links.join(" ")}`);
    });
  });

  it("search is a link to the index of notes, and the copy button is hidden; share links are plain links", async () => {
    await withPage("/notes/beta/", noScript(PHONE), async (page) => {
      assert.equal(await page.locator("button[data-search-open]").isVisible(), false);
      const fallback = page.locator(".site-header a.search-button");
      assert.equal(await fallback.textContent(), "All notes");
      assert.equal(await page.locator("[data-share-copy]").isVisible(), false);
      const share = await page.locator(".share__links a:visible").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      assert.ok(share.length >= 3, `${share.length} share links`);
      for (const href of share) assert.match(href, /^(mailto:|https:\/\/)/);
      assert.ok(share.some((href) => href.includes(encodeURIComponent("https://garden.example/notes/beta/"))), share.join("\n"));
      await fallback.click();
      await page.waitForURL(/\/graph\/$/);
    });
  });

  it("the graph page lists every note, a page at a time", async () => {
    const seen: string[] = [];
    await withPage("/graph/", noScript(DESKTOP), async (page) => {
      assert.equal(await page.locator(".graph").isVisible(), false, "the empty graph gives way to the index");
      const notes = await visibleLinks(page, ".note-index .note-list");
      assert.equal(notes.length, 100);
      seen.push(...notes.map(([, href]) => href));
      assert.match((await page.locator(".note-index .listing__count").textContent()) ?? "", new RegExp(`^${LISTED} notes · page 1 of 2$`));
      await page.locator('.pager a[rel="next"]').click();
      await page.waitForURL(/\/graph\/page_2\/$/);
      const rest = await visibleLinks(page, ".note-index .note-list");
      assert.equal(rest.length, LISTED - 100);
      seen.push(...rest.map(([, href]) => href));
      assert.equal(await page.locator('.pager a[rel="prev"]').getAttribute("href"), "/graph/");
      assert.equal(await page.locator('.pager a[rel="next"]').count(), 0);
      await noHorizontalOverflow(page);
    });
    assert.equal(new Set(seen).size, LISTED, "every listed note, once");
    for (const expected of ["/", "/notes/alpha/", "/many/note-130/"]) assert.ok(seen.includes(expected), expected);
  });
});

describe("with JavaScript", () => {
  it("the enhanced controls replace the fallbacks", async () => {
    await withPage("/notes/alpha/", { viewport: DESKTOP }, async (page) => {
      await page.locator('nav.explorer[data-state="ready"]').waitFor();
      assert.equal(await page.locator("nav.explorer noscript").count(), 0);
      assert.ok((await page.locator("nav.explorer details.explorer__folder").count()) >= 2, "the explorer's tree");
      await page.locator("button[data-search-open]:visible").waitFor();
      await page.locator("[data-share-copy]:visible").waitFor();
      assert.equal(await page.locator(".site-header a.search-button:visible").count(), 0);
    });
    await withPage("/graph/", { viewport: DESKTOP }, async (page) => {
      await page.locator(".graph canvas, .graph svg").first().waitFor();
      assert.equal(await page.locator(".note-index .note-list a").count(), 100);
    });
  });
});
