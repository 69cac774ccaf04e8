/**
 * The one writer of the output folder: files made by rendering, files copied as they are, a
 * folder another program wrote inside it (Pagefind's index), and the removal of files that no
 * longer belong (with the folders they leave empty, as a build into an empty folder would not
 * make them). It keeps a manifest of every file it wrote and the key it was made from, written
 * into the folder as SITE_MARKER: what says the folder is Trellis's, and what a later build
 * compares with. Nothing outside the folder is ever touched.
 */
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rmdir, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { copyWithoutMetadata } from "../render/images/clean-copy.ts";

/** The file that marks a folder as a site Trellis wrote (which it may therefore replace): its manifest. */
export const SITE_MARKER = ".trellis";

/**
 * The manifest as written: every file of the site but itself, with the digest of the key it was
 * made from, and the digest of what every key leaves out (`salt`: Trellis's code, layouts and
 * settings), which a later build must share to take a file over as it is.
 */
interface Manifest {
  site: string;
  salt?: string;
  files: Record<string, string>;
}

const MANIFEST_NOTE = "This folder is a site written by Trellis; each build replaces it.";

/** A key's digest, as the manifest has it: keys can be a page's whole text. */
export function digest(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

export class OutputWriter {
  readonly outputDir: string;
  /** Writes nothing (`trellis check`): every call succeeds and the folder is left alone. */
  readonly dryRun: boolean;
  readonly #folders = new Set<string>();
  readonly #manifest: Map<string, string>;
  /** The manifest as last written by this writer. */
  #manifestWritten: string | undefined;
  readonly #salt: string | undefined;

  constructor(outputDir: string, { dryRun = false, manifest, salt }: { dryRun?: boolean; manifest?: ReadonlyMap<string, string>; salt?: string } = {}) {
    this.outputDir = path.resolve(outputDir);
    this.dryRun = dryRun;
    this.#manifest = new Map(manifest);
    this.#salt = salt;
  }

  /** Every file written, with its key's digest. */
  get manifest(): ReadonlyMap<string, string> {
    return this.#manifest;
  }

  /** The digest of the manifest as last written: what names this site in records kept elsewhere. */
  get manifestDigest(): string | undefined {
    return this.#manifestWritten === undefined ? undefined : digest(this.#manifestWritten);
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

  async write(file: string, content: string, key: string = content): Promise<void> {
    const target = this.#target(file);
    this.#manifest.set(file, digest(key));
    if (this.dryRun) return;
    await this.#folder(target);
    await writeFile(target, content);
  }

  /** Writes the file when its content differs from what is there; says whether it did. */
  async update(file: string, content: string, key: string = content): Promise<boolean> {
    this.#manifest.set(file, digest(key));
    const existing = await readFile(this.#target(file), "utf8").catch(() => undefined);
    if (existing === content) return false;
    this.#folders.clear(); // folders may have gone since they were made
    await this.write(file, content, key);
    return true;
  }

  /**
   * Copies a file into the site: an author's attachment without the metadata an image carries
   * (clean-copy.ts); a file of Trellis's cache shared as a hard link where one can be made (link).
   */
  async copy(file: string, from: string, key: string = from, { attachment = false, cached = false }: { attachment?: boolean | undefined; cached?: boolean | undefined } = {}): Promise<void> {
    if (cached && (await this.link(file, from, digest(key)))) return;
    const target = this.#target(file);
    this.#manifest.set(file, digest(key));
    if (this.dryRun) return;
    await this.#folder(target);
    await (attachment ? copyWithoutMetadata(from, target) : copyFile(from, target));
  }

  /**
   * Takes a file over as it is, one of the previous site (its key unchanged) or of the cache: a
   * hard link, as no file is ever written in place, or a copy where a link cannot be made (another
   * disk). Says whether it could (the file may have gone since). `keyDigest` is the digest of its
   * key, as the manifest holds it: the caller has made it already, to compare.
   */
  async link(file: string, from: string, keyDigest: string): Promise<boolean> {
    const target = this.#target(file);
    if (this.dryRun) return false;
    // Synchronous: two quick calls per file, where a round trip through the thread pool each
    // would leave the build waiting most of the time (10,000 pages taken over).
    try {
      const folder = path.dirname(target);
      if (!this.#folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.#folders.add(folder);
      }
      try {
        linkSync(from, target);
      } catch {
        copyFileSync(from, target);
      }
    } catch {
      return false;
    }
    this.#manifest.set(file, keyDigest);
    return true;
  }

  /** Removes a file of the site, and the folders it leaves empty; says whether it was there. */
  async remove(file: string): Promise<boolean> {
    const target = this.#target(file);
    this.#manifest.delete(file);
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

  /**
   * Takes into the manifest a folder of the site another program wrote (Pagefind writes its
   * index itself), replacing what the manifest had in it; each file keyed by `key`.
   */
  async adopt(folder: string, key: string): Promise<void> {
    for (const file of [...this.#manifest.keys()]) if (file.startsWith(`${folder}/`)) this.#manifest.delete(file);
    if (this.dryRun) return;
    for (const file of await filesIn(this.#target(folder))) this.#manifest.set(`${folder}/${file}`, digest(key));
  }

  /** Removes every file of the folder the manifest does not list (one dropped in by hand, say); returns them. */
  async sweep(): Promise<string[]> {
    if (this.dryRun) return [];
    const strays = (await filesIn(this.outputDir)).filter((file) => file !== SITE_MARKER && !this.#manifest.has(file));
    for (const file of strays) await this.remove(file);
    return strays;
  }

  /**
   * Writes the manifest, last: a folder with one is a whole site. Written beside and renamed into
   * place, and only when it changed: a reader of the folder (a host, a deploy) never sees half of it.
   */
  async writeManifest(): Promise<void> {
    if (this.dryRun) return;
    const files = Object.fromEntries([...this.#manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const manifest: Manifest = { site: MANIFEST_NOTE, ...(this.#salt === undefined ? {} : { salt: this.#salt }), files };
    const text = `${JSON.stringify(manifest, null, 1)}\n`;
    if (text === this.#manifestWritten) return;
    const target = this.#target(SITE_MARKER);
    const next = `${target}.next`;
    await writeFile(next, text);
    await rename(next, target);
    this.#manifestWritten = text;
  }
}

/** The manifest a folder holds (file → key digest), its salt and its digest; undefined when it has none that can be read. */
export async function readManifest(folder: string): Promise<{ salt: string | undefined; files: Map<string, string>; digest: string } | undefined> {
  try {
    const text = await readFile(path.join(folder, SITE_MARKER), "utf8");
    const parsed = JSON.parse(text) as Partial<Manifest>;
    if (typeof parsed.files !== "object" || parsed.files === null) return undefined;
    return { salt: typeof parsed.salt === "string" ? parsed.salt : undefined, files: new Map(Object.entries(parsed.files).filter(([, value]) => typeof value === "string")), digest: digest(text) };
  } catch {
    return undefined;
  }
}

/** Every file under a folder, as paths relative to it with forward slashes. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
