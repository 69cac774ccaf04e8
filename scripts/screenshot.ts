/**
 * Screenshots of built pages at phone and desktop widths, for a look at the layout:
 *   node --import tsx scripts/screenshot.ts [_site] [/anthropic/ …]
 * Images go to test/artifacts/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { launchBrowser } from "../test/helpers/browser.ts";
import { serveFolder } from "../test/helpers/static-server.ts";

const [siteArg = "_site", ...pages] = process.argv.slice(2);
const site = await serveFolder(path.resolve(siteArg));
const browser = await launchBrowser();
const out = path.resolve("test/artifacts");
await mkdir(out, { recursive: true });
try {
  for (const page of pages.length ? pages : ["/anthropic/", "/"]) {
    for (const [name, width, scheme] of [["phone", 375, "light"], ["desktop", 1280, "light"], ["desktop-dark", 1280, "dark"]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const tab = await context.newPage();
      await tab.goto(site.url + page);
      const file = path.join(out, `${page.replace(/[^\p{L}\p{N}]+/gu, "_") || "home"}-${name}.png`);
      await tab.screenshot({ path: file, fullPage: false });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
