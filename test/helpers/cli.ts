/** Runs the real `trellis` command as a child process, as an author would. */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export const REPO = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(REPO, "src/cli/bin.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTrellis(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? REPO, env: { ...process.env, NO_COLOR: "1", ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `trellis-${prefix}-`));
}

/** Every file below `root`, as paths relative to it with forward slashes. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * The text of every file of a built site, keyed by path. Compressed files (Pagefind writes its
 * index, fragments and metadata gzipped) are read decompressed: a scan for private text must
 * see what a reader's browser sees.
 */
export async function readSite(root: string): Promise<Map<string, string>> {
  const files = await listFiles(root);
  return new Map(await Promise.all(files.map(async (file) => [file, decoded(await readFile(path.join(root, file)))] as const)));
}

function decoded(bytes: Buffer): string {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
}

export function fixture(name: string): string {
  return path.join(REPO, "test/fixtures", name);
}
