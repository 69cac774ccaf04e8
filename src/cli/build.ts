/**
 * `trellis build`: builds the site into a temporary folder and moves it into place only when
 * the build succeeded, so a failed build leaves the previous site untouched.
 */
import { statfs } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { GardenError } from "../core/diagnostics.ts";
import type { BuildReport } from "../emit/build-report.ts";
import { setTrellisRun, type TrellisRun } from "../eleventy/run.ts";
import { describeLayout, detectLayout } from "../read/layout.ts";
import { WritingSites } from "../emit/output-folder.ts";
import { checkOutputFolder, ELEVENTY_CONFIG, PACKAGE_ROOT, requireFolder, UsageError } from "./paths.ts";
import type { Project } from "./project.ts";
import { formatDiagnostics, red, shownPath, summary, WARNING_LIMIT, workSummary } from "./report.ts";

/** What build, serve and check take from the command line and the project's config file. */
export interface SiteRun {
  contentDir: string;
  /** The project the command runs for; its config file, if it has one, holds the site's settings. */
  project?: Project;
  url?: string;
  pathPrefix?: string;
  publish?: string;
  title?: string;
  language?: string;
  strict?: boolean;
}

export interface BuildOptions extends SiteRun {
  outDir: string;
  strict: boolean;
  quiet: boolean;
  /** Replace the output folder even if Trellis did not write it. */
  force?: boolean;
  /** Read and render every note again: nothing of earlier builds is used but images and cards. */
  fresh?: boolean;
}

/** `TRELLIS_THREADS`: how many threads a build may use, a whole number from 1. */
function threadsFrom(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`TRELLIS_THREADS is "${value}": give a whole number of threads, 1 or more (1 builds on one thread)`);
  return threads;
}

/**
 * What the plugin (configured in `.eleventy.ts`) takes from the command: the project's config
 * file, the folders and settings given on the command line, and the cache folder, which belongs
 * to the project the command runs for (TRELLIS_CACHE names another), not to Trellis's own folder.
 */
export function commandRun(options: SiteRun): TrellisRun {
  const { contentDir, publish } = options;
  // Each flag may also be given as an environment variable (a CI setting, say); the flag wins.
  const env = process.env;
  const title = options.title || env["TRELLIS_TITLE"];
  const language = options.language || env["TRELLIS_LANGUAGE"];
  const url = options.url || env["TRELLIS_URL"];
  const pathPrefix = options.pathPrefix || env["TRELLIS_PATH_PREFIX"];
  const strict = options.strict || env["TRELLIS_STRICT"] === "1";
  const threads = threadsFrom(env["TRELLIS_THREADS"]);
  return {
    ...trellisConfig(options.project),
    flags: { contentDir, title, language, publish: publish || env["TRELLIS_PUBLISH"], url, pathPrefix, strict },
    cacheRoot: path.resolve(process.env["TRELLIS_CACHE"] ?? path.join(options.project?.root ?? ".", ".cache", "trellis")),
    ...(threads === undefined ? {} : { threads }),
  };
}

