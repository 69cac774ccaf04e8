/**
 * What a folder given to Trellis is: a vault of notes, or a repository another publisher laid
 * out (the Obsidian Digital Garden template, Quartz) whose notes and images live in folders of
 * their own. Every command reads the folder through this, so `trellis build REPO` and the same
 * command on the notes folder give one site.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { describeGardenEnv, readGardenEnv } from "../core/garden-env.ts";

/** A folder of attachments read into the vault at `at`, and published at `/${at}/…`. */
export interface Mount {
  /** Vault path of the folder, forward slashes: `img/user`. */
  at: string;
  /** Absolute folder on the disk. */
  dir: string;
}

export interface VaultLayout {
  kind: "vault" | "digital-garden" | "quartz";
  /** The folder the notes are read from: the vault root, the explorer's root. */
  notes: string;
  mounts: Mount[];
  /** The Digital Garden repository's own folder (the one holding src/site and the plugin's `.env`). */
  repository?: string;
}

const isFolder = (folder: string) => existsSync(folder) && statSync(folder).isDirectory();

const isSrcSite = (site: string) => path.basename(site) === "site" && path.basename(path.dirname(site)) === "src";

/** The Digital Garden template's src/site: a notes folder, with the plugin's images beside it or under that name. */
function isGardenSite(site: string): boolean {
  return isFolder(path.join(site, "notes")) && (isFolder(path.join(site, "img/user")) || isSrcSite(site));
}

export function detectLayout(folder: string): VaultLayout {
  const dir = path.resolve(folder);
  // The Digital Garden plugin writes notes into src/site/notes and images into src/site/img/user,
  // and its notes name the images by their site address, /img/user/….
  // The repository, its src/site folder or its notes folder: each gives the same garden.
  const candidates = [path.join(dir, "src/site"), dir, ...(path.basename(dir) === "notes" ? [path.dirname(dir)] : [])];
  const gardenSite = candidates.find(isGardenSite);
  if (gardenSite !== undefined) {
    const images = path.join(gardenSite, "img/user");
    return {
      kind: "digital-garden",
      notes: path.join(gardenSite, "notes"),
      mounts: isFolder(images) ? [{ at: "img/user", dir: images }] : [],
      ...(isSrcSite(gardenSite) ? { repository: path.dirname(path.dirname(gardenSite)) } : {}),
    };
  }
  if (existsSync(path.join(dir, "quartz.config.ts")) && isFolder(path.join(dir, "content"))) return { kind: "quartz", notes: path.join(dir, "content"), mounts: [] };
  return { kind: "vault", notes: dir, mounts: [] };
}

/** One line for the build's output; undefined for a plain vault. */
export function describeLayout(layout: VaultLayout, shown: (folder: string) => string): string | undefined {
  const images = layout.mounts.map((mount) => `, images from ${shown(mount.dir)} at /${mount.at}/`).join("");
  if (layout.kind === "digital-garden") {
    const env = layout.repository ? readGardenEnv(layout.repository) : undefined;
    return `Digital Garden repository: notes from ${shown(layout.notes)}${images}${env ? `, ${describeGardenEnv(env, shown)}` : ""}`;
  }
  if (layout.kind === "quartz") return `Quartz repository: notes from ${shown(layout.notes)}`;
  return undefined;
}

/** The vault path of a file on the disk (forward slashes), `../…` when it is outside what the vault reads; the inverse of vaultSource. */
export function vaultPathOf(contentDir: string, mounts: readonly Mount[], absolute: string): string {
  for (const mount of mounts) {
    const relative = path.relative(mount.dir, absolute).split(path.sep).join("/");
    if (relative === "") return mount.at;
    if (!relative.startsWith("../") && relative !== ".." && !path.isAbsolute(relative)) return `${mount.at}/${relative}`;
  }
  return path.relative(contentDir, absolute).split(path.sep).join("/");
}

/** The file on the disk behind a vault path. */
export function vaultSource(contentDir: string, mounts: readonly Mount[], file: string): string {
  const mount = mounts.find((candidate) => file.startsWith(`${candidate.at}/`));
  return mount ? path.join(mount.dir, file.slice(mount.at.length + 1)) : path.join(contentDir, file);
}
