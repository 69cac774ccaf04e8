/** The `trellis` command line: its commands, their options and their help. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { languageProblem } from "../core/options.ts";
import { PACKAGE_ROOT, UsageError } from "./paths.ts";
import { loadProject } from "./project.ts";
import { red } from "./report.ts";

// Commands are imported when run: Eleventy and the Markdown stack take a second to load,
// which `--help`, `check` and `new` should not pay for what they do not use.
const build = async (...args: Parameters<typeof import("./build.ts").build>) => (await import("./build.ts")).build(...args);
const serve = async (...args: Parameters<typeof import("./serve.ts").serve>) => (await import("./serve.ts")).serve(...args);
const check = async (...args: Parameters<typeof import("./check.ts").check>) => (await import("./check.ts")).check(...args);
const init = async (...args: Parameters<typeof import("./init.ts").init>) => (await import("./init.ts")).init(...args);
const newNote = async (...args: Parameters<typeof import("./new-note.ts").newNote>) => (await import("./new-note.ts")).newNote(...args);

const OPTIONS = {
  config: { type: "string" },
  title: { type: "string" },
  language: { type: "string" },
  out: { type: "string" },
  url: { type: "string" },
  "path-prefix": { type: "string" },
  publish: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  folder: { type: "string" },
  content: { type: "string" },
  json: { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  fresh: { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>["values"];
type OptionName = keyof typeof OPTIONS;

interface Command {
  usage: string;
  summary: string;
  options: OptionName[];
  /** Help of an option that means something else for this command. */
  help?: Partial<Record<OptionName, string>>;
  run(values: Values, args: string[]): Promise<number>;
}

const OPTION_HELP: Record<OptionName, string> = {
  config: "--config FILE    The project's settings (default: trellis.config.json, .mjs, .js or .ts here)",
  title: "--title T        The site's title, over the settings' site.title",
  language: "--language L     The site's language (BCP 47, e.g. en, de-CH), over the settings' site.language",
  out: "--out DIR        Output folder (default: _site in the project), replaced only when the build succeeds",
  url: "--url URL        The site's address (https://example.org) for canonical, feed and share links",
  "path-prefix": "--path-prefix P  Sub-path the site is served under (/repo/ for user.github.io/repo)",
  publish: "--publish MODE   flag: notes marked for publishing (default); all: every note but those that say no",
  port: "--port N         Port to serve on (default: 8080)",
  host: "--host H         Interface to serve on (default: 127.0.0.1, this machine only; 0.0.0.0 for every network)",
  folder: "--folder F       Sub-folder of the notes folder for the new note",
  content: "--content DIR    Notes folder (default: content)",
  json: "--json           Print the report as JSON",
  quiet: "--quiet          Print errors only",
  verbose: "--verbose        Also print the files each update read, with the digest of each note's text",
  force: "--force          Replace the output folder even if Trellis did not write it",
  fresh: "--fresh          Read and render every note again (images and social cards still come from the cache)",
  strict: "--strict         Dead links are errors, not warnings",
  help: "-h, --help       Show help",
  version: "--version        Print Trellis's version",
};

/** The options build, serve and check share: the project, its notes folder and the site's settings from flags. */
async function siteRun(values: Values, args: string[]) {
  if (args.length > 1) throw new UsageError(`unexpected argument "${args[1]}"`);
  if (values.title !== undefined && values.title.trim() === "") throw new UsageError("--title must not be empty");
  const language = values.language === undefined ? undefined : languageProblem(values.language);
  if (language) throw new UsageError(`--language: ${language}`);
  const project = await loadProject(values.config);
  // A folder given on the command line is the author's, from here; the config file's is from the project.
  const contentDir = args[0] !== undefined ? path.resolve(args[0]) : path.resolve(project.root, project.config?.options.contentDir ?? "content");
  return {
    contentDir,
    project,
    strict: values.strict,
    ...(values.url ? { url: values.url } : {}),
    ...(values["path-prefix"] ? { pathPrefix: values["path-prefix"] } : {}),
    ...(values.publish ? { publish: values.publish } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.language !== undefined ? { language: values.language } : {}),
  };
}

