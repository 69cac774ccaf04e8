/**
 * How long `trellis serve` takes to show an edit: starts the server on a generated vault, edits
 * notes and polls the HTTP server until the change is on the page.
 *
 *   npm run bench:serve [-- --notes 5000] [--edits 5]
 *
 * Two kinds of edit: a word appended to a note (until its own page shows it), and a new title
 * for a note that others link to (until the page of a note it links to lists the new title
 * among its backlinks: the edit must reach other pages too). Prints numbers only.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { slugFromPath } from "../../src/read/permalink.ts";
import { generateVault } from "./generate-vault.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH = path.join(ROOT, ".bench");
const POLL_MS = 25;
const TIMEOUT_MS = 300_000;

const { values } = parseArgs({ options: { notes: { type: "string", default: "5000" }, edits: { type: "string", default: "5" } } });
const notes = Number(values.notes);
const edits = Number(values.edits);
if (!Number.isInteger(notes) || notes < 100 || !Number.isInteger(edits) || edits < 1) {
  console.error("Usage: npm run bench:serve -- [--notes 5000] [--edits 5]");
  process.exit(2);
}

// The edits change the vault, so the server gets a copy of the cached one. The copy lives
// outside the repository: Eleventy's watcher skips what .gitignore lists, .bench/ included.
const cached = path.join(BENCH, "vaults", `notes-${notes}-seed-1`);
const { summary } = await generateVault(cached, { notes, seed: 1 });
const scratch = mkdtempSync(path.join(tmpdir(), "trellis-bench-serve-"));
const vault = path.join(scratch, "vault");
cpSync(cached, vault, { recursive: true });

// ---------------------------------------------------------------- which notes to edit

interface VaultNote {
  file: string;
  url: string;
  listed: boolean;
  links: string[];
}

const files = readdirSync(vault, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md")).sort();
const byName = new Map<string, VaultNote>();
const published: VaultNote[] = [];
for (const file of files) {
  const source = readFileSync(path.join(vault, file), "utf8");
  const head = /^---\n([\s\S]*?)\n---\n/.exec(source)?.[1] ?? "";
  if (!/^dg-publish: true$/m.test(head) || /^dg-home: true$/m.test(head)) continue;
  // Names of the notes it links to ([[Folder/Name#Heading|label]] → Name); embeds left out.
  const links = [...source.matchAll(/(?<!!)\[\[([^\]|#]+)[^\]]*\]\]/g)].map((m) => path.posix.basename(m[1] ?? ""));
  const note = { file, url: slugFromPath(file), listed: !/^dg-hide: true$/m.test(head), links };
  byName.set(path.posix.basename(file, ".md").toLowerCase(), note);
  published.push(note);
}
const listed = published.filter((note) => note.listed);
const appendTargets = Array.from({ length: edits }, (_, i) => listed[Math.floor(((i + 0.5) * listed.length) / edits)]!);
const linkedTo = new Set(published.flatMap((note) => note.links.map((name) => byName.get(name.toLowerCase()))));
// A note others link to, and a listed note it links to, whose backlinks will show its title.
let retitled: VaultNote | undefined;
let backlinked: VaultNote | undefined;
for (const note of listed) {
  const target = note.links.map((name) => byName.get(name.toLowerCase())).find((t) => t && t !== note && t.listed);
  if (linkedTo.has(note) && target) [retitled, backlinked] = [note, target];
  if (retitled) break;
}
if (!retitled || !backlinked) {
  rmSync(scratch, { recursive: true, force: true });
  throw new Error("no published note links to another one; the vault is too small");
}

// ---------------------------------------------------------------- the server

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const server = spawn(process.execPath, ["src/cli/bin.js", "serve", vault, "--out", path.join(BENCH, "serve", "site"), "--port", String(port)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
process.once("SIGINT", () => server.kill("SIGKILL"));
/** The server's own "Built … in N s" lines: one per build it finished. */
const builds: number[] = [];
/** Files outside the vault that made the server rebuild (Trellis's sources are watched too). */
const outside = new Set<string>();
let log = "";
const read = (line: string) => {
  // Dead-link warnings are many and alike; the rest (builds, changes, errors) tells what happened.
  if (!/^(warning: |\s+fix: )/.test(line)) log = `${log}${line}\n`.slice(-10_000);
  const built = /Built .* in ([\d.]+) s:/.exec(line);
  if (built) builds.push(Number(built[1]));
  const changed = /File (?:changed|added|deleted|removed): (.+)$/.exec(line);
  const file = changed && path.resolve(ROOT, changed[1] ?? "");
  if (file && !file.startsWith(vault + path.sep)) outside.add(path.relative(ROOT, file));
};
createInterface({ input: server.stdout }).on("line", read);
createInterface({ input: server.stderr }).on("line", read);
const exited = new Promise<string>((resolve) => server.on("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds until the page at `url` contains `text`. */
async function until(url: string, text: string): Promise<number> {
  const from = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server stopped:\n${log}`);
    if (performance.now() - from > TIMEOUT_MS) throw new Error(`${url} did not show "${text}" within ${TIMEOUT_MS / 1000} s`);
    const page = await fetch(new URL(url, `http://127.0.0.1:${port}`)).then((response) => (response.ok ? response.text() : ""), () => "");
    if (page.includes(text)) return performance.now() - from;
    await sleep(POLL_MS);
  }
}

/** Waits until the server has finished the build(s) an edit started, so edits do not overlap. */
async function settle(buildsBefore: number): Promise<void> {
  const from = performance.now();
  while (builds.length <= buildsBefore && performance.now() - from < TIMEOUT_MS) await sleep(POLL_MS);
  await sleep(500);
}

function rssMiB(kind: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(new RegExp(`^${kind}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN) / 1024;
}

const seconds = (ms: number | undefined) => `${((ms ?? NaN) / 1000).toFixed(2)} s`;
const latencies = { append: [] as number[], retitle: [] as number[] };
const memory: number[] = [];

/** Rewrites a note, then measures until `url` shows `text`; prints one line per edit. */
async function timedEdit(kind: keyof typeof latencies, note: VaultNote, rewrite: (source: string) => string, url: string, text: string): Promise<void> {
  const file = path.join(vault, note.file);
  const before = builds.length;
  writeFileSync(file, rewrite(readFileSync(file, "utf8")));
  const ms = await until(url, text);
  await settle(before);
  latencies[kind].push(ms);
  memory.push(rssMiB("VmRSS"));
  console.log(`  ${kind} ${note.file}: shown after ${seconds(ms)}; server builds since the edit: ${builds.slice(before).map((b) => b.toFixed(2)).join(", ")} s; RSS ${memory.at(-1)?.toFixed(0)} MiB`);
}

function summarize(): void {
  for (const [kind, ms] of Object.entries(latencies)) {
    if (ms.length === 0) continue;
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`  ${kind}: median ${seconds(sorted[Math.floor(sorted.length / 2)])}, max ${seconds(sorted.at(-1))} (${ms.length} edits)`);
  }
  if (memory.length > 0) console.log(`  server memory: RSS after the first build ${memory[0]?.toFixed(0)} MiB, after the last edit ${memory.at(-1)?.toFixed(0)} MiB, peak ${rssMiB("VmHWM").toFixed(0)} MiB`);
  if (outside.size > 0) {
    console.log(`  warning: files outside the vault changed during the run and made the server rebuild too; the numbers include those builds: ${[...outside].slice(0, 5).join(", ")}${outside.size > 5 ? ", …" : ""}`);
  }
}

try {
  console.log(`trellis serve on ${notes.toLocaleString("en-US")} notes (${summary.published.toLocaleString("en-US")} published), port ${port}`);
  const firstPage = await until(appendTargets[0]!.url, "</html>");
  await settle(0);
  memory.push(rssMiB("VmRSS"));
  console.log(`  start to first page served: ${seconds(firstPage)} (server-reported build ${builds[0]?.toFixed(2)} s)`);
  for (const [i, note] of appendTargets.entries()) {
    const word = `benchword${i}q${Date.now().toString(36)}`;
    await timedEdit("append", note, (source) => `${source}\nEdited: ${word}\n`, note.url, word);
  }
  console.log(`  retitle: ${retitled.file} is linked from other notes; ${backlinked.url} lists it in its backlinks`);
  for (let i = 0; i < Math.max(3, Math.ceil(edits / 2)); i++) {
    const title = `Retitled benchtitle${i}q${Date.now().toString(36)}`;
    // Replaces the title the note has (if any) with the new one.
    const rewrite = (source: string) => source.replace(/^title: .*\n/m, "").replace(/^---\n/, `---\ntitle: ${title}\n`);
    await timedEdit("retitle", retitled, rewrite, backlinked.url, title);
  }
} catch (error) {
  process.exitCode = 1;
  console.log(`  stopped: ${(error as Error).message}\n  last lines of the server's output:\n${log.trimEnd().split("\n").slice(-15).map((line) => `    | ${line}`).join("\n")}`);
} finally {
  summarize();
  const stopping = performance.now();
  server.kill("SIGTERM");
  const stopped = await Promise.race([exited, sleep(15_000).then(() => undefined)]);
  if (stopped === undefined) {
    server.kill("SIGKILL");
    console.log("  server did not stop within 15 s of SIGTERM; killed");
  } else {
    console.log(`  server stopped on SIGTERM in ${seconds(performance.now() - stopping)} (${stopped})`);
  }
  rmSync(scratch, { recursive: true, force: true });
}
