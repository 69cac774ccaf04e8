/**
 * The reader's colour scheme and the site's text face in Chromium, on a built page: the toggle's
 * choice holds across reloads and is on <html> before the first paint; without one the page
 * follows the system; Mermaid draws in the scheme's colours; the text is set in the
 * self-hosted Source Serif 4, fetched from the site only; Mermaid's script is fetched only when a
 * diagram comes near the viewport.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

let server: StaticServer;
let browser: Browser;

const NOTE = `---
dg-publish: true
title: Scheme
---
Some text in the site's face, *in italic too*, with a [link out](https://example.org).

\`\`\`mermaid
graph LR
  A[Start] --> B[End]
\`\`\`
`;

/** A diagram several screens down the page. */
const FAR = `---
dg-publish: true
title: Far diagram
---
${Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of the text before the diagram.`).join("\n\n")}

\`\`\`mermaid
graph LR
  C[Far] --> D[Away]
\`\`\`
`;

before(async () => {
  const dir = await tempDir("theme");
  await mkdir(path.join(dir, "notes"));
  await writeFile(path.join(dir, "notes", "Scheme.md"), NOTE);
  await writeFile(path.join(dir, "notes", "Far diagram.md"), FAR);
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", path.join(dir, "notes"), "--out", out, "--quiet"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(built.code, 0, built.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page that records, in the first animation frame (which runs before the first paint, once
 * the render-blocking style sheet is in), the scheme on <html> and the page's background.
 */
async function openPage(context: BrowserContext): Promise<Page> {
  await context.addInitScript(() => {
    requestAnimationFrame(() => {
      Reflect.set(window, "firstFrame", { theme: document.documentElement.dataset["theme"] ?? null, background: getComputedStyle(document.body ?? document.documentElement).backgroundColor });
    });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/scheme/`);
  await page.waitForFunction(() => Reflect.get(window, "firstFrame") !== undefined);
  return page;
}

const firstFrame = (page: Page) => page.evaluate(() => Reflect.get(window, "firstFrame") as { theme: string | null; background: string });
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT = "rgb(252, 252, 250)";
const DARK = "rgb(22, 22, 21)";

/** The text of the style Mermaid put in the drawn diagram, once it is drawn. */
async function diagramStyle(page: Page, previous = ""): Promise<string> {
  const handle = await page.waitForFunction((before) => {
    const text = document.querySelector("pre.mermaid svg style")?.textContent ?? "";
    return text && text !== before ? text : false;
  }, previous);
  return (await handle.jsonValue()) as string;
}

describe("the colour scheme", () => {
  it("follows the system until the reader chooses, and remembers the choice before the first paint", async () => {
    const context = await browser.newContext({ colorScheme: "dark" });
    let page = await openPage(context);
    assert.deepEqual(await firstFrame(page), { theme: null, background: DARK });
    const toggle = page.locator("[data-theme-toggle]");
    await toggle.waitFor({ state: "visible" });
    assert.equal(await toggle.getAttribute("aria-label"), null, "its name is its visible text");
    assert.match((await toggle.textContent()) ?? "", /Colour scheme: Auto$/);
    const dark = await diagramStyle(page);
    assert.match(dark, /#22221f/i, "Mermaid's nodes take the dark surface colour");

    await toggle.click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset["theme"]), "light");
    assert.match((await toggle.textContent()) ?? "", /Light$/);
    assert.equal(await background(page), LIGHT);
    assert.equal(await page.evaluate(() => localStorage.getItem("trellis-theme")), "light");
    const light = await diagramStyle(page, dark);
    assert.match(light, /#f1f1ec/i, "redrawn in the light surface colour");

    await page.close();
    page = await openPage(context);
    assert.deepEqual(await firstFrame(page), { theme: "light", background: LIGHT }, "the choice is on <html> at the first frame");
    await page.locator("[data-theme-toggle]").click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset["theme"]), "dark");
    await page.locator("[data-theme-toggle]").click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset["theme"] ?? null), null, "back to the system's");
    assert.equal(await page.evaluate(() => localStorage.getItem("trellis-theme")), null);
    assert.equal(await background(page), DARK);
    await context.close();
  });

  it("keeps a dark choice on a light system across reloads", async () => {
    const context = await browser.newContext({ colorScheme: "light" });
    await context.addInitScript(() => localStorage.setItem("trellis-theme", "dark"));
    const page = await openPage(context);
    assert.deepEqual(await firstFrame(page), { theme: "dark", background: DARK });
    await page.reload();
    await page.waitForFunction(() => Reflect.get(window, "firstFrame") !== undefined);
    assert.deepEqual(await firstFrame(page), { theme: "dark", background: DARK });
    await context.close();
  });
});

describe("diagrams", () => {
  it("fetch their scripts only when a diagram comes near, then draw it", async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => {
      if (/\/js\/mermaid[.-]/.test(request.url())) fetched.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}/far-diagram/`);
    // The page script has run (a module runs before load) and its observer has had the frames
    // in which it reports where each diagram is.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await page.locator("pre.mermaid svg").count(), 0);
    assert.deepEqual(fetched, [], "nothing of Mermaid fetched while the diagram is screens away");
    await page.locator("pre.mermaid").scrollIntoViewIfNeeded();
    await page.locator("pre.mermaid svg").waitFor();
    assert.deepEqual(fetched, ["/js/mermaid-init.js", "/js/mermaid.min.js"]);
    await context.close();
  });
});

describe("the text face", () => {
  it("is Source Serif 4, loaded from the site, upright and italic", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fontRequests: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "font") fontRequests.push(request.url());
    });
    await page.goto(`${server.url}/scheme/`);
    await page.evaluate(() => document.fonts.ready);
    const faces = await page.evaluate(() =>
      [...document.fonts].filter((face) => face.family.replace(/"/g, "") === "Source Serif 4 Variable" && face.status === "loaded").map((face) => face.style),
    );
    assert.ok(faces.includes("normal") && faces.includes("italic"), `loaded faces: ${faces.join(", ")}`);
    const family = await page.evaluate(() => getComputedStyle(document.querySelector(".article__body p") ?? document.body).fontFamily);
    assert.match(family, /^"Source Serif 4 Variable"/);
    assert.ok(fontRequests.length >= 2, fontRequests.join("\n"));
    for (const url of fontRequests) assert.ok(url.startsWith(`${server.url}/fonts/source-serif-4-latin-`), `only the latin files, from the site: ${url}`);
    await context.close();
  });
});

describe("links to other sites", () => {
  it("keep their arrow on the line of their last word, however narrow the line", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/scheme/`);
    const lines = await page.evaluate(() => {
      // A line exactly as wide as its words: the arrow has no room at its end, and would wrap
      // onto the next line alone if it could; tied to the word, the two go there together.
      const paragraph = document.createElement("p");
      const link = document.createElement("a");
      link.className = "external";
      link.href = "https://example.org/";
      link.textContent = "Wordy";
      paragraph.append("Some ", link);
      paragraph.style.whiteSpace = "normal";
      document.querySelector("main")?.append(paragraph);
      // The words' width without the arrow (a range over the element would hold its ::after).
      const range = document.createRange();
      range.setStart(paragraph.firstChild ?? paragraph, 0);
      range.setEnd(link.firstChild ?? link, "Wordy".length);
      paragraph.style.width = `${Math.ceil(range.getBoundingClientRect().width)}px`;
      const tops = [...link.getClientRects()].map((rect) => Math.round(rect.top));
      return new Set(tops).size;
    });
    assert.equal(lines, 1, "the word and its arrow are on one line");
    await context.close();
  });
});
