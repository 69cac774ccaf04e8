/**
 * Writes into the output folder: files made by rendering, files copied as they are, and the
 * removal of files that no longer belong (with the folders they leave empty, as a build into
 * an empty folder would not make them). Nothing outside the folder is ever touched.
 */
import { copyFile, mkdir, readdir, readFile, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export class OutputWriter {
  readonly outputDir: string;
  /** Writes nothing (`trellis check`): every call succeeds and the folder is left alone. */
  readonly dryRun: boolean;
  readonly #folders = new Set<string>();

  constructor(outputDir: string, { dryRun = false }: { dryRun?: boolean } = {}) {
    this.outputDir = path.resolve(outputDir);
    this.dryRun = dryRun;
  }

  /** The absolute path of a file of the site; refuses one that would land outside the folder. */
  #target(file: string): string {
    const target = path.join(this.outputDir, ...file.split("/"));
    if (!target.startsWith(this.outputDir + path.sep)) throw new Error(`Trellis: ${file} is outside the output folder`);
    return target;
  }

  async #folder(target: string): Promise<void> {
    const folder = path.dirname(target);
    if (this.#folders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.#folders.add(folder);
  }

  async write(file: string, content: string): Promise<void> {
    const target = this.#target(file);
    if (this.dryRun) return;
    await this.#folder(target);
    await writeFile(target, content);
  }

  /** Writes the file when its content differs from what is there; says whether it did. */
  async update(file: string, content: string): Promise<boolean> {
    const existing = await readFile(this.#target(file), "utf8").catch(() => undefined);
    if (existing === content) return false;
    this.#folders.clear(); // folders may have gone since they were made
    await this.write(file, content);
    return true;
  }

  async copy(file: string, from: string): Promise<void> {
    const target = this.#target(file);
    if (this.dryRun) return;
    await this.#folder(target);
    await copyFile(from, target);
  }

  /** Removes a file of the site, and the folders it leaves empty; says whether it was there. */
  async remove(file: string): Promise<boolean> {
    const target = this.#target(file);
    try {
      await unlink(target);
    } catch {
      return false;
    }
    this.#folders.clear();
    for (let dir = path.dirname(target); dir.startsWith(this.outputDir + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
    return true;
  }
}

/** The file that marks a folder as a site Trellis wrote, which it may therefore replace. */
export const SITE_MARKER = ".trellis";
export const SITE_MARKER_TEXT = "This folder is a site written by Trellis; each build replaces it.\n";

/** What a folder is to Trellis: missing or empty, a site it wrote, or somebody else's files. */
export async function folderKind(folder: string): Promise<"empty" | "site" | "other"> {
  const entries: string[] = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  if (entries.length === 0) return "empty";
  return entries.includes(SITE_MARKER) ? "site" : "other";
}
