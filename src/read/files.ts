/** Finds the files of a vault: notes and attachments, skipping Obsidian's and tools' own folders. */
import { constants } from "node:fs";
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { isNoteFile, isSkippedName } from "../core/vault-paths.ts";
import type { Mount } from "./layout.ts";

/**
 * Obsidian's canvases and bases are files of other notes' paths and text: copied as they are,
 * they would publish what private notes say. They never leave the vault: they are rendered
 * (render/bases.ts, render/canvas.ts) from their text, which the vault's listing reads.
 */
const NEVER_COPIED = /\.(canvas|base)$/i;

/** An attachment that may be copied into the site as it is, when a published note uses it. */
export function isCopyable(file: string): boolean {
  return !NEVER_COPIED.test(file);
}

/** A base of Obsidian's (`.base`): a link resolves to it, and rendering reads it; it is never copied. */
export function isBaseFile(file: string): boolean {
  return /\.base$/i.test(file);
}

/** A canvas of Obsidian's (`.canvas`, JSON Canvas): a link resolves to its page; it is never copied. */
export function isCanvasFile(file: string): boolean {
  return /\.canvas$/i.test(file);
}

/** A file the build reads to render (a base, a canvas) rather than copies. */
export function isDocumentFile(file: string): boolean {
  return isBaseFile(file) || isCanvasFile(file);
}

export interface VaultFiles {
  /** Note paths relative to the vault, forward slashes, sorted. */
  notes: string[];
  /** Every other file (images, PDFs, audio…); copied only when a published note uses it. */
  attachments: string[];
  /** Symbolic links that were not followed (they could point outside the vault). */
  skippedLinks: string[];
  /** Folders and attachments the build may not read, with the reason (`EACCES`). */
  unreadable: Array<{ path: string; code: string; folder: boolean }>;
}

/** A mounted folder (layout.ts) adds attachments only: its files are named by their vault path, `img/user/pic.png`. */
export async function listVaultFiles(contentDir: string, mounts: readonly Mount[] = []): Promise<VaultFiles> {
  const notes: string[] = [];
  const attachments: string[] = [];
  const skippedLinks: string[] = [];
  const unreadable: VaultFiles["unreadable"] = [];
  /** `root` is read as the vault folder `at` ("" for the vault itself). */
  async function walk(root: string, at: string, relativeDir: string): Promise<void> {
    const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      // A folder of the vault the build may not read is said, not taken for the output's problem; the vault itself must be readable.
      if (relativeDir === "" || (error.code !== "EACCES" && error.code !== "EPERM")) throw error;
      unreadable.push({ path: at === "" ? relativeDir : `${at}/${relativeDir}`, code: error.code, folder: true });
      return [];
    });
    await Promise.all(
      entries.map(async (entry) => {
        const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
        const vaultPath = at === "" ? relative : `${at}/${relative}`;
        if (entry.isSymbolicLink()) {
          if (!entry.name.startsWith(".")) skippedLinks.push(vaultPath);
        } else if (entry.isDirectory()) {
          if (!isSkippedName(entry.name)) await walk(root, at, relative);
        } else if (entry.isFile() && !isSkippedName(entry.name)) {
          if (isNoteFile(entry.name)) {
            if (at === "") notes.push(vaultPath);
          } else if (await readable(path.join(root, relative))) attachments.push(vaultPath);
          else unreadable.push({ path: vaultPath, code: "EACCES", folder: false });
        }
      }),
    );
  }
  await walk(contentDir, "", "");
  for (const mount of mounts) {
    // A folder of the vault at the mount's path would give two files one name: the mount wins.
    const shadowed = attachments.filter((file) => file.startsWith(`${mount.at}/`));
    for (const file of shadowed) attachments.splice(attachments.indexOf(file), 1);
    await walk(mount.dir, mount.at, "");
  }
  notes.sort(comparePaths);
  attachments.sort(comparePaths);
  skippedLinks.sort(comparePaths);
  unreadable.sort((a, b) => comparePaths(a.path, b.path));
  return { notes, attachments, skippedLinks, unreadable };
}

/** An attachment is copied only if the build may read it. */
function readable(file: string): Promise<boolean> {
  return access(file, constants.R_OK).then(() => true, () => false);
}

/** Byte order, so the same vault gives the same order on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
