/**
 * How the `trellis` command runs a build, handed to the plugin on Eleventy's configuration
 * object (the command's configuration callback runs before the project's): the one way the
 * command's settings reach the plugin. Under a symbol from the global registry, so that a copy
 * of the plugin loaded afresh by `trellis serve` reads what the command set.
 */
import type { UserConfig } from "@11ty/eleventy";
import type { WritingSites } from "../emit/output-folder.ts";
import type { LiveSite } from "../emit/publisher.ts";
import type { CommandFlags, TrellisUserOptions } from "../core/options.ts";
import type { BuildReport } from "../emit/build-report.ts";

export interface TrellisRun {
  /** `trellis check`: read and render everything in memory, write nothing, optimise no image. */
  check?: boolean;
  /** The options of the project's `trellis.config.*` file (`source` names it): they replace those in `.eleventy.ts`. */
  config?: { options: TrellisUserOptions; source: string; /** The config file's folder: the paths in it are relative to it. */ root?: string };
  /** The command's flags, over every file of settings. */
  flags?: CommandFlags;
  /** The folder of caches kept across builds (the project's `.cache/trellis`). */
  cacheRoot?: string;
  /** Replace an output folder of files Trellis did not write (--force). */
  force?: boolean;
  /** Read and render every note again (--fresh). */
  fresh?: boolean;
  /** Threads a build may use (`TRELLIS_THREADS`). */
  threads?: number;
  /** The command's way to stop the sites being written when it is stopped. */
  stops?: WritingSites;
  /** `trellis serve`'s session, which applies edits between the builds. */
  live?: LiveSite;
  /** Called with what each build published and every problem it found. */
  report?: (report: BuildReport) => void;
}

const RUN = Symbol.for("trellis.run");

export function setTrellisRun(eleventyConfig: UserConfig, run: TrellisRun): void {
  (eleventyConfig as unknown as Record<symbol, TrellisRun>)[RUN] = run;
}

export function trellisRun(eleventyConfig: UserConfig): TrellisRun {
  return (eleventyConfig as unknown as Record<symbol, TrellisRun | undefined>)[RUN] ?? {};
}
