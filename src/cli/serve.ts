/**
 * `trellis serve`: builds, serves the site with Eleventy's dev server and keeps it up to date:
 * an edit to a note updates the pages it changes (src/serve/), a change to the layouts, the
 * styles or Trellis's own TypeScript sources rebuilds the site. The browser reloads by itself.
 */
import { detectLayout } from "../read/layout.ts";
import Eleventy from "@11ty/eleventy";
import { folderKind, probeFolder } from "../emit/output-folder.ts";
import { LiveSession } from "../serve/session.ts";
import { setTrellisRun } from "../eleventy/run.ts";
import { commandRun, type SiteRun } from "./build.ts";
import { checkOutputFolder, ELEVENTY_CONFIG, PACKAGE_ROOT, requireFolder, UsageError } from "./paths.ts";
import { formatDiagnostics, red, shownPath, summary, WARNING_LIMIT } from "./report.ts";

/** The part of Eleventy's dev server used here: its documented `ready` option hands it over. */
interface DevServer {
  reload(event: { files: string[] }): void;
  sendError(event: { error: Error }): void;
}

export interface ServeOptions extends SiteRun {
  outDir: string;
  port: number;
  /** The network interface to listen on: this machine only (127.0.0.1) unless asked. */
  host: string;
  strict: boolean;
  quiet: boolean;
  /** Also print what each update read. */
  verbose?: boolean;
}

/**
 * Eleventy's dev server listens on every network interface and has no setting for it: the
 * preview of a garden with private drafts in the making would be open to the whole network.
 * Its one listening call is made to name the interface.
 */
async function listenOn(host: string): Promise<void> {
  const { default: DevServer } = await import("@11ty/eleventy-dev-server");
  DevServer.prototype._serverListen = function (this: InstanceType<typeof DevServer>, port: number) {
    this.server.listen({ port, host });
  };
}

/**
 * The served folder is replaced by the first build as a build replaces it: only a folder Trellis
 * wrote, or an empty one; it is written for as long as the server runs, so one that cannot be is
 * said now, plainly.
 */
async function checkServeFolder(outDir: string): Promise<void> {
  if ((await folderKind(outDir)) === "other") {
    throw new UsageError(`output folder ${outDir} holds files that Trellis did not write; serve into an empty or new folder with --out`);
  }
  await probeFolder(outDir).catch((error: Error) => {
    throw new UsageError(`${error.message}; serve into a folder you can write to with --out`);
  });
}

export async function serve(options: ServeOptions): Promise<number> {
  // Read before anything is awaited: a parent that goes while the site is first built (under
  // `npm start`, npm stopped early) must still be seen to have gone (see the end).
  const parent = process.ppid;
  await requireFolder(options.contentDir, "notes folder");
  checkOutputFolder(options.outDir, options.contentDir);
  await checkServeFolder(options.outDir);
  await listenOn(options.host);
  const run = commandRun(options);
  const layout = detectLayout(options.contentDir);
  const shownContent = shownPath(detectLayout(options.contentDir).notes);
  const shownOut = shownPath(options.outDir);
  process.chdir(PACKAGE_ROOT);
  // `.eleventy.ts` then loads the plugin afresh whenever Trellis's sources change.
  process.env["TRELLIS_LIVE"] = "1";

  let started = performance.now();
  let server: DevServer | undefined;
  let rebuild: ((changed: string) => Promise<void>) | undefined;
  // One function for the life of the command: Eleventy restarts its server when the options change.
  const ready = (devServer: DevServer) => {
    server = devServer;
  };
  // The notes are the session's to watch, for the life of the command; Eleventy builds the whole site for everything else.
  const session = new LiveSession({
    contentDir: layout.notes,
    mounts: layout.mounts,
    onUpdate: (update) => {
      // The browser first: what is printed can wait.
      if (update.files.length > 0) server?.reload({ files: update.files });
      const { report, diagnostics } = update.report();
      if (update.failed) {
        server?.sendError({ error: new Error(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}: ${d.message}`).join("\n")) });
        console.error(red(`Not updated: the notes have errors; the pages of ${shownOut} stay as they were until they are fixed.`));
        for (const line of formatDiagnostics(diagnostics, shownContent, WARNING_LIMIT)) console.error(line);
      } else if (!options.quiet) {
        for (const line of formatDiagnostics(diagnostics, shownContent, WARNING_LIMIT)) console.warn(line);
        console.log(summary(report, update.seconds, shownOut));
        if (update.searchPending) console.log("Search index will be updated once edits pause.");
      }
      // Last, on the stream the update's report went to: a line that says it is over, and what it read.
      if (options.verbose) (update.failed ? console.error : console.log)(`Read: ${update.read.map(({ file, version }) => `${file} (${version ?? "gone"})`).join(", ")}`);
    },
    onSearch: (pages) => {
      if (!options.quiet) console.log(`Search index updated: ${pages} page${pages === 1 ? "" : "s"}.`);
    },
    onRebuild: () => void rebuild?.(options.contentDir),
  });
  const eleventy = new Eleventy(undefined, options.outDir, {
    configPath: ELEVENTY_CONFIG,
    quietMode: true,
    runMode: "serve",
    config(eleventyConfig) {
      setTrellisRun(eleventyConfig, {
        ...run,
        live: session,
        report: (report) => {
          if (options.quiet) return;
          for (const line of formatDiagnostics(report.diagnostics, shownContent, WARNING_LIMIT)) console.warn(line);
          console.log(summary(report, (performance.now() - started) / 1000, shownOut));
        },
      });
      eleventyConfig.setServerOptions({ port: options.port, showVersion: false, ready });
      eleventyConfig.on("eleventy.before", () => {
        started = performance.now();
      });
      // A build ended, written or failed: edits made meanwhile go on.
      eleventyConfig.on("eleventy.afterwatch", () => session.buildEnded());
    },
  });
  await eleventy.init();
  // watch() answers with the function its file watcher calls on a change: a rebuild.
  rebuild = (await eleventy.watch()) as unknown as typeof rebuild;
  await eleventy.serve(options.port);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      clearInterval(orphaned);
      void Promise.all([eleventy.stopWatch(), session.close()]).finally(() => resolve(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    // Under `npm start` the command's parent is npm's shell, which does not pass a signal on: when
    // npm is stopped (by a service manager, `docker stop`), the shell goes and this would serve on.
    // A command whose parent has gone stops as if it had been told to.
    const orphaned = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, ORPHAN_CHECK_MS);
    orphaned.unref();
  });
}

/** How often `serve` looks whether the process that started it is still there. */
const ORPHAN_CHECK_MS = 1000;
