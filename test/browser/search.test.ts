/** Search in Chromium: Pagefind's index of the sample garden, at the root and under a sub-path. */
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { PAGES_PER_BUNDLE } from "../../src/emit/search-index.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

let browser: Browser;
const servers: StaticServer[] = [];

async function buildAndServe(prefix: string, vault = "content"): Promise<StaticServer> {
  const out = path.join(await tempDir("search"), "site");
  const args = ["build", vault, "--out", out, ...(prefix === "/" ? [] : ["--path-prefix", prefix])];
  const result = await runTrellis(args);
  assert.equal(result.code, 0, result.stderr);
  const server = await serveFolder(out, prefix);
  servers.push(server);
  return server;
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

/** Opens search with a key press and types a query; returns the result links' texts and hrefs. */
async function search(page: Page, query: string, key = "/"): Promise<Array<{ title: string; href: string }>> {
  await page.locator("body").press(key);
  const input = page.locator(".search__input");
  await input.waitFor({ state: "visible" });
  await input.fill(query);
  // Search says how many it found, or that it found none, once the results are drawn.
  await page.waitForFunction((q) => /Results for|No results for/.test(document.querySelector(".search__status")?.textContent ?? "") && document.querySelector(".search__status")?.textContent?.includes(q), query);
  const results = page.locator(".search__result > .search__link");
  return results.evaluateAll((links) => links.map((a) => ({ title: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
}

for (const prefix of ["/", "/repo/"]) {
  describe(`search at ${prefix}`, () => {
    let server: StaticServer;
    before(async () => {
      server = await buildAndServe(prefix);
    });

    it("loads nothing until it is opened", async () => {
      const context = await browser.newContext();
      const requested: string[] = [];
      context.on("request", (request) => requested.push(request.url()));
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}notes/digital-gardens/`);
      await page.waitForLoadState("networkidle");
      assert.ok(!requested.some((url) => url.includes("/pagefind/")), requested.join("\n"));
      await context.close();
    });

    it("finds a note by a word in its body and goes there", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      const results = await search(page, "evergreen");
      assert.equal(results[0]?.title, "Digital gardens");
      assert.equal(results[0]?.href, `${prefix}notes/digital-gardens/`);
      assert.match(await page.locator(".search__excerpt mark").first().innerText(), /evergreen/i);
      await page.locator(".search__link").first().click();
      await page.waitForURL(`${server.url}${prefix}notes/digital-gardens/`);
      await context.close();
    });

    it("finds a note by its alias, with Ctrl-K", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}notes/reading-notes/`);
      const results = await search(page, "Linking", "Control+k");
      assert.equal(results[0]?.title, "How notes link");
    });

    it("finds Chinese words inside a sentence", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      const results = await search(page, "类型");
      assert.ok(results.some((r) => r.title === "关于各种int类型比较"), JSON.stringify(results));
      await context.close();
    });

    it("never finds hidden or unpublished notes", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}${prefix}`);
      // Pagefind's own API, so that every result is seen, not only the first page of them.
      const found = await page.evaluate(async (bundle) => {
        const pagefind = await import(`${bundle}pagefind/pagefind.js`);
        const urls: Record<string, string[]> = {};
        for (const word of ["Amoideis", "Daniela", "tantalizing", "Quokkaberry", "Marmalade", "Zephyrine"]) {
          const search = await pagefind.search(word);
          urls[word] = await Promise.all(search.results.map(async (r: { data(): Promise<{ url: string; content: string }> }) => {
            const data = await r.data();
            return `${data.url} ${/amoideis|daniela|tantalizing|quokkaberry|marmalade|zephyrine/i.test(data.content) ? "(contains the word)" : ""}`;
          }));
        }
        return urls;
      }, prefix);
      for (const [word, urls] of Object.entries(found)) {
        for (const url of urls) {
          assert.doesNotMatch(url, /anthropic|journal|draft/i, `searching "${word}" finds ${url}`);
          assert.doesNotMatch(url, /contains the word/, `searching "${word}" finds a page with it: ${url}`);
        }
      }
      await context.close();
    });
  });
}

describe("search in a garden of several languages", () => {
  let server: StaticServer;
  before(async () => {
    server = await buildAndServe("/", "test/fixtures/search-languages");
  });

  // Each query as a reader types it on an English page, with the title that must come first.
  const found: Array<[string, string]> = [
    ["compost", "Compost"],
    ["mulch", "Compost"],
    ["atlan", "Atlantis"],
    ["发酵", "茶的发酵"],
    ["乌龙茶", "茶的发酵"],
    ["俳句", "俳句と庭"],
    ["花园", "Words for garden"],
    ["Rosen", "Gärten im Winter"],
    ["Gärten", "Gärten im Winter"],
  ];
  for (const [query, title] of found) {
    it(`finds "${title}" first for "${query}"`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/compost/`);
      const results = await search(page, query);
      assert.equal(results[0]?.title, title, JSON.stringify(results));
      await context.close();
    });
  }

  // A word no listed note has: "no results", never notes that share a letter with it.
  for (const query of ["Amodei", "xylophone", "quinceharbor", "秘密"]) {
    it(`says there are no results for "${query}"`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      assert.deepEqual(await search(page, query), []);
      assert.equal(await page.locator(".search__status").innerText(), `No results for “${query}”.`);
      await context.close();
    });
  }

  it("offers the closest titles for a word typed wrong", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    assert.deepEqual(await search(page, "Atlanits"), []);
    assert.equal(await page.locator(".search__closest a").innerText(), "Atlantis");
    assert.equal(await page.locator(".search__closest a").getAttribute("href"), "/atlantis/");
    await context.close();
  });

  it("indexes each note in its language, the site's in the main bundle", async () => {
    const entry = async (bundle: string) => (await (await fetch(`${server.url}/pagefind/${bundle}pagefind-entry.json`)).json()) as { languages: Record<string, { page_count: number }> };
    const counts = (languages: Record<string, { page_count: number }>) => Object.fromEntries(Object.entries(languages).map(([language, { page_count }]) => [language, page_count]));
    assert.deepEqual(counts((await entry("")).languages), { en: 4 });
    assert.deepEqual(counts((await entry("zh/")).languages), { zh: 1 });
    assert.deepEqual(counts((await entry("ja/")).languages), { ja: 1 });
    assert.deepEqual(counts((await entry("de/")).languages), { de: 1 });
  });
});


