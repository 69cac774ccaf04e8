/**
 * The problems rendering found in a site's pages, kept in the cache folder beside the site's
 * manifest: a page a later build takes over unrendered (emit.ts) still reports its warnings, as
 * the build that rendered it did. Kept in the cache, not the site: a message may name a vault
 * path that is not published.
 */
import { readFile } from "node:fs/promises";
import { writeCacheFile } from "../core/cache-file.ts";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.ts";

const FILE = "problems.json";

interface Stored {
  /** The digest of the manifest of the site the pages are in (OutputWriter.manifestDigest). */
  site: string;
  files: Record<string, Diagnostic[]>;
}

/** The problems of the pages of the site whose manifest has this digest; undefined when the cache has none for it. */
export async function readRenderedProblems(cacheDir: string, site: string): Promise<Map<string, Diagnostic[]> | undefined> {
  try {
    const stored = JSON.parse(await readFile(path.join(cacheDir, FILE), "utf8")) as Partial<Stored>;
    if (stored.site !== site || typeof stored.files !== "object" || stored.files === null) return undefined;
    const files = Object.entries(stored.files);
    if (!files.every(([, found]) => Array.isArray(found) && found.every((d) => typeof d?.message === "string" && typeof d.file === "string"))) return undefined;
    return new Map(files);
  } catch {
    return undefined;
  }
}

/** Keeps the problems of a site's pages; a cache that cannot be written costs time, never the build. */
export async function writeRenderedProblems(cacheDir: string, site: string, problems: ReadonlyMap<string, Diagnostic[]>): Promise<void> {
  await writeCacheFile(path.join(cacheDir, FILE), JSON.stringify({ site, files: Object.fromEntries(problems) } satisfies Stored));
}
