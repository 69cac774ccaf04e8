#!/usr/bin/env node
// The `trellis` command. Trellis is written in TypeScript and runs through tsx.
import { register } from "tsx/esm/api";

// `trellis check | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import("./main.ts");
// Exit as soon as the command is done: helper processes (the search indexer) and open
// handles of libraries must not keep a finished build waiting.
process.exit(await main(process.argv.slice(2)));
