/**
 * How close Trellis stays to the stack it stands on: builds the same synthetic vault with
 * Trellis (every feature on), plain Eleventy, Eleventy followed by Pagefind's command line, and
 * Hugo with and without Pagefind when `hugo` is installed (builders.ts), one after the other,
 * and prints wall time, CPU time, peak memory, the ratios and the size of the output.
 *
 *   npm run bench [-- --sizes 100,1000,10000,50000] [--repeat N] [--seed S] [--warm 5000]
 *
 * Trellis's timed builds are `trellis build --fresh` into an empty folder: images and social
 * cards come from the cache (every build after a garden's first has them), every note is read
 * and rendered, as Eleventy does.
 * `--warm N` (default 5000; 0 to skip) also measures, on a copy of the N-note vault, warm builds
 * after one note was edited and after a much-linked note was retitled (the previous output and
 * caches in use), each beside a cold build and compared with one byte for byte.
 *
 * Numbers, not a test: the exit code is non-zero only when a build fails.
 * Vaults and sites go to .bench/ (git-ignored); vaults are reused across runs.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateVault, type VaultSummary } from "./generate-vault.ts";
import { measure, requireMeasuring, type Measurement } from "./measure.ts";
import { siteStats, typicalArticleWeight, type PageWeight, type SiteStats } from "./site-stats.ts";
import { ELEVENTY_ALONE, ELEVENTY_PAGEFIND, hugoBuilders, TRELLIS, TRELLIS_WARM, type Builder } from "./builders.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH = path.join(ROOT, ".bench");
/** Trellis's cache for the benchmark's builds: one folder per vault inside (see the plugin). */
const CACHE = path.join(BENCH, "cache");
process.env["TRELLIS_CACHE"] = CACHE;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,10000" },
    repeat: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    warm: { type: "string", default: "5000" },
  },
});
const warmSize = Number(values.warm);
const sizes = values.sizes.split(",").map(Number);
const repeat = Number(values.repeat);
const seed = Number(values.seed);
if (sizes.some((n) => !Number.isInteger(n) || n < 10) || !Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(seed)) {
  console.error("Usage: npm run bench -- [--sizes 1000,10000,50000] [--repeat N] [--seed S]");
  process.exit(2);
}
requireMeasuring();

const BUILDERS: Builder[] = [TRELLIS, ELEVENTY_ALONE, ELEVENTY_PAGEFIND, ...hugoBuilders(BENCH)];

interface Result {
  size: number;
  vault: VaultSummary;
  builds: Array<{ name: string; runs: Measurement[]; median?: Measurement; site?: SiteStats; article?: PageWeight | undefined }>;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? NaN;
const n = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number) => n(bytes / 2 ** 20, 1);
const kib = (bytes: number) => n(bytes / 1024, 1);
const ratio = (a: number, b: number) => `${n(a / b, 2)}x`;

/** Columns padded to their widest cell; the first column left-aligned, numbers right-aligned. */
function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("   "));
}

/** What a failed build said: its error lines (not a whole native stack trace), then its last lines. */
function failureLines(output: string): string[] {
  const lines = output.trimEnd().split("\n");
  const errors = lines.filter((line) => /error|fatal|panicked/i.test(line)).slice(0, 10);
  return [...errors, ...lines.slice(-5).filter((line) => !errors.includes(line))];
}