/** `--out`, else `_site` in the project. */
function outArg(values: Values, root: string): string {
  return values.out !== undefined ? path.resolve(values.out) : path.join(root, "_site");
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

const COMMANDS: Record<string, Command> = {
  build: {
    usage: "trellis build [CONTENT_DIR] [--config FILE] [--out DIR] [--url URL] [--path-prefix P] [--publish MODE] [--title T] [--language L] [--strict] [--quiet] [--force] [--fresh]",
    summary: "Build the site from a folder of notes (default: content) into --out",
    options: ["config", "out", "url", "path-prefix", "publish", "title", "language", "strict", "quiet", "force", "fresh"],
    run: async (values, args) => {
      const site = await siteRun(values, args);
      return build({ ...site, outDir: outArg(values, site.project.root), quiet: values.quiet, force: values.force, fresh: values.fresh });
    },
  },
  serve: {
    usage: "trellis serve [CONTENT_DIR] [--config FILE] [--port N] [--host H] [--out DIR] [--url URL] [--title T] [--language L]",
    summary: "Build, serve with live reload and rebuild on every change",
    options: ["config", "port", "host", "out", "url", "path-prefix", "publish", "title", "language", "strict", "quiet", "verbose"],
    run: async (values, args) => {
      const port = Number(values.port ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
      const site = await siteRun(values, args);
      return serve({ ...site, outDir: outArg(values, site.project.root), port, host: values.host ?? "127.0.0.1", quiet: values.quiet, verbose: values.verbose });
    },
  },
  check: {
    usage: "trellis check [CONTENT_DIR] [--config FILE] [--json] [--strict] [--url URL] [--path-prefix P] [--publish MODE] [--title T] [--language L]",
    summary: "List what would be published, and every problem; writes nothing",
    options: ["config", "json", "strict", "url", "path-prefix", "publish", "title", "language"],
    run: async (values, args) => check({ ...(await siteRun(values, args)), json: values.json }),
  },
  init: {
    usage: "trellis init [DIR] [--title T] [--content DIR] [--host github|netlify|cloudflare|none]",
    summary: "Make DIR (default: here) a Trellis project: config, package.json, deploy recipe, .gitignore; never overwrites a file",
    options: ["title", "content", "host"],
    help: {
      host: "--host HOST      Where the site is deployed: github, netlify, cloudflare or none (default)",
      content: "--content DIR    Notes folder, relative to the project (default: its content/ or notes/, else content)",
      title: "--title T        The site's title (default: the folder's name)",
    },
    run: async (values, args) => {
      if (args.length > 1) throw new UsageError(`unexpected argument "${args[1]}"`);
      const { parseHost } = await import("./init.ts");
      return init({ dir: args[0] ?? ".", host: parseHost(values.host), ...(values.title !== undefined ? { title: values.title } : {}), ...(values.content !== undefined ? { content: values.content } : {}) });
    },
  },
  new: {
    usage: 'trellis new "Title" [--folder F] [--content DIR] [--config FILE]',
    summary: "Create a note, marked for publishing, that the next build publishes",
    options: ["folder", "content", "config"],
    run: async (values, args) => {
      if (args.length !== 1 || args[0] === undefined) throw new UsageError('give the title as one argument: trellis new "My note"');
      const project = await loadProject(values.config);
      return newNote({
        title: args[0],
        contentDir: values.content !== undefined ? path.resolve(values.content) : path.resolve(project.root, project.config?.options.contentDir ?? "content"),
        ...(values.folder ? { folder: values.folder } : {}),
      });
    },
  },
};

const OVERVIEW = `Usage: trellis <command> [options]

Publishes the notes marked \`dg-publish: true\` or \`publish: true\` as a static website.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)}${command.summary}`)
  .join("\n")}

Run \`trellis <command> --help\` for a command's options, \`trellis --version\` for the version.
Exit codes: 0 done, 1 the notes have errors, 2 wrong usage.`;

function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}.\n\nOptions:\n${[...command.options, "help" as const].map((o) => `  ${command.help?.[o] ?? OPTION_HELP[o]}`).join("\n")}`;
}

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
  if (values.version) {
    console.log(await packageVersion());
    return 0;
  }
  const [name, ...args] = positionals;
  if (name === undefined || name === "help") {
    const topic = name === "help" ? COMMANDS[args[0] ?? ""] : undefined;
    console.log(topic ? commandHelp(topic) : OVERVIEW);
    return name === undefined && !values.help ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (values.help) {
    console.log(commandHelp(command));
    return 0;
  }
  for (const option of Object.keys(OPTIONS) as OptionName[]) {
    const given = argv.some((arg) => arg === `--${option}` || arg.startsWith(`--${option}=`));
    if (given && option !== "help" && !command.options.includes(option)) throw new UsageError(`--${option} is not an option of \`trellis ${name}\``);
  }
  return command.run(values, args);
}
