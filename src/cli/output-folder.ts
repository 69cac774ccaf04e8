/**
 * The output folder a build replaces: only a folder Trellis wrote (marked by SITE_MARKER), an
 * empty one, or one the author names with --force. A build holds a lock beside it while it
 * works; one that was killed leaves its lock and its temporary folders behind, and the next
 * build puts the previous site back in place if it was moved aside, then removes them.
 */
import { rmSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { folderKind, SITE_MARKER } from "../emit/writer.ts";
import { UsageError } from "./paths.ts";

const BUILD = ".trellis-build-";
const OLD = ".trellis-old-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Refuses to replace a folder of somebody else's files. */
export async function checkReplaceable(outDir: string, force: boolean): Promise<void> {
  if (force || (await folderKind(outDir)) !== "other") return;
  throw new UsageError(
    `output folder ${outDir} holds files that Trellis did not write (it has no ${SITE_MARKER} file), and a build replaces the whole folder; ` +
      "choose another folder with --out, or pass --force to replace it",
  );
}

/**
 * Takes the output folder's lock, then restores or removes what killed builds left. Returns the
 * function that releases the lock (synchronous: a build that is stopped releases it and exits
 * before anything else runs).
 */
export async function lockOutput(outDir: string): Promise<() => void> {
  const lock = `${outDir}.trellis-lock`;
  await mkdir(path.dirname(outDir), { recursive: true }).catch(() => undefined);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new UsageError(`cannot write beside the output folder ${outDir} (${code}); choose a folder you can write to with --out`);
      if (attempt > 0) throw error;
      const holder = Number((await readFile(lock, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new UsageError(`another Trellis build (process ${holder}) is writing ${outDir}; wait for it to finish, or build into another folder with --out`);
      }
      await rm(lock, { force: true }); // left by a build that was killed
    }
  }
  await recoverLeftovers(outDir);
  return () => rmSync(lock, { force: true });
}

/** What builds that were killed left beside the output folder: the previous site goes back, the rest goes. */
async function recoverLeftovers(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const leftovers = entries.filter((entry) => entry.startsWith(`${name}${BUILD}`) || entry.startsWith(`${name}${OLD}`));
  const hasTarget = entries.includes(name);
  const old = leftovers.filter((entry) => entry.startsWith(`${name}${OLD}`));
  // Killed between moving the previous site aside and moving the new one in: put it back.
  if (!hasTarget && old[0]) await rename(path.join(parent, old[0]), outDir);
  for (const entry of leftovers) {
    if (!hasTarget && entry === old[0]) continue;
    await rm(path.join(parent, entry), { recursive: true, force: true, maxRetries: 3 });
  }
}