async function benchSize(size: number): Promise<Result> {
  const vaultDir = path.join(BENCH, "vaults", `notes-${size}-seed-${seed}`);
  const generating = performance.now();
  const { summary, reused } = await generateVault(vaultDir, { notes: size, seed });
  console.log(`\n${n(size)} notes: ${n(summary.published)} published (${n(summary.hidden)} hidden), ${n(summary.unpublished)} private, ${n(summary.words)} words of prose`);
  console.log(`  vault ${path.relative(ROOT, vaultDir)} ${reused ? "reused" : `generated in ${n((performance.now() - generating) / 1000, 1)} s`}`);

  const result: Result = { size, vault: summary, builds: BUILDERS.map((builder) => ({ name: builder.name, runs: [] })) };
  // Images and social cards are made once and kept in the cache (a deploy restores it), so the
  // timed builds start from a warm cache, as every build after a garden's first one does.
  const warmOut = path.join(BENCH, "out", `warm-up-${size}`);
  const warm = await measure(BUILDERS[0]!.command(vaultDir, warmOut), ROOT);
  rmSync(warmOut, { recursive: true, force: true });
  console.log(`  warm-up Trellis build (fills the image cache; not counted): ${n(warm.wallSeconds, 2)} s${warm.ok ? "" : ` FAILED (${warm.status})`}`);
  for (let run = 1; run <= repeat; run++) {
    // One build at a time, alternating, so both see the same machine load and disk cache.
    for (const [index, builder] of BUILDERS.entries()) {
      const out = path.join(BENCH, "out", `${builder.name.toLowerCase()}-${size}`);
      rmSync(out, { recursive: true, force: true }); // every build starts from an empty output folder
      const measured = await measure(builder.command(vaultDir, out), ROOT);
      const build = result.builds[index]!;
      build.runs.push(measured);
      const programs = Object.entries(measured.peakRssMiBByProgram).map(([name, value]) => `${name} ${n(value, 0)}`).join(", ");
      const cost = `${n(measured.wallSeconds, 2)} s, CPU ${n(measured.cpuSeconds, 2)} s, peak RSS ${n(measured.peakRssMiB, 0)} MiB (${programs})`;
      console.log(`  run ${run}/${repeat} ${builder.name.padEnd(8)} ${measured.ok ? cost : `FAILED (${measured.status}) after ${cost}`}`);
      if (!measured.ok) console.log(failureLines(measured.output).map((line) => `    | ${line}`).join("\n"));
      if (run === repeat && build.runs.every((r) => r.ok)) {
        build.site = siteStats(out);
        if (builder.name === "Trellis") build.article = typicalArticleWeight(out);
      }
    }
  }
  for (const build of result.builds) {
    if (!build.runs.every((r) => r.ok)) continue;
    build.median = {
      ...build.runs[0]!,
      wallSeconds: median(build.runs.map((r) => r.wallSeconds)),
      cpuSeconds: median(build.runs.map((r) => r.cpuSeconds)),
      peakRssMiB: median(build.runs.map((r) => r.peakRssMiB)),
    };
  }
  printSize(result);
  return result;
}

function printSize(result: Result): void {
  const rows = [["", "wall s", "CPU s", "peak RSS MiB", "pages", "files", "output MiB", "largest page KiB", "median page KiB"]];
  for (const { name, runs, median: m, site } of result.builds) {
    // A failed build shows what it cost until it failed.
    const shown = m ?? runs.at(-1)!;
    const sizes = site ? [n(site.pages), n(site.files), mib(site.totalBytes), kib(site.largestPage.bytes), kib(site.medianPageBytes)] : ["-", "-", "-", "-", "-"];
    rows.push([m ? name : `${name} FAILED`, n(shown.wallSeconds, 2), n(shown.cpuSeconds, 2), n(shown.peakRssMiB, 0), ...sizes]);
  }
  const [trellis, ...baselines] = result.builds;
  for (const baseline of baselines) {
    if (!trellis?.median || !baseline.median || !trellis.site || !baseline.site) continue;
    const [t, b] = [trellis.median, baseline.median];
    rows.push([`Trellis / ${baseline.name}`, ratio(t.wallSeconds, b.wallSeconds), ratio(t.cpuSeconds, b.cpuSeconds), ratio(t.peakRssMiB, b.peakRssMiB), "", "", ratio(trellis.site.totalBytes, baseline.site.totalBytes), "", ratio(trellis.site.medianPageBytes, baseline.site.medianPageBytes)]);
  }
  console.log(`\n${n(result.size)} notes, median of ${repeat} run${repeat > 1 ? "s" : ""}:`);
  printTable(rows);
  if (trellis?.site) console.log(`Largest Trellis page: ${trellis.site.largestPage.path}`);
  const article = trellis?.article;
  if (article) {
    console.log(
      `Typical Trellis article page (median HTML size, ${article.path}): HTML ${kib(article.htmlBytes)} + CSS ${kib(article.cssBytes)} + JS ${kib(article.jsBytes)} = ${kib(article.totalBytes)} KiB (budget 50 KB, JS 15 KB)`,
    );
  }
}

