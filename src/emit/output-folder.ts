/**
 * The output folder as a whole, for every way a site is written (`trellis build`, `trellis serve`,
 * a garden mounted in a host Eleventy site): only a folder Trellis wrote (its manifest, SITE_MARKER,
 * says so), an empty one, or one the author names with --force is replaced. A build holds a lock
 * beside the folder while it works, writes into a staging folder beside it and swaps that into
 * place once everything is written, so a failed or stopped build leaves the previous site as it
 * was. One that was killed leaves its lock and its folders behind; the next build puts the
 * previous site back if it had been moved aside, then removes them.
 *
 * The swap is two renames (the site aside, the new one in): Node offers no atomic exchange of two
 * folders (Linux's renameat2 with RENAME_EXCHANGE), so between them the folder is missing for an
 * instant, and a build killed right there leaves the previous site beside it
 * (`site.trellis-old-PID`), which the next build puts back.
 */
import { rmSync } from "node:fs";
import { chmod, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { SITE_MARKER } from "./writer.ts";

const BUILD = ".trellis-build-";
const OLD = ".trellis-old-";
const SEARCH = ".trellis-search-";
const LOCK = ".trellis-lock";

/** Where `trellis serve` makes the search index again, beside the folder, before it takes the place of the one inside. */
export function searchStaging(target: string): string {
  return `${path.resolve(target)}${SEARCH}${process.pid}`;
}

/** The output folder cannot be used: another build writes it, it holds other files, it cannot be written. */
export class OutputFolderError extends Error {
  override name = "OutputFolderError";
}

/** What a folder is to Trellis: missing or empty, a site it wrote, or somebody else's files. */
export async function folderKind(folder: string): Promise<"empty" | "site" | "other"> {
  const entries: string[] = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  if (entries.length === 0) return "empty";
  return entries.includes(SITE_MARKER) ? "site" : "other";
}

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
  throw new OutputFolderError(
    `output folder ${outDir} holds files that Trellis did not write (it has no ${SITE_MARKER} file), and a build replaces the whole folder; ` +
      "choose another folder with --out, or pass --force to replace it",
  );
}

/**
 * A site being written: the output folder locked, and the staging folder the writer fills.
 * `commit` swaps it into place; `abandon` removes it and lets the folder go (synchronous, for a
 * command that is stopped: nothing else runs before it exits).
 */
export class OutputFolder {
  readonly target: string;
  readonly staging: string;
  #swapping: Promise<void> | undefined;
  #locked = true;

  private constructor(target: string) {
    this.target = target;
    this.staging = `${target}${BUILD}${process.pid}`;
  }

  /** Locks `target` (a folder of other files only with `force`), cleans up after killed builds and makes the staging folder. */
  static async open(target: string, { force = false }: { force?: boolean } = {}): Promise<OutputFolder> {
    const folder = path.resolve(target);
    await checkReplaceable(folder, force);
    await lock(folder);
    const output = new OutputFolder(folder);
    try {
      await recoverLeftovers(folder);
      await rm(output.staging, { recursive: true, force: true });
      await mkdir(output.staging);
    } catch (error) {
      output.abandon();
      throw error;
    }
    return output;
  }

  /** The swap has begun: a stopped command lets it finish (with this), or the folder would be missing. */
  get swapping(): Promise<void> | undefined {
    return this.#swapping;
  }

  /** Moves the staging folder into place and removes the previous site; the lock is kept when `keepLock` (serve goes on writing). */
  async commit({ keepLock = false }: { keepLock?: boolean } = {}): Promise<void> {
    this.#swapping = swapIn(this.staging, this.target);
    await this.#swapping;
    if (!keepLock) this.release();
  }

