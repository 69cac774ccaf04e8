/**
 * What a reader downloads for a first search, and what it finds, in Chromium on a built site
 * (served gzipped, as hosts serve it): each query typed on the home page in a fresh browser context.
 *   node --import tsx scripts/bench/search-download.ts SITE QUERY [QUERY…]
 */
import { launchBrowser } from "../../test/helpers/browser.ts";
import { serveFolder } from "../../test/helpers/static-server.ts";
const [site, ...queries] = process.argv.slice(2);
const server = await serveFolder(site!, "/", { compress: true });
const browser = await launchBrowser();
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0, requests = 0;
  page.on("response", async (response) => {
    if (!response.url().includes("/pagefind/")) return;
    const size = Number((await response.headerValue("content-length")) ?? 0) || (await response.body().catch(() => Buffer.alloc(0))).length;
    bytes += size; requests++;
  });
  await page.goto(`${server.url}/`);
  await page.locator("body").press("/");
  await page.locator(".search__input").fill(query);
  await page.waitForFunction(() => /Results for|No results for/.test(document.querySelector(".search__status")?.textContent ?? ""));
  await page.waitForLoadState("networkidle");
  const titles = await page.locator(".search__result > .search__link").allTextContents();
  console.log(`${query}: ${requests} requests, ${(bytes / 1024).toFixed(1)} KiB; first results: ${titles.slice(0, 3).join(" | ")} (${titles.length} shown)`);
  await context.close();
}
await browser.close();
await server.close();