/** One line per size: does time and memory per note stay flat as the vault grows? */
function printScaling(results: Result[]): void {
  const rows = [["notes", "Trellis s", "Eleventy s", "wall x", "CPU x", "Eleventy+Pagefind s", "wall x", "Trellis ms/note", "Eleventy ms/note", "Trellis MiB", "Eleventy MiB", "RSS x", "Trellis median page KiB", "largest KiB", "article KiB", "article JS KiB"]];
  for (const { size, builds: [t, b, bp] } of results) {
    const tm = t?.median;
    const bm = b?.median;
    const pm = bp?.median;
    const cell = (value: number | undefined, digits: number) => (value === undefined || Number.isNaN(value) ? "FAILED" : n(value, digits));
    rows.push([
      n(size),
      cell(tm?.wallSeconds, 2),
      cell(bm?.wallSeconds, 2),
      tm && bm ? ratio(tm.wallSeconds, bm.wallSeconds) : "-",
      tm && bm ? ratio(tm.cpuSeconds, bm.cpuSeconds) : "-",
      cell(pm?.wallSeconds, 2),
      tm && pm ? ratio(tm.wallSeconds, pm.wallSeconds) : "-",
      cell(tm && (tm.wallSeconds * 1000) / size, 2),
      cell(bm && (bm.wallSeconds * 1000) / size, 2),
      cell(tm?.peakRssMiB, 0),
      cell(bm?.peakRssMiB, 0),
      tm && bm ? ratio(tm.peakRssMiB, bm.peakRssMiB) : "-",
      cell(t?.site && t.site.medianPageBytes / 1024, 1),
      cell(t?.site && t.site.largestPage.bytes / 1024, 1),
      cell(t?.article && t.article.totalBytes / 1024, 1),
      cell(t?.article && t.article.jsBytes / 1024, 1),
    ]);
  }
  console.log("\nScaling:");
  printTable(rows);
  const weights = results.flatMap((result) => {
    const article = result.builds[0]?.article;
    return article ? [{ size: result.size, article }] : [];
  });
  const [smallest, largest] = [weights[0], weights.at(-1)];
  if (smallest && largest && smallest !== largest) {
    const change = (largest.article.totalBytes / smallest.article.totalBytes - 1) * 100;
    console.log(`Typical article page: ${kib(smallest.article.totalBytes)} KiB at ${n(smallest.size)} notes, ${kib(largest.article.totalBytes)} KiB at ${n(largest.size)} (${change >= 0 ? "+" : ""}${n(change, 1)} %, budget ±5 %)`);
  }
}

/** Every file that differs between two folders (missing from one, or other bytes), by relative path. */
function differingFiles(a: string, b: string): string[] {
  const files = (dir: string) => new Set(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))));
  const [left, right] = [files(a), files(b)];
  const differing = [...left].filter((file) => !right.has(file) || !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))));
  return [...differing, ...[...right].filter((file) => !left.has(file))].sort();
}

/** The note most other notes link to by name (`[[Name]]` or `[[Name|…]]`), and how many do. */
function mostLinkedNote(vault: string, notes: string[]): { note: string; linkers: number } {
  const texts = new Map(notes.map((note) => [note, readFileSync(path.join(vault, note), "utf8")]));
  let best = { note: notes[0]!, linkers: -1 };
  for (const note of notes) {
    const name = path.basename(note, ".md");
    const linkers = [...texts].filter(([other, text]) => other !== note && (text.includes(`[[${name}]]`) || text.includes(`[[${name}|`))).length;
    if (linkers > best.linkers) best = { note, linkers };
  }
  return best;
}

