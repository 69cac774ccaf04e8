/**
 * A remote hero the build could not fetch, in headless Chromium: the reader's browser shows it
 * from its own address over the box of its shape (the box's link to it goes once it loads);
 * offline, the box and its link stay, and no broken image is left.
 */
import assert from "node:assert/strict";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { launchBrowser } from "../helpers/browser.ts";
import { runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder, type StaticServer } from "../helpers/static-server.ts";

let server: StaticServer;
let browser: Browser;

before(async () => {
  const root = await tempDir("remote-hero");
  const vault = path.join(root, "vault");
  const out = path.join(root, "site");
  await mkdir(vault, { recursive: true });
  // The site's own server is the image's host: it answers 404 while the site is built, so the build cannot fetch it.
  server = await serveFolder(out);
  await writeFile(path.join(vault, "Clip.md"), `---\npublish: true\nimage: "${server.url}/remote/photo.png"\nimage-caption: A remote photo\n---\nThe text.\n`);
  const result = await runTrellis(["build", vault, "--out", out], { env: { TRELLIS_CACHE: path.join(root, "cache") } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /could not fetch or read the image/);
  // Now the reader's browser can reach it.
  await mkdir(path.join(out, "remote"));
  await writeFile(path.join(root, "photo.png"), await sharp({ create: { width: 160, height: 90, channels: 3, background: "#2a6" } }).png().toBuffer());
  await copyFile(path.join(root, "photo.png"), path.join(out, "remote", "photo.png"));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe("a remote hero the build could not fetch", () => {
  it("is shown from its own address over its box, whose link then goes", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/clip/`, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelector(".hero__original")?.hasAttribute("hidden") === true);
      const image = page.locator("figure.hero img.hero__remote");
      assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 160);
      const [box, picture] = await Promise.all([page.locator(".hero__placeholder").boundingBox(), image.boundingBox()]);
      assert.ok(box && picture && Math.abs(box.width - picture.width) < 1 && Math.abs(box.height - picture.height) < 1, `the image does not cover its box: ${JSON.stringify({ box, picture })}`);
    } finally {
      await context.close();
    }
  });

  it("offline, stays a box linking to the image, with no broken image", async () => {
    const context = await browser.newContext();
    try {
      await context.route("**/remote/**", (route) => route.abort());
      const page = await context.newPage();
      await page.goto(`${server.url}/clip/`, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelector("figure.hero img") === null);
      assert.equal(await page.getByRole("link", { name: /View the image on 127\.0\.0\.1/ }).isVisible(), true);
    } finally {
      await context.close();
    }
  });
});
