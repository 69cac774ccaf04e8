/**
 * What the `trellis` command does as a process, whether it runs from the sources (src/cli/bin.js,
 * through tsx) or compiled (dist/cli/trellis.js, the installed package's command).
 */
import module from "node:module";
import v8 from "node:v8";

export async function runCommand(): Promise<never> {
  // Loading Eleventy, markdown-it, Trellis and the rest is most of a command's start; V8's
  // compiled code, kept on disk (Node's own cache, in the system's temporary folder), halves it.
  module.enableCompileCache?.();
  // A build keeps one index of the whole garden for its whole run, and V8 by default lets the heap
  // grow to four times what is live before it collects: 2.3 GB at 50,000 notes for 0.6 GB live.
  // Growing by half instead keeps that build near 1 GB for a fraction of a second more collection
  // (docs/performance.md). The heap's limit is unchanged.
  v8.setFlagsFromString("--heap-growing-percent=50");

  // The search indexer (Pagefind, a process of its own) reports its own failures; a Rust backtrace under them helps nobody building a site.
  process.env["RUST_BACKTRACE"] ??= "0";

  // `trellis check | head` closes the pipe early; that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

  const { main } = await import("./main.ts");
  const code = await main(process.argv.slice(2));
  // Exit as soon as the command is done, so that helper processes (the search indexer) and open
  // handles of libraries cannot keep a finished build waiting; but only once the output,
  // which may go to a pipe, has been written out.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
  process.exit(code);
}