  /** Lets the folder go: the lock is removed. */
  release(): void {
    if (!this.#locked) return;
    this.#locked = false;
    rmSync(`${this.target}${LOCK}`, { force: true });
  }

  /** The half-written site goes at once. */
  discard(): void {
    // A build stopped while writing has writes under way, which can still land in the folder
    // once its files are gone (rmSync then fails, "not empty"): each pass removes what they left.
    for (let pass = 1; ; pass++) {
      try {
        rmSync(this.staging, { recursive: true, force: true, maxRetries: 5 });
        return;
      } catch (error) {
        if (pass === 5 || (error as NodeJS.ErrnoException).code !== "ENOTEMPTY") throw error;
      }
    }
  }

  /** The half-written site goes at once, and the lock with it. */
  abandon(): void {
    this.discard();
    this.release();
  }
}

/**
 * The sites a command is writing, for it to stop them when it is stopped (Ctrl-C, a service
 * manager): each gives the way to stop it, which ends its helpers and lets its folder go.
 */
export class WritingSites {
  readonly #stops = new Set<() => Promise<boolean>>();

  /** `stop` resolves to whether the new site was put in place; returns the function that says the site is no longer being written. */
  add(stop: () => Promise<boolean>): () => void {
    this.#stops.add(stop);
    return () => void this.#stops.delete(stop);
  }

  /** Stops every site being written; says whether one was put in place first. */
  async stop(): Promise<boolean> {
    const written = await Promise.all([...this.#stops].map((stop) => stop()));
    return written.includes(true);
  }
}

/**
 * Whether the output folder can be written, said before any work: `trellis serve` writes it for as
 * long as it runs. Tries a file beside it (never in it), and the folder above it is made if need be.
 */
export async function probeFolder(target: string): Promise<void> {
  const probe = `${target}.trellis-probe-${process.pid}`;
  try {
    // A recursive mkdir on a read-only disk leaves the reason to a later ENOENT: the last folder is made on its own, for the real one.
    await mkdir(path.dirname(path.dirname(target)), { recursive: true });
    await mkdir(path.dirname(target)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await (await open(probe, "w")).close();
    await rm(probe, { force: true });
  } catch (error) {
    throw new OutputFolderError(`cannot write the output folder ${target} (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** Takes the output folder's lock: a folder another live build holds is refused; one a killed build held is taken over. */
async function lock(folder: string): Promise<void> {
  const file = `${folder}${LOCK}`;
  await mkdir(path.dirname(folder), { recursive: true }).catch(() => undefined);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new OutputFolderError(`cannot write beside the output folder ${folder} (${code}); choose a folder you can write to with --out`);
      if (attempt > 0) throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      // This process holds it already: `trellis serve` builds the site again.
      if (holder === process.pid) return;
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new OutputFolderError(`another Trellis build (process ${holder}) is writing ${folder}; wait for it to finish, or build into another folder with --out`);
      }
      await rm(file, { force: true }); // left by a build that was killed
    }
  }
}

/** What builds that were killed left beside the output folder: the previous site goes back, the rest goes. */
async function recoverLeftovers(folder: string): Promise<void> {
  const parent = path.dirname(folder);
  const name = path.basename(folder);
  const entries = await readdir(parent).catch(() => [] as string[]);
  // `trellis serve` makes its search index beside the folder too (Publisher.reindex).
  const leftovers = entries.filter((entry) => [BUILD, OLD, SEARCH].some((kind) => entry.startsWith(`${name}${kind}`)));
  const hasTarget = entries.includes(name);
  const old = leftovers.filter((entry) => entry.startsWith(`${name}${OLD}`));
  // Killed between moving the previous site aside and moving the new one in: put it back.
  if (!hasTarget && old[0]) await rename(path.join(parent, old[0]), folder);
  for (const entry of leftovers) {
    if (!hasTarget && entry === old[0]) continue;
    await removeTree(path.join(parent, entry));
  }
}

/** The site in `staging` in place of `target`; the previous site is removed once the new one is in. */
async function swapIn(staging: string, target: string): Promise<void> {
  const previous = `${target}${OLD}${process.pid}`;
  const hadPrevious = await rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  await rename(staging, target);
  if (hadPrevious) await removeTree(previous);
}

/**
 * Removes a folder Trellis wrote. One made read-only since (`chmod -R a-w site`) is made
 * writable first: its files are Trellis's own, and the site it held has been replaced.
 */
async function removeTree(folder: string): Promise<void> {
  try {
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EACCES" && code !== "EPERM") throw error;
    await writable(folder);
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Gives the owner write access to a folder and every folder inside it. */
async function writable(folder: string): Promise<void> {
  await chmod(folder, 0o700).catch(() => undefined);
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await writable(path.join(folder, entry.name));
}
