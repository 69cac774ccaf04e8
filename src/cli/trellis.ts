#!/usr/bin/env node
// The `trellis` command of the installed package, compiled to dist/cli/trellis.js.
import { runCommand } from "./command.ts";

await runCommand();
