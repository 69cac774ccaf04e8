/** Folders the command works with, resolved against the directory it was started in. */
import { detectLayout } from "../read/layout.ts";
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** This package's folder: `.eleventy.ts`, `_includes/` and `public/` are found from here. */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The Eleventy configuration the command builds with: from the sources, the repository's
 * `.eleventy.ts` (the sample site's settings, which a fork edits); in the installed package, the
 * compiled command-config.js.
 */
export const ELEVENTY_CONFIG = import.meta.url.endsWith(".ts") ? path.join(PACKAGE_ROOT, ".eleventy.ts") : fileURLToPath(new URL("../eleventy/command-config.js", import.meta.url));

export class UsageError extends Error {
  override name = "UsageError";
}

export async function requireFolder(folder: string, what: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) throw new UsageError(`${what} ${folder} does not exist`);
  if (!info.isDirectory()) throw new UsageError(`${what} ${folder} is not a folder`);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The output folder is replaced on every build, so it must not hold the notes or the project.
 */
export function checkOutputFolder(outDir: string, contentDir: string): void {
  // In a Digital Garden or Quartz repository, the folders read are the notes and images, not the
  // whole repository: `trellis build . --out dist` is fine there.
  const layout = detectLayout(contentDir);
  for (const folder of [layout.notes, ...layout.mounts.map((mount) => mount.dir)]) {
    if (isInside(folder, outDir)) {
      throw new UsageError(`output folder ${outDir} contains the notes in ${folder}; choose an output folder of its own`);
    }
    if (isInside(outDir, folder)) {
      throw new UsageError(`output folder ${outDir} is inside the ${folder === layout.notes ? "notes" : "images"} folder ${folder}; choose one outside it`);
    }
  }
  if (isInside(PACKAGE_ROOT, outDir)) {
    throw new UsageError(`output folder ${outDir} contains Trellis itself; choose an output folder of its own`);
  }
}
