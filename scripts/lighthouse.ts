/**
 * Lighthouse's four scores for built pages, in Debian's Chromium:
 *   node --import tsx scripts/lighthouse.ts [CONTENT_DIR] [/anthropic/ …]
 * Builds CONTENT_DIR (default: the sample garden) with a site URL, as a deployed site is built,
 * serves it locally (text gzipped, as static hosts serve it) and runs Lighthouse (the npm
 * package, pinned here, fetched by npm on first use so that it stays out of the test suite's
 * dependencies) on each page. Prints each
 * category's score and every audit that did not pass; exits 1 when a score is below 100.
 * KEEP=1 keeps the built site, the last page's report.json and each page's final screenshot
 * (printed under its scores), and prints their folder.
 * STAND_IN=1 serves every remote image the pages show (a hero the build could not fetch is
 * shown from its source) from a local stand-in over HTTPS, so that a machine without internet
 * sees the page as a reader with a network does: without it, such an image fails to load and
 * Best Practices counts the browser's error.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import sharp from "sharp";
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
  details?: { data?: string };
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
  const standIn = process.env["STAND_IN"] ? await remoteStandIn(site, work) : undefined;
  try {
    for (const page of pages) {
      const output = path.join(work, "report.json");
      await run(
        "npm",
        ["exec", "--yes", `--package=${LIGHTHOUSE}`, "--", "lighthouse", server.url + page, "--output=json", `--output-path=${output}`, "--quiet", `--chrome-flags=${CHROME_FLAGS} --user-data-dir=${path.join(work, "profile")}${standIn?.flags ?? ""}`],
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
      );
      const report = JSON.parse(await readFile(output, "utf8")) as Report;
      console.log(`${page}`);
      // The page as Lighthouse last saw it, to look at beside the scores.
      const screenshot = report.audits["final-screenshot"]?.details?.data?.replace(/^data:image\/\w+;base64,/, "");
      if (screenshot && process.env["KEEP"]) {
        const file = path.join(work, `${page.replace(/[^\w-]+/g, "_").replace(/^_|_$/g, "") || "home"}.jpg`);
        await writeFile(file, Buffer.from(screenshot, "base64"));
        console.log(`  screenshot ${file}`);
      }
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
    standIn?.close();
  }
} finally {
  if (!process.env["KEEP"]) await rm(work, { recursive: true, force: true }); else console.log(work);
}
process.exit(lowest < 1 ? 1 : 0);

/**
 * An HTTPS server (a certificate made for the run) answering every remote image the built pages
 * show with one picture, and the Chromium flags that send those hosts to it.
 */
async function remoteStandIn(site: string, work: string): Promise<{ flags: string; close(): void }> {
  const hosts = new Set<string>();
  for (const file of (await readdir(site, { recursive: true })).filter((name) => name.endsWith(".html"))) {
    const html = await readFile(path.join(site, file), "utf8");
    for (const [, url] of html.matchAll(/<img[^>]+src="(https:\/\/[^"]+)"/g)) hosts.add(new URL(url!.replaceAll("&amp;", "&")).host);
  }
  const [key, cert] = [path.join(work, "stand-in.key"), path.join(work, "stand-in.crt")];
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=stand-in"]);
  const picture = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 90, g: 110, b: 130 } } }).jpeg({ quality: 70 }).toBuffer();
  const server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (_, response) => {
    response.writeHead(200, { "content-type": "image/jpeg", "cache-control": "max-age=3600" });
    response.end(picture);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`Remote images of ${[...hosts].join(", ") || "no host"} served by a local stand-in`);
  const rules = [...hosts].map((host) => `MAP ${host} 127.0.0.1:${port}`).join(",");
  return { flags: rules ? ` --host-resolver-rules="${rules}" --ignore-certificate-errors` : "", close: () => server.close() };
}
