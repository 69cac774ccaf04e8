/**
 * `trellis serve`: builds, serves the site with Eleventy's dev server and keeps it up to date:
 * an edit to a note updates the pages it changes (src/serve/), a change to the layouts, the
 * styles or Trellis's own TypeScript sources rebuilds the site. The browser reloads by itself.
 */
import Eleventy from "@11ty/eleventy";
import { REPORT_EVENT } from "../eleventy/events.ts";
import type { Garden } from "../garden/garden.ts";
import { LIVE_ENV, LIVE_UPDATE_EVENT, REBUILD_EVENT, type LiveUpdate } from "../serve/session.ts";
import { applyOverrides } from "./build.ts";
import { checkOutputFolder, PACKAGE_ROOT, requireFolder } from "./paths.ts";
import { formatDiagnostics, red, shownPath, summary, WARNING_LIMIT } from "./report.ts";

/** The part of Eleventy's dev server used here: its documented `ready` option hands it over. */
interface DevServer {
  reload(event: { files: string[] }): void;
  sendError(event: { error: Error }): void;
}

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
  // The plugin then leaves the notes to its live session instead of having Eleventy watch them.
  process.env[LIVE_ENV] = "1";

  let started = performance.now();
  let server: DevServer | undefined;
  let rebuild: ((changed: string) => Promise<void>) | undefined;
  // One function for the life of the command: Eleventy restarts its server when the options change.
  const ready = (devServer: DevServer) => {
    server = devServer;
  };
  const eleventy = new Eleventy(undefined, options.outDir, {
    configPath: ".eleventy.ts",
    quietMode: true,
    runMode: "serve",
    config(eleventyConfig) {
      eleventyConfig.setServerOptions({ port: options.port, showVersion: false, ready });
      eleventyConfig.on("eleventy.before", () => {
        started = performance.now();
      });
      eleventyConfig.on(REPORT_EVENT, (garden: Garden) => {
        if (options.quiet) return;
        for (const line of formatDiagnostics(garden.diagnostics, shownContent, WARNING_LIMIT)) console.warn(line);
        console.log(summary(garden, (performance.now() - started) / 1000, shownOut));
      });
      eleventyConfig.on(LIVE_UPDATE_EVENT, (update: LiveUpdate) => {
        // The browser first: what is printed can wait.
        if (update.files.length > 0) server?.reload({ files: update.files });
        const { garden, diagnostics } = update.report();
        if (update.failed) {
          server?.sendError({ error: new Error(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}: ${d.message}`).join("\n")) });
          console.error(red(`Not updated: the notes have errors; the pages of ${shownOut} stay as they were until they are fixed.`));
          for (const line of formatDiagnostics(diagnostics, shownContent, WARNING_LIMIT)) console.error(line);
          return;
        }
        if (options.quiet) return;
        for (const line of formatDiagnostics(diagnostics, shownContent, WARNING_LIMIT)) console.warn(line);
        console.log(summary(garden, update.seconds, shownOut));
      });
      eleventyConfig.on(REBUILD_EVENT, () => {
        void rebuild?.(options.contentDir);
      });
    },
  });
  await eleventy.init();
  // watch() answers with the function its file watcher calls on a change: a rebuild.
  rebuild = (await eleventy.watch()) as unknown as typeof rebuild;
  await eleventy.serve(options.port);
  return new Promise<number>((resolve) => {
    const stop = () => {
      void eleventy.stopWatch().finally(() => resolve(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
