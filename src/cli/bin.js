#!/usr/bin/env node
// The `trellis` command run from the sources, through tsx (`npm run build` in a clone of the
// repository). The installed package runs the compiled dist/cli/trellis.js instead.
import { register } from "tsx/esm/api";

register();
const { runCommand } = await import("./command.ts");
await runCommand();
