/**
 * The project's package.json as `trellis init` leaves it: the scripts `build`, `serve` and `check`
 * and a dependency on Trellis that installs, added to what is there without touching the rest.
 *
 * The dependency is Trellis as this project gets it: what its package.json already names; else,
 * when Trellis runs from the project's node_modules, what npm's lockfile says it was installed
 * from (a tarball, a git URL, the registry); else the folder Trellis runs from, as a `file:` path.
 * Trellis is not in the npm registry under its name (another package is), so a version range
 * is never written.
 */
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { PACKAGE_ROOT } from "./paths.ts";

interface PackageJson {
  name?: string;
  private?: boolean;
  type?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export const TRELLIS_SCRIPTS: Readonly<Record<string, string>> = { build: "trellis build", serve: "trellis serve", check: "trellis check" };

/** How the project gets Trellis. */
export interface TrellisSource {
  /** The dependency's spec, when known. */
  spec: string | undefined;
  /** Trellis runs from the project's own node_modules: nothing to install. */
  installed: boolean;
  /** What to tell the author about it (where it comes from, what a deploy needs), if anything. */
  notes: string[];
}

export interface ProjectPackage {
  /** The file's new text, or undefined when it needs no change. */
  text: string | undefined;
  /** The file was there before. */
  existed: boolean;
  /** Scripts the project already had with other commands, kept. */
  keptScripts: string[];
  /** Whether `npm run build` builds with Trellis afterwards. */
  buildsWithTrellis: boolean;
  /** Whether `npm run serve` serves with Trellis afterwards. */
  servesWithTrellis: boolean;
  source: TrellisSource;
}

async function readJson(file: string): Promise<PackageJson | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${file} is not a JSON object`);
  return parsed as PackageJson;
}

async function samePath(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([realpath(a).catch(() => path.resolve(a)), realpath(b).catch(() => path.resolve(b))]);
  return x === y;
}

/** Where this project gets Trellis from (see the module's comment). */
async function trellisSource(dir: string, name: string, own: PackageJson | undefined): Promise<TrellisSource> {
  const installed = await samePath(PACKAGE_ROOT, path.join(dir, "node_modules", name));
  const named = own?.dependencies?.[name] ?? own?.devDependencies?.[name];
  let spec = named;
  const notes: string[] = [];
  if (spec === undefined && installed) {
    const lock = await readJson(path.join(dir, "package-lock.json")).catch(() => undefined);
    const resolved = (lock?.["packages"] as Record<string, { resolved?: string }> | undefined)?.[`node_modules/${name}`]?.resolved;
    if (resolved) spec = resolved;
  }
  if (spec === undefined && !installed) {
    if (PACKAGE_ROOT.split(path.sep).includes("_npx")) {
      notes.push(`Trellis ran from npx's cache, which does not say where it came from: install it into the project the way you got it (npm install <tarball, folder or git URL>).`);
    } else {
      spec = `file:${path.relative(dir, PACKAGE_ROOT).split(path.sep).join("/") || "."}`;
      notes.push(`Trellis is added as ${spec}, the folder it ran from.`);
    }
  }
  // A deploy installs from package.json on another machine: a file outside the repository is not there.
  if (spec?.startsWith("file:")) {
    const target = path.resolve(dir, spec.slice("file:".length));
    const relative = path.relative(dir, target);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      notes.push(`package.json installs Trellis from ${target}, outside this project: a deploy (npm ci on the host) will not find it. Copy it into the project (for example vendor/) and npm install it from there, or install Trellis from a git URL.`);
    }
  }
  return { spec, installed, notes };
}

/** The indentation a JSON text uses, to write it back alike. */
function indentOf(text: string): string {
  return /^\{\s*\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
}

/** The project's package.json with Trellis's scripts and dependency added (see the module's comment). */
export async function projectPackage(dir: string, name: string): Promise<ProjectPackage> {
  const trellis = (await readJson(path.join(PACKAGE_ROOT, "package.json"))) ?? {};
  const trellisName = trellis.name ?? "trellis";
  const file = path.join(dir, "package.json");
  const text = await readFile(file, "utf8").catch(() => undefined);
  const own = text === undefined ? undefined : await readJson(file);
  const source = await trellisSource(dir, trellisName, own);
  const manifest: PackageJson = own ? structuredClone(own) : { name, private: true, type: "module" };
  const scripts = { ...manifest.scripts };
  const keptScripts: string[] = [];
  for (const [script, command] of Object.entries(TRELLIS_SCRIPTS)) {
    const existing = scripts[script];
    // `npm init` writes a test script that fails; other scripts are the project's own.
    if (existing === undefined) scripts[script] = command;
    else if (!/\btrellis\b/.test(existing)) keptScripts.push(script);
  }
  manifest.scripts = scripts;
  const named = manifest.dependencies?.[trellisName] ?? manifest.devDependencies?.[trellisName];
  if (named === undefined && source.spec !== undefined) manifest.dependencies = { ...manifest.dependencies, [trellisName]: source.spec };
  const next = `${JSON.stringify(manifest, null, text ? indentOf(text) : 2)}\n`;
  const uses = (script: string) => /\btrellis\b/.test(scripts[script] ?? "");
  return {
    text: next === text ? undefined : next,
    existed: text !== undefined,
    keptScripts,
    buildsWithTrellis: uses("build"),
    servesWithTrellis: uses("serve"),
    source,
  };
}
