/**
 * A note's videos in headless Chromium, on a built site: the page asks nothing of the video's
 * site until the reader plays one, then the poster box becomes the privacy-enhanced player,
 * which the page's policy lets load; without JavaScript the box is a link to the video.
 */
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";
import { validationErrors } from "../helpers/validate.ts";

let server: StaticServer;
let browser: Browser;
let out: string;

before(async () => {
  const root = await tempDir("video");
  const vault = path.join(root, "vault");
  await mkdir(vault, { recursive: true });
  await writeFile(path.join(vault, "Watch.md"), "---\npublish: true\n---\nA talk:\n\n![The talk](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n![[Clips]]\n");
  await writeFile(path.join(vault, "Clips.md"), "---\npublish: true\n---\n![](https://vimeo.com/76979871)\n");
  await writeFile(path.join(vault, "Plain.md"), "---\npublish: true\n---\nNo videos.\n\n![A post](https://x.com/jack/status/20)\n");
  out = path.join(root, "site");
  const result = await runTrellis(["build", vault, "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  server = await serveFolder(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page; requests that leave the site are recorded and refused. */
async function open(url: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
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

const csp = (page: import("playwright-core").Page) => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");

describe("a note's videos", () => {
  it("load nothing from the video's site until the reader plays one; then the player loads", async () => {
    const { context, page, outside } = await open("/watch/");
    try {
      assert.match((await csp(page)) ?? "", /; frame-src 'self' https:\/\/player\.vimeo\.com https:\/\/www\.youtube-nocookie\.com; /);
      const poster = page.getByRole("link", { name: "The talk YouTube video" });
      await poster.waitFor({ state: "visible" });
      const box = await poster.boundingBox();
      assert.ok(box && Math.abs(box.width / box.height - 16 / 9) < 0.05, `poster box is ${JSON.stringify(box)}`);
      assert.deepEqual(outside, []);

      // Refused by the route above, which has recorded it by then.
      const request = page.waitForEvent("requestfailed", (candidate) => !candidate.url().startsWith(server.url));
      await poster.click();
      assert.equal((await request).url(), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
      const player = page.locator("iframe.video-embed__player");
      assert.equal(await player.getAttribute("title"), "The talk");
      assert.equal(await player.evaluate((frame) => frame === document.activeElement), true);
      // The embedded note's video is still a poster box.
      assert.equal(await page.locator("a.video-embed").getAttribute("href"), "https://vimeo.com/76979871");
      assert.deepEqual(outside, ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]);
    } finally {
      await context.close();
    }
  });

  it("are links to the video without JavaScript", async () => {
    const { context, page } = await open("/watch/", { javaScriptEnabled: false });
    try {
      const poster = page.getByRole("link", { name: "The talk YouTube video" });
      assert.equal(await poster.getAttribute("href"), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
      const navigation = page.waitForEvent("request", (candidate) => !candidate.url().startsWith(server.url));
      await poster.click({ noWaitAfter: true });
      assert.equal((await navigation).url(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    } finally {
      await context.close();
    }
  });

  it("and posts are valid HTML", async () => {
    const pages = new Map<string, string>();
    for (const page of ["watch/index.html", "plain/index.html"]) pages.set(page, await readFile(path.join(out, page), "utf8"));
    assert.match(pages.get("plain/index.html") ?? "", /<blockquote class="post-embed" cite="https:\/\/x\.com\/jack\/status\/20">/);
    assert.deepEqual(await validationErrors(pages), []);
  });

  it("are not offered, nor frames allowed, on a page without one", async () => {
    const { context, page } = await open("/plain/");
    try {
      assert.match((await csp(page)) ?? "", /; frame-src 'self'; /);
      assert.equal(await page.locator('script[src="/js/video-embed.js"]').count(), 0);
    } finally {
      await context.close();
    }
  });
});
