#!/usr/bin/env node
// The `trellis` command. Trellis is written in TypeScript and runs through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