export async function build(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const shownOut = shownPath(options.outDir);
  await requireFolder(options.contentDir, "notes folder");
  checkOutputFolder(options.outDir, options.contentDir);
  // Stopped with Ctrl-C or by a service manager: the half-built folder and the lock go at once,
  // the site stays; once the new site is being moved in, the move is finished first.
  const sites = new WritingSites();
  const stop = (signal: NodeJS.Signals) => {
    void sites.stop().then((written) => {
      console.error(red(written ? `Build stopped (${signal}) once ${shownOut} was written.` : `Build stopped (${signal}); ${shownOut} was left as it was.`));
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const result = await runEleventy({ ...options, stops: sites });
    if (typeof result === "number") {
      console.error(red(`Build failed; ${shownOut} was left as it was.`));
      return result;
    }
    report(result, options, started);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  return 0;
}

function report(result: BuildReport, options: BuildOptions, started: number): void {
  const shownOut = shownPath(options.outDir);
  if (!options.quiet) {
    const layout = describeLayout(detectLayout(options.contentDir), shownPath);
    if (layout) console.log(layout);
    for (const line of formatDiagnostics(result.diagnostics, shownPath(detectLayout(options.contentDir).notes), WARNING_LIMIT)) console.warn(line);
    console.log(summary(result, (performance.now() - started) / 1000, shownOut));
    if (result.work) console.log(workSummary(result.work));
  }
}

/**
 * Runs an Eleventy build of the project with the Trellis plugin (configured in `.eleventy.ts`)
 * reading `contentDir`: the report, or the exit code after printing the errors. `check` writes
 * nothing: Eleventy's dry run, and the plugin renders in memory.
 */
export async function runEleventy(options: SiteRun & { outDir: string; check?: boolean; force?: boolean; fresh?: boolean; stops?: WritingSites }): Promise<BuildReport | number> {
  const run = commandRun(options);
  process.chdir(PACKAGE_ROOT);
  let report: BuildReport | undefined;
  const eleventy = new Eleventy(undefined, options.outDir, {
    configPath: ELEVENTY_CONFIG,
    quietMode: true,
    dryRun: options.check === true,
    config(eleventyConfig) {
      setTrellisRun(eleventyConfig, {
        ...run,
        check: options.check === true,
        force: options.force === true,
        fresh: options.fresh === true,
        ...(options.stops ? { stops: options.stops } : {}),
        report: (built) => {
          report = built;
        },
      });
    },
  });

  // Trellis prints its own summary and errors; Eleventy's log would repeat them with stack traces.
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (error) {
    // Pagefind says only that it panicked (in Rust's words: "No space left on device (os error 28)"), or nothing.
    const stopped = findError(error, "IndexerStoppedError") as (Error & { said?: string }) | undefined;
    const full = stopped !== undefined && (/no space left on device|os error 28/i.test(stopped.said ?? "") || (await diskIsFull(path.dirname(options.outDir))));
    const invalid = findError(error, "OptionsError") ?? findError(error, "OutputFolderError");
    if (invalid) {
      console.error(red(`trellis: ${invalid.message}`));
      return 2;
    }
    const diagnostics = (findError(error, "GardenError") as GardenError | undefined)?.diagnostics;
    if (diagnostics) for (const line of formatDiagnostics(diagnostics, shownPath(detectLayout(options.contentDir).notes))) console.error(line);
    else console.error((await diskProblem(full ? { code: "ENOSPC", path: options.outDir } : error, { outDir: options.outDir, cacheRoot: run.cacheRoot ?? "", contentDir: options.contentDir })) ?? describeError(error));
    // What Pagefind said comes after Trellis's own message, for those who want its words.
    if (full && stopped?.said) console.error(`    the search indexer said: ${stopped.said}`);
    return 1;
  }
  if (!report) throw new Error("Trellis: the build finished without reporting its garden");
  return report;
}

/** The project's config file as the plugin takes it, if it has one. */
export function trellisConfig(project: Project | undefined): Pick<TrellisRun, "config"> {
  return project?.config ? { config: { options: project.config.options, source: project.config.shown, root: project.root } } : {};
}

/**
 * Eleventy wraps errors thrown by plugins; the Trellis error is somewhere in the cause chain.
 * Matched by name: the plugin's modules are loaded separately from the command's.
 */
function findError(error: unknown, name: "GardenError" | "OptionsError" | "OutputFolderError" | "IndexerStoppedError"): Error | undefined {
  for (let current = error; current; current = causeOf(current)) {
    if ((current as { name?: unknown }).name === name) return current as Error;
  }
  return undefined;
}

/** Eleventy keeps the wrapped error as `originalError`; standard errors use `cause`. */
function causeOf(error: unknown): unknown {
  const wrapped = error as { cause?: unknown; originalError?: unknown };
  return wrapped.originalError ?? wrapped.cause;
}

/** What the disk refused, said plainly, with what to do: a full disk, a folder that cannot be written. */
const DISK_PROBLEMS: Record<string, [string, string]> = {
  ENOSPC: ["the disk is full", "free some space, or use a folder on another disk"],
  EDQUOT: ["the disk quota is used up", "free some space, or use another folder"],
  EROFS: ["the disk is read-only", "use a folder you can write to"],
  EACCES: ["it may not be written", "use a folder you can write to, or change its permissions"],
  EPERM: ["it may not be written", "use a folder you can write to, or change its permissions"],
  ENOTDIR: ["a part of its path is a file, not a folder", "remove or rename that file, or use another folder"],
  ENOENT: ["a file went away while the build used it", "build again once nothing else changes the folder"],
};

/**
 * Which of the build's folders a failed file operation was in, and what to do about it there:
 * the output folder (choose another with --out), the cache (TRELLIS_CACHE moves it), the notes.
 */
async function diskProblem(error: unknown, folders: { outDir: string; cacheRoot: string; contentDir: string }): Promise<string | undefined> {
  for (let current = error; current; current = causeOf(current)) {
    const { code, path: file, dest } = current as NodeJS.ErrnoException & { dest?: string };
    const problem = code ? DISK_PROBLEMS[code] : undefined;
    if (!problem) continue;
    // A write to an open file names no path: a full disk is then the one that has no room left.
    const fullCache = file === undefined && (code === "ENOSPC" || code === "EDQUOT") && (await diskIsFull(folders.cacheRoot));
    const at = (folder: string) => (fullCache && folder === folders.cacheRoot) || [file, dest].some((where) => typeof where === "string" && (where === folder || where.startsWith(`${folder}${path.sep}`) || where.startsWith(`${folder}.trellis-`)));
    const [place, fix] = at(folders.cacheRoot)
      ? [`the cache in ${shownPath(folders.cacheRoot)} could not be written`, `${problem[1]} (TRELLIS_CACHE names another cache folder)`]
      : at(folders.contentDir)
        ? [`the notes in ${shownPath(folders.contentDir)} could not be read`, problem[1].replace("use a folder you can write to", "make them readable")]
        : [`the site could not be written in ${shownPath(path.dirname(folders.outDir))}`, `${problem[1]} (--out names another output folder)`];
    return red(`trellis: ${place}: ${problem[0]} (${code}).\n    fix: ${fix}`);
  }
  return undefined;
}

/** Less free space than a search index file needs. */
async function diskIsFull(folder: string): Promise<boolean> {
  // The folder may not exist yet: its disk is the nearest existing folder's above it.
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const stats = await statfs(dir).catch(() => undefined);
    if (stats) return stats.bavail * stats.bsize < 64 * 1024;
    if (path.dirname(dir) === dir) return false;
  }
}

/** An unexpected error with the causes Eleventy wraps around it, most specific last. */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let current = error; current; current = causeOf(current)) {
    lines.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
  }
  return lines.join("\n  caused by ");
}
