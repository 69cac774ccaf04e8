/**
 * A file of the cache, written whole or not at all: beside its place, then renamed into it, so a
 * build killed meanwhile leaves the file it had. A cache that cannot be written (a full or
 * read-only disk) costs time, never the build: nothing is thrown.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeCacheFile(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
