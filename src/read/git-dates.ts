/**
 * Dates from git for notes whose frontmatter has none: the first and the last commit that
 * touched each file, read with one `git log` for the whole vault. Without a repository there
 * are no such dates; a shallow clone gives wrong ones, so Trellis says so once.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GitDates {
  /** Vault path → dates of its first and last commit. */
  files: Map<string, { created: Date; updated: Date }>;
  shallow: boolean;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined; // not a repository, or git is not installed
  }
}

export async function readGitDates(contentDir: string): Promise<GitDates | undefined> {
  // At once: outside a repository all three fail at once, and a build waits for the slowest only.
  const [prefix, log, shallowness] = await Promise.all([
    git(contentDir, ["rev-parse", "--show-prefix"]),
    git(contentDir, ["log", "--format=%x00%cI", "--name-only", "--no-renames", "-z", "--", "."]),
    git(contentDir, ["rev-parse", "--is-shallow-repository"]),
  ]);
  if (prefix === undefined || log === undefined) return undefined;
  const shallow = shallowness?.trim() === "true";
  const inVault = prefix.trim();
  const files = new Map<string, { created: Date; updated: Date }>();
  let date: Date | undefined;
  for (const field of log.split("\0")) {
    const entry = field.replace(/^\n+/, "");
    if (entry === "") continue;
    if (/^\d{4}-\d{2}-\d{2}T/.test(entry) && !entry.includes("/") && !Number.isNaN(Date.parse(entry))) {
      date = new Date(entry);
      continue;
    }
    if (!date || !entry.startsWith(inVault)) continue;
    const file = path.posix.normalize(entry.slice(inVault.length));
    const known = files.get(file);
    if (!known) files.set(file, { created: date, updated: date });
    else if (date < known.created) known.created = date;
    else if (date > known.updated) known.updated = date;
  }
  return { files, shallow };
}
