/**
 * The author's project: the folder of a `trellis.config.*` file, which holds the Trellis plugin's
 * options, so that a vault is published without an `.eleventy.ts` of its own. Without such a file
 * the project is the working directory. The notes folder the file names, the default output
 * folder and the cache are found from the project's folder, wherever the command runs.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { validateOptions, type TrellisUserOptions } from "../core/options.ts";
import { UsageError } from "./paths.ts";
import { shownPath } from "./report.ts";

/** Looked for in the working directory, in this order; more than one there is refused as ambiguous. */
export const CONFIG_FILES = ["trellis.config.json", "trellis.config.mjs", "trellis.config.js", "trellis.config.ts"];

export interface ProjectConfig {
  /** The file, absolute. */
  file: string;
  /** The file as messages show it (relative to the working directory). */
  shown: string;
  options: TrellisUserOptions;
}

export interface Project {
  root: string;
  config?: ProjectConfig;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() === true;
}

async function findConfig(given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) {
    const file = path.resolve(given);
    if (!(await isFile(file))) throw new UsageError(`config file ${given} does not exist`);
    return file;
  }
  const found: string[] = [];
  for (const name of CONFIG_FILES) if (await isFile(path.resolve(name))) found.push(name);
  if (found.length > 1) throw new UsageError(`the project has ${found.length} config files (${found.join(", ")}); keep one, or choose one with --config`);
  return found[0] && path.resolve(found[0]);
}

/** The file's options as written, before they are checked. */
async function readConfig(file: string, shown: string): Promise<unknown> {
  if (file.endsWith(".json")) {
    const text = await readFile(file, "utf8");
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${shown} is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!/\.(mjs|cjs|js|mts|ts)$/.test(file)) throw new UsageError(`config file ${shown} must end in .json, .mjs, .js or .ts`);
  let loaded: { default?: unknown };
  try {
    loaded = (await importConfig(file)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`${shown} could not be loaded: ${(error as Error).message}`);
  }
  if (!("default" in loaded)) throw new UsageError(`${shown} must export the options as its default export (export default { … })`);
  return loaded.default;
}

/**
 * A JavaScript config file is imported; a TypeScript one through tsx, which the command run from
 * the sources has registered already and the compiled command loads only for such a file.
 */
async function importConfig(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  if (!/\.m?ts$/.test(file) || import.meta.url.endsWith(".ts")) return import(url);
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(url, import.meta.url);
}

/** The project of the working directory, or of the config file given with `--config`. */
export async function loadProject(given?: string): Promise<Project> {
  const file = await findConfig(given);
  if (!file) return { root: process.cwd() };
  const shown = shownPath(file);
  const options = await readConfig(file, shown);
  validateOptions(options, shown);
  return { root: path.dirname(file), config: { file, shown, options } };
}
