/**
 * Note files as read by earlier builds, kept in the cache folder: reading a note (frontmatter,
 * title, hero, references) is most of a scan's work, and a file whose text did not change reads
 * the same. An entry is used only for a file with the same digest, read with the same settings
 * by the same Trellis code (`salt`); a cache that cannot be read back whole is reported and
 * made again, never used.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeCacheFile } from "../core/cache-file.ts";
import { deserialize, serialize } from "node:v8";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { NoteFile } from "./note.ts";

const FILE = "notes.v8";

interface Stored {
  salt: string;
  files: Map<string, NoteFile>;
}

export interface ReadCache {
  files: ReadonlyMap<string, NoteFile>;
  /** A problem with the cache itself, to report once. */
  problem?: Diagnostic;
}

export async function loadReadCache(cacheDir: string, salt: string): Promise<ReadCache> {
  const file = path.join(cacheDir, FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { files: new Map() };
  }
  try {
    const stored = deserialize(bytes) as Stored;
    if (typeof stored?.salt !== "string" || !(stored.files instanceof Map)) throw new Error("not a cache of notes");
    // Another version of Trellis or other settings: read every note again.
    if (stored.salt !== salt) return { files: new Map() };
    for (const [name, read] of stored.files) {
      if (typeof name !== "string" || typeof read?.version !== "string" || !Array.isArray(read.diagnostics)) throw new Error("a damaged entry");
    }
    return { files: stored.files };
  } catch {
    return {
      files: new Map(),
      problem: {
        severity: "warning",
        file: "",
        message: `the cache of read notes ${file} is damaged; every note was read again and the cache made anew`,
        fix: "nothing to do; delete the file if this keeps happening",
      },
    };
  }
}

export async function saveReadCache(cacheDir: string, salt: string, files: ReadonlyMap<string, NoteFile>): Promise<void> {
  await writeCacheFile(path.join(cacheDir, FILE), serialize({ salt, files: new Map(files) } satisfies Stored));
}
