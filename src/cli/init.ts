/**
 * `trellis init [DIR]`: makes a folder a Trellis project, for a vault that exists or a new one:
 * the config file, Trellis's scripts and dependency in package.json (project-package.ts), the
 * deploy recipe of the host the author picks, a .gitignore, and a sample note only when the
 * notes folder holds none. It never overwrites a file: one already there is kept, and said so;
 * package.json only gains what it lacks.
 */
import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { detectLayout } from "../read/layout.ts";
import { slugify } from "../read/permalink.ts";
import { readGardenEnv } from "../core/garden-env.ts";
import { validateOptions, type TrellisUserOptions } from "../core/options.ts";
import { buildCommand, hostFiles, HOSTS, type Host } from "./deploy-recipes.ts";
import { UsageError } from "./paths.ts";
import { projectPackage } from "./project-package.ts";
import { shownPath } from "./report.ts";

export interface InitOptions {
  /** The project's folder; made when missing. */
  dir: string;
  title?: string;
  /** The notes folder, relative to the project (default: its content/ or notes/ folder, else content). */
  content?: string;
  host: Host | "none";
}

export const GITIGNORE = "_site/\n.cache/\nnode_modules/\n";

export function parseHost(value: string | undefined): Host | "none" {
  if (value === undefined) return "none";
  if (value === "none" || (HOSTS as readonly string[]).includes(value)) return value as Host | "none";
  throw new UsageError(`--host must be one of ${[...HOSTS, "none"].join(", ")}, not "${value}"`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Whether a folder holds a Markdown note anywhere in it. */
async function hasNotes(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  return entries.some((entry) => entry.endsWith(".md") && !entry.split(path.sep).some((part) => part.startsWith(".") || part === "node_modules"));
}

async function notesFolder(dir: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  // A Digital Garden repository is built as it is: the build finds its notes and images.
  if (detectLayout(dir).kind === "digital-garden") return ".";
  for (const name of ["content", "notes"]) if (await exists(path.join(dir, name))) return name;
  // The build's output may not sit inside the notes it reads: a folder that is itself a vault is read from beside it.
  const own = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".md") || name === ".obsidian");
  if (own.length > 0) {
    throw new UsageError(
      `${shownPath(dir)} holds notes itself (${own.slice(0, 3).join(", ")}); the site is built into the project, outside its notes. Make the project beside the vault: trellis init my-site --content ${path.relative(path.join(dir, "my-site"), dir) || "."}, or move the notes into ${shownPath(path.join(dir, "content"))}`,
    );
  }
  return "content";
}

const SAMPLE = (title: string, serve: string) =>
  // JSON strings are valid YAML, so any title is written safely.
  `---\ndg-publish: true\ndg-home: true\ntitle: ${JSON.stringify(title)}\ncreated: ${new Date().toISOString().slice(0, 10)}\n---\n\nThis note is the home page of the site: it says \`dg-publish: true\` and \`dg-home: true\` in its frontmatter.
Notes without \`dg-publish: true\` (or \`publish: true\`) stay private.

Run \`${serve}\` and edit this note to see the page change.
`;

export async function init(options: InitOptions): Promise<number> {
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const content = await notesFolder(dir, options.content);
  // A Digital Garden repository's .env names the site already: the config leaves that to it.
  const layout = detectLayout(path.resolve(dir, content));
  const env = layout.repository ? readGardenEnv(layout.repository)?.site : undefined;
  const title = options.title?.trim() || env?.title || path.basename(dir);
  const config: TrellisUserOptions = {
    contentDir: content,
    site: { ...(options.title || !env?.title ? { title } : {}), ...(env?.language ? {} : { language: "en" }) },
  };
  validateOptions(config, "trellis init");
  const name = slugify(path.basename(dir)) || "garden";

  const project = await projectPackage(dir, name);
  const serve = project.servesWithTrellis ? "npm run serve" : "npx trellis serve";
  const files: Record<string, string> = {
    "trellis.config.json": `${JSON.stringify(config, null, 2)}\n`,
    ".gitignore": GITIGNORE,
    ...(options.host === "none" ? {} : hostFiles(options.host, name, buildCommand(undefined, { script: project.buildsWithTrellis }))),
  };
  const notes = path.resolve(dir, content);
  await mkdir(notes, { recursive: true });
  if (!(await hasNotes(notes))) files[path.join(path.relative(dir, notes), "Welcome.md")] = SAMPLE(title, serve);

  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await writeFile(target, text, { flag: "wx" });
      console.log(`Created ${shownPath(target)}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      console.log(`Kept ${shownPath(target)}: it already exists`);
    }
  }
  const manifest = path.join(dir, "package.json");
  if (project.text !== undefined) {
    await writeFile(manifest, project.text);
    console.log(`${project.existed ? "Added Trellis's scripts and dependency to" : "Created"} ${shownPath(manifest)}`);
  }
  for (const script of project.keptScripts) console.log(`Kept the "${script}" script of ${shownPath(manifest)}: it runs something else; use npx trellis ${script}`);
  for (const note of project.source.notes) console.log(note);

  const cd = path.resolve(dir) === process.cwd() ? "" : `cd ${shownPath(dir)} && `;
  const install = project.source.installed ? "" : project.source.spec === undefined ? "npm install <Trellis> && " : "npm install && ";
  console.log(`\nNext: ${cd}${install}${serve}`);
  if (options.host === "github") console.log("On GitHub, set Settings → Pages → Source to \"GitHub Actions\".");
  if (options.host === "cloudflare") console.log("In the Cloudflare Pages project, set the build command written at the top of wrangler.toml.");
  return 0;
}
