/**
 * axe-core in Chromium on pages the build wrote. The sites' CSP allows scripts of their own
 * origin only, so the tests serve axe from the site's origin, at a path no site has.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const AXE_PATH = "/__test__/axe.min.js";
let source: Promise<string> | undefined;

/** Lets the pages of `context` load axe from `siteUrl`. */
export async function serveAxe(context: BrowserContext, siteUrl: string): Promise<void> {
  source ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const body = await source;
  await context.route(siteUrl + AXE_PATH, (route) => route.fulfill({ contentType: "text/javascript", body }));
}

/** The serious and critical findings of axe on the page as it is now, each with where. */
export async function seriousViolations(page: Page, siteUrl: string): Promise<string[]> {
  await page.addScriptTag({ url: siteUrl + AXE_PATH });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return axe.run();
  });
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
