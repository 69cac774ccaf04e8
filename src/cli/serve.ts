/**
 * `trellis serve`: builds, serves the site with Eleventy's dev server and rebuilds on every
 * change to the notes, the layouts, the styles or Trellis's own TypeScript sources; the
 * browser reloads by itself.
 */
import Eleventy from "@11ty/eleventy";
import { REPORT_EVENT } from "../eleventy/plugin.ts";
import type { Garden } from "../garden/garden.ts";
import { applyOverrides } from "./build.ts";
import { checkOutputFolder, PACKAGE_ROOT, requireFolder } from "./paths.ts";
import { formatDiagnostics, shownPath, summary } from "./report.ts";

export interface ServeOptions {
  contentDir: string;
  outDir: string;
  port: number;
  url?: string;
  pathPrefix?: string;
  strict: boolean;
  quiet: boolean;
}

export async function serve(options: ServeOptions): Promise<number> {
  await requireFolder(options.contentDir, "notes folder");
  checkOutputFolder(options.outDir, options.contentDir);
  applyOverrides(options);
  const shownContent = shownPath(options.contentDir);
  const shownOut = shownPath(options.outDir);
  process.chdir(PACKAGE_ROOT);

  let started = performance.now();
  const eleventy = new Eleventy(undefined, options.outDir, {
    configPath: ".eleventy.ts",
    quietMode: true,
    runMode: "serve",
    config(eleventyConfig) {
      eleventyConfig.setServerOptions({ port: options.port, showVersion: false });
      eleventyConfig.on("eleventy.before", () => {
        started = performance.now();
      });
      eleventyConfig.on(REPORT_EVENT, (garden: Garden) => {
        if (options.quiet) return;
        for (const line of formatDiagnostics(garden.diagnostics, shownContent)) console.warn(line);
        console.log(summary(garden, (performance.now() - started) / 1000, shownOut));
      });
    },
  });
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(options.port);
  return new Promise<number>((resolve) => {
    const stop = () => {
      void eleventy.stopWatch().finally(() => resolve(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
