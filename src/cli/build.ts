/**
 * `trellis build`: builds the site into a temporary folder and moves it into place only when
 * the build succeeded, so a failed build leaves the previous site untouched.
 */
import { rename, rm } from "node:fs/promises";
import Eleventy from "@11ty/eleventy";
import type { GardenError } from "../diagnostics.ts";
import { REPORT_EVENT } from "../eleventy/events.ts";
import type { Garden } from "../garden/garden.ts";
import { checkOutputFolder, PACKAGE_ROOT, requireFolder } from "./paths.ts";
import { formatDiagnostics, red, shownPath, summary, WARNING_LIMIT } from "./report.ts";

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  url?: string;
  pathPrefix?: string;
  strict: boolean;
  quiet: boolean;
}

/** Points the plugin (configured in `.eleventy.ts`) at the folders and settings given on the command line. */
export function applyOverrides(options: { contentDir: string; url?: string; pathPrefix?: string; strict?: boolean }): void {
  process.env["TRELLIS_CONTENT"] = options.contentDir;
  if (options.url) process.env["TRELLIS_URL"] = options.url;
  if (options.pathPrefix) process.env["TRELLIS_PATH_PREFIX"] = options.pathPrefix;
  if (options.strict) process.env["TRELLIS_STRICT"] = "1";
}

export async function build(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const shownOut = shownPath(options.outDir);
  const shownContent = shownPath(options.contentDir);
  await requireFolder(options.contentDir, "notes folder");
  checkOutputFolder(options.outDir, options.contentDir);
  applyOverrides(options);
  process.chdir(PACKAGE_ROOT);

  const staging = `${options.outDir}.trellis-build-${process.pid}`;
  let garden: Garden | undefined;
  const eleventy = new Eleventy(undefined, staging, {
    configPath: ".eleventy.ts",
    quietMode: true,
    config(eleventyConfig) {
      eleventyConfig.on(REPORT_EVENT, (built: Garden) => {
        garden = built;
      });
    },
  });

  // Trellis prints its own summary and errors; Eleventy's log would repeat them with stack traces.
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (error) {
    // Eleventy may still be finishing writes it started: retry, and never let cleaning up hide the error.
    await rm(staging, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    console.error(red(`Build failed; ${shownOut} was left as it was.`));
    const options = findError(error, "OptionsError");
    if (options) {
      console.error(red(`trellis: ${options.message}`));
      return 2;
    }
    const diagnostics = (findError(error, "GardenError") as GardenError | undefined)?.diagnostics;
    if (diagnostics) for (const line of formatDiagnostics(diagnostics, shownContent)) console.error(line);
    else console.error(describeError(error));
    return 1;
  }
  if (!garden) throw new Error("Trellis: the build finished without reporting its garden");

  await replaceFolder(staging, options.outDir);
  if (!options.quiet) {
    for (const line of formatDiagnostics(garden.diagnostics, shownContent, WARNING_LIMIT)) console.warn(line);
    console.log(summary(garden, (performance.now() - started) / 1000, shownOut));
  }
  return 0;
}

/**
 * Eleventy wraps errors thrown by plugins; the Trellis error is somewhere in the cause chain.
 * Matched by name: the plugin's modules are loaded separately from the command's.
 */
function findError(error: unknown, name: "GardenError" | "OptionsError"): Error | undefined {
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

/** An unexpected error with the causes Eleventy wraps around it, most specific last. */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let current = error; current; current = causeOf(current)) {
    lines.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
  }
  return lines.join("\n  caused by ");
}

async function replaceFolder(staging: string, target: string): Promise<void> {
  const previous = `${target}.trellis-old-${process.pid}`;
  const hadPrevious = await rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  await rename(staging, target);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
