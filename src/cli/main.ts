/** The `trellis` command line: `build` and `serve`, with their options and help. */
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "./build.ts";
import { UsageError } from "./paths.ts";
import { red } from "./report.ts";
import { serve } from "./serve.ts";

const HELP = `Usage: trellis <command> [CONTENT_DIR] [options]

Publishes the notes marked \`dg-publish: true\` or \`publish: true\` as a static website.

Commands:
  build [CONTENT_DIR]   Build the site from a folder of notes (default: content)
  serve [CONTENT_DIR]   Build, serve with live reload, rebuild on every change
  help                  Show this help

Options:
  --out DIR        Output folder (default: _site), replaced only when the build succeeds
  --url URL        The site's address (https://example.org) for canonical and share links
  --port N         Port for serve (default: 8080)
  --strict         Dead links are errors, not warnings
  --quiet          Print errors only
  -h, --help       Show this help

Exit codes: 0 built, 1 the notes have errors, 2 wrong usage.`;

const OPTIONS = {
  out: { type: "string" },
  url: { type: "string" },
  port: { type: "string" },
  quiet: { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as Error).name === "OptionsError") {
      console.error(red(`trellis: ${(error as Error).message}`));
      console.error("Run `trellis --help` for usage.");
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, contentArg, ...extra] = positionals;
  if (values.help || command === "help" || command === undefined) {
    console.log(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const contentDir = path.resolve(contentArg ?? "content");
  const outDir = path.resolve(values.out ?? "_site");
  const common = { contentDir, outDir, quiet: values.quiet, strict: values.strict, ...(values.url ? { url: values.url } : {}) };

  switch (command) {
    case "build":
      return build(common);
    case "serve": {
      const port = Number(values.port ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
      return serve({ ...common, port });
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
