/**
 * Runs one command in a child process and measures it: wall time, CPU time (user + system)
 * and peak resident memory, through scripts/bench/rusage.py.
 *
 * Why a helper process and not `/usr/bin/time -f` or process.resourceUsage() in a wrapper: all
 * three read the kernel's rusage, which the build cannot skew (no exit hook to skip, and a build
 * killed for lack of memory still reports its peak), but the last two only count processes that
 * their parent waits for. A Trellis build ends Pagefind's indexer without waiting for it, so
 * seconds of indexing CPU would go missing; rusage.py makes itself the subreaper and counts them.
 * Peak memory is that of the largest single process, not a sum; rusage.py also samples each
 * program's own peak (the Node.js build apart from Pagefind's indexer).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const HELPER = path.join(import.meta.dirname, "rusage.py");

export interface Measurement {
  ok: boolean;
  /** Exit code, or the signal that ended the command. */
  status: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** Peak resident memory of each program the command ran (node, Pagefind's indexer…), each on its own. */
  peakRssMiBByProgram: Record<string, number>;
  /** The end of what the command printed, for the report when it fails. */
  output: string;
}

/** Throws with the fix when the helper cannot run (it needs python3 and Linux). */
export function requireMeasuring(): void {
  const dir = mkdtempSync(path.join(tmpdir(), "trellis-bench-"));
  const probe = spawnSync("python3", [HELPER, path.join(dir, "probe.json"), "true"], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  if (probe.status !== 0) {
    throw new Error(`the benchmark measures builds with python3 ${path.relative(process.cwd(), HELPER)} (Linux): ${probe.error?.message ?? probe.stderr.trim()}`);
  }
}

export async function measure(command: string[], cwd: string): Promise<Measurement> {
  const dir = mkdtempSync(path.join(tmpdir(), "trellis-bench-"));
  const statsFile = path.join(dir, "usage.json");
  const child = spawn("python3", [HELPER, statsFile, ...command], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // Keep only the tail: a failing 50,000-note build can print a lot.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  await new Promise((resolve) => child.on("close", resolve));
  let usage: { ok: boolean; status: string; wallSeconds: number; cpuSeconds: number; peakRssKiB: number; peakRssKiBByProgram?: Record<string, number> };
  try {
    usage = JSON.parse(readFileSync(statsFile, "utf8"));
  } catch {
    usage = { ok: false, status: "not measured (rusage.py failed)", wallSeconds: NaN, cpuSeconds: NaN, peakRssKiB: NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { peakRssKiB, peakRssKiBByProgram = {}, ...rest } = usage;
  // Programs under 1 MiB are the helper's own fork before it started the command.
  const byProgram = Object.fromEntries(Object.entries(peakRssKiBByProgram).filter(([, kib]) => kib >= 1024).map(([name, kib]) => [name, kib / 1024]));
  return { ...rest, peakRssMiB: peakRssKiB / 1024, peakRssMiBByProgram: byProgram, output };
}
