/**
 * Lighthouse's four scores for built pages, in Debian's Chromium:
 *   node --import tsx scripts/lighthouse.ts [CONTENT_DIR] [/anthropic/ …]
 * Builds CONTENT_DIR (default: the sample garden) with a site URL, as a deployed site is built,
 * serves it locally (text gzipped, as static hosts serve it) and runs Lighthouse (the npm
 * package, pinned here, fetched by npm on first use so that it stays out of the test suite's
 * dependencies) on each page. Prints each
 * category's score and every audit that did not pass; exits 1 when a score is below 100.
 * KEEP=1 keeps the built site and the last page's report.json, and prints their folder.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { serveFolder } from "../test/helpers/static-server.ts";

const LIGHTHOUSE = "lighthouse@13.5.0";
const CHROMIUM = process.env["CHROME_PATH"] ?? "/usr/bin/chromium";
const CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run";

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
}
interface Report {
  categories: Record<string, { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

const run = promisify(execFile);
const [contentArg = "content", ...pageArgs] = process.argv.slice(2);
const pages = pageArgs.length ? pageArgs : ["/anthropic/"];
const work = await mkdtemp(path.join(os.tmpdir(), "trellis-lighthouse-"));
let lowest = 1;
try {
  const site = path.join(work, "site");
  await run(process.execPath, ["src/cli/bin.js", "build", contentArg, "--out", site, "--url", "https://garden.example", "--quiet"]);
  // Text is sent gzipped, as the hosts Trellis deploys to send it.
  const server = await serveFolder(site, "/", { compress: true });
  try {
    for (const page of pages) {
      const output = path.join(work, "report.json");
      await run(
        "npm",
        ["exec", "--yes", `--package=${LIGHTHOUSE}`, "--", "lighthouse", server.url + page, "--output=json", `--output-path=${output}`, "--quiet", `--chrome-flags=${CHROME_FLAGS} --user-data-dir=${path.join(work, "profile")}`],
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(await readFile(output, "utf8")) as Report;
      console.log(`${page}`);
      for (const category of Object.values(report.categories)) {
        const score = category.score ?? 0;
        lowest = Math.min(lowest, score);
        console.log(`  ${category.title.padEnd(16)} ${Math.round(score * 100)}`);
        for (const ref of category.auditRefs) {
          const audit = report.audits[ref.id];
          if (!audit || audit.score === null || audit.score >= 1 || !["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode)) continue;
          console.log(`    ${ref.weight > 0 ? "failed" : "noted "} ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
        }
      }
    }
  } finally {
    await server.close();
  }
} finally {
  if (!process.env["KEEP"]) await rm(work, { recursive: true, force: true }); else console.log(work);
}
process.exit(lowest < 1 ? 1 : 0);