describe("search in a garden indexed in parts", () => {
  // One note more than a part holds, and some: the last ones go to a second part.
  const notes = PAGES_PER_BUNDLE + 40;
  /** A made-up word for each note, that no other note has (Pagefind matches words by their start). */
  const word = (n: number) => `zq${n.toString(26).replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}x`;
  let server: StaticServer;
  let site: string;
  before(async () => {
    const dir = await tempDir("search-parts");
    const vault = path.join(dir, "vault");
    site = path.join(dir, "site");
    await mkdir(vault, { recursive: true });
    for (let n = 0; n < notes; n++) await writeFile(path.join(vault, `Note ${n}.md`), `---\ndg-publish: true\n---\nThis note is about ${word(n)}.\n`);
    const result = await runTrellis(["build", vault, "--out", site]);
    assert.equal(result.code, 0, result.stderr);
    server = await serveFolder(site, "/");
    servers.push(server);
  });

  it("writes the second part beside the first and lists it for search to merge", async () => {
    const entry = async (bundle: string) => (await (await fetch(`${server.url}/pagefind/${bundle}pagefind-entry.json`)).json()) as { languages: Record<string, { page_count: number }> };
    assert.equal((await entry("")).languages["en"]?.page_count, PAGES_PER_BUNDLE);
    assert.equal((await entry("en.2/")).languages["en"]?.page_count, notes - PAGES_PER_BUNDLE);
    assert.deepEqual(await (await fetch(`${server.url}/pagefind/trellis-bundles.json`)).json(), [{ path: "en.2/", language: "en" }]);
  });

  it("has the notes the order of names puts last in the second part", async () => {
    const fragments = path.join(site, "pagefind", "en.2", "fragment");
    // A fragment is gzipped JSON after Pagefind's 12-byte signature.
    const urls = await Promise.all((await readdir(fragments)).map(async (file) => (JSON.parse(gunzipSync(await readFile(path.join(fragments, file))).subarray(12).toString()) as { url: string }).url));
    assert.ok(urls.includes("/note-999/") && urls.includes("/note-970/"), urls.sort().join(" "));
    assert.ok(!urls.includes("/note-0/") && !urls.includes("/note-1999/"));
  });

  // Two notes of each part.
  for (const n of [0, 1999, 970, 999]) {
    it(`finds note ${n} by its word`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const results = await search(page, word(n));
      assert.deepEqual(results.map((result) => result.title), [`Note ${n}`]);
      await context.close();
    });
  }
});