/** Gives a note a new title in its frontmatter (the links to it name its file, which stays). */
function retitle(file: string, title: string): void {
  const text = readFileSync(file, "utf8");
  const fields = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const line = `title: ${JSON.stringify(title)}`;
  if (!fields) return writeFileSync(file, `---\n${line}\n---\n${text}`);
  const kept = fields[1]!.split("\n").filter((field) => !/^title:/.test(field));
  writeFileSync(file, `---\n${[line, ...kept].join("\n")}\n---\n${text.slice(fields[0].length)}`);
}

/**
 * Warm builds (the previous build's output and caches in use, as the deploy workflow restores
 * them) after one note's body was edited, then after a much-linked note was retitled, each beside
 * a cold build (--fresh, into an empty folder) and checked byte for byte against a cold build of
 * the same notes.
 */
async function benchWarm(size: number): Promise<boolean> {
  // The vault of the cold benchmark itself, edited and put back afterwards: its images and
  // social cards are in the cache already (a copy elsewhere would make them all again).
  const vault = path.join(BENCH, "vaults", `notes-${size}-seed-${seed}`);
  await generateVault(vault, { notes: size, seed });
  const out = path.join(BENCH, "out", `warm-${size}`);
  const coldOut = path.join(BENCH, "out", `warm-${size}-cold`);
  rmSync(out, { recursive: true, force: true });
  const programs = (m: Measurement) => Object.entries(m.peakRssMiBByProgram).map(([name, value]) => `${name} ${n(value, 0)}`).join(", ");
  const cost = (m: Measurement) => (m.ok ? `${n(m.wallSeconds, 2)} s, CPU ${n(m.cpuSeconds, 2)} s, peak RSS ${n(m.peakRssMiB, 0)} MiB (${programs(m)})` : `FAILED (${m.status})`);
  const notes = readdirSync(vault, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md")).sort();
  const edited = notes[0]!;
  const { note: linked, linkers } = mostLinkedNote(vault, notes);
  const originals = new Map([edited, linked].map((note) => [note, readFileSync(path.join(vault, note))]));
  try {
    const first = await measure(TRELLIS_WARM.command(vault, out), ROOT); // the site the warm builds replace
    if (!first.ok) return false;
    const cold = async () => {
      rmSync(coldOut, { recursive: true, force: true });
      return measure(TRELLIS.command(vault, coldOut), ROOT);
    };
    const coldBefore = await cold();
    console.log(`\nWarm builds of ${n(size)} notes (the previous build's output and caches in use) beside a cold build (--fresh, into an empty folder): ${cost(coldBefore)}`);
    let ok = coldBefore.ok;
    const edits: Array<[string, () => void]> = [
      [`one note's body edited (${edited})`, () => appendFileSync(path.join(vault, edited), "\nOne more line, written for the warm build.\n")],
      [`a note ${linkers} others link to retitled (${linked})`, () => retitle(path.join(vault, linked), "Retitled for the warm build")],
    ];
    for (const [what, edit] of edits) {
      edit();
      const warm = await measure(TRELLIS_WARM.command(vault, out), ROOT);
      const said = warm.output.split("\n").filter((line) => /Built |Pages: /.test(line)).map((line) => line.replace(/\u001b\[[0-9;]*m/g, "").trim());
      console.log(`  ${what}: ${cost(warm)}${warm.ok && coldBefore.ok ? `, ${ratio(warm.wallSeconds, coldBefore.wallSeconds)} of cold` : ""}`);
      for (const line of said) console.log(`    ${line}`);
      const check = await cold();
      const differing = warm.ok && check.ok ? differingFiles(out, coldOut) : ["(a build failed)"];
      console.log(`    the same as a cold build of these notes: ${differing.length === 0 ? "yes, byte for byte" : `NO, ${differing.length} files differ: ${differing.slice(0, 5).join(", ")}`}`);
      ok &&= warm.ok && differing.length === 0;
    }
    return ok;
  } finally {
    for (const [note, text] of originals) writeFileSync(path.join(vault, note), text);
  }
}

const results: Result[] = [];
for (const size of sizes) results.push(await benchSize(size));
if (results.length > 1) printScaling(results);
const warmOk = warmSize > 0 ? await benchWarm(warmSize) : true;
process.exitCode = results.some((result) => result.builds.some((build) => !build.median)) || !warmOk ? 1 : 0;
