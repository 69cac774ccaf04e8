/**
 * Runs one command in a child process and measures it: wall time, CPU time (user + system)
 * and peak resident memory.
 *
 * CPU and memory come from GNU time (`/usr/bin/time -f`), which reads the kernel's rusage of
 * the child when it exits (wait4). That measures the real command exactly as a user runs it,
 * from process start (tsx compiling TypeScript, module loading) to teardown, and the code under
 * test cannot skew it: no wrapper inside the build, no exit hook that a `process.exit` or a
 * crash would skip, and a build killed for lack of memory still reports its peak.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const GNU_TIME = "/usr/bin/time";
const FORMAT = "BENCH %e %U %S %M";

export interface Measurement {
  ok: boolean;
  /** Exit code, or the signal that ended the command. */
  status: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  /** The end of what the command printed, for the report when it fails. */
  output: string;
}

/** Throws with the fix when GNU time is missing (BSD and busybox `time` have no `-f`). */
export function requireGnuTime(): void {
  const probe = spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" });
  if (probe.status !== 0 || !/^\d+\s*$/m.test(probe.stderr)) {
    throw new Error(`the benchmark needs GNU time at ${GNU_TIME} to measure CPU and memory: apt-get install time`);
  }
}

export async function measure(command: string[], cwd: string): Promise<Measurement> {
  const statsDir = mkdtempSync(path.join(tmpdir(), "trellis-bench-"));
  const statsFile = path.join(statsDir, "time.txt");
  const started = performance.now();
  const child = spawn(GNU_TIME, ["-o", statsFile, "-f", FORMAT, ...command], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // Keep only the tail: a failing 50,000-note build can print a lot.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const wallSeconds = (performance.now() - started) / 1000;

  const stats = readFileSync(statsFile, "utf8");
  rmSync(statsDir, { recursive: true, force: true });
  // GNU time writes "Command terminated by signal 9" (and the like) before the format line.
  const [, , user = "0", system = "0", rssKiB = "0"] = /^BENCH (\S+) (\S+) (\S+) (\d+)/m.exec(stats) ?? [];
  const signal = /terminated by signal (\d+)/.exec(stats)?.[1];
  return {
    ok: code === 0,
    status: signal ? `killed by signal ${signal}` : `exit code ${code}`,
    wallSeconds,
    cpuSeconds: Number(user) + Number(system),
    peakRssMiB: Number(rssKiB) / 1024,
    output,
  };
}
