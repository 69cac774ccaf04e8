/**
 * Rendered note bodies kept across builds, in the cache folder: the Markdown rendering of a
 * note is most of a build's work, and a body whose inputs did not change renders the same. An
 * entry is found by a digest of everything the body shows (article-key.ts: the note's text, what
 * its links and embeds resolve to, the embedded notes' own inputs, its images), the Markdown
 * settings and Trellis's own code, so it can only be used where it is right. Each entry carries
 * a checksum: one that is damaged or foreign is reported once, rendered again and replaced,
 * never published. A build removes the entries it did not use, so the cache does not grow.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.ts";

/** A rendered body and the problems rendering it found. */
export interface CachedBody {
  html: string;
  diagnostics: Diagnostic[];
}

interface Header {
  key: string;
  sum: string;
  diagnostics: Diagnostic[];
}

const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/** Entries written at the same time, at most. */
const WRITES_AT_ONCE = 16;

export class BodyCache {
  readonly #folder: string;
  readonly #salt: string;
  readonly #used = new Set<string>();
  /** Entries being written, by key. */
  readonly #writing = new Map<string, Promise<void>>();
  /** The entries on disk, listed once: a body not in the cache costs no file open. */
  #stored: Promise<Set<string>> | undefined;
  /** Folders this cache has made or found. */
  readonly #folders = new Set<string>();
  /** Problems with the cache itself, each reported once. */
  readonly problems: Diagnostic[] = [];

  /** Whether entries are read: a fresh build renders every body and only stores them. */
  readonly #read: boolean;

  /** `salt` is everything the bodies depend on besides their inputs: settings, Trellis's code. */
  constructor(cacheDir: string, salt: string, { read = true }: { read?: boolean } = {}) {
    this.#folder = path.join(cacheDir, "bodies");
    this.#salt = salt;
    this.#read = read;
  }

  /** Entries are spread over 64 folders by their first character, each made once. */
  #file(key: string): string {
    return path.join(this.#folder, key.slice(0, 1), `${key}.html`);
  }

  #list(): Promise<Set<string>> {
    this.#stored ??= (async () => {
      const stored = new Set<string>();
      for (const folder of await readdir(this.#folder).catch(() => [] as string[])) {
        this.#folders.add(path.join(this.#folder, folder));
        for (const file of await readdir(path.join(this.#folder, folder)).catch(() => [] as string[])) {
          if (file.endsWith(".html")) stored.add(file.slice(0, -".html".length));
        }
      }
      return stored;
    })();
    return this.#stored;
  }

  /** The entry's name for a body's inputs. */
  key(inputs: string): string {
    return digest(`${this.#salt}\n${inputs}`);
  }

  /** The entry is in use, though this build does not read it: prune keeps it. */
  keep(key: string): void {
    this.#used.add(key);
  }

  async get(key: string): Promise<CachedBody | undefined> {
    this.#used.add(key);
    if (!this.#read || !(await this.#list()).has(key)) return undefined;
    let text: string;
    try {
      text = await readFile(this.#file(key), "utf8");
    } catch {
      return undefined;
    }
    const newline = text.indexOf("\n");
    try {
      const header = JSON.parse(text.slice(0, newline)) as Header;
      const html = text.slice(newline + 1);
      if (newline === -1 || header.key !== key || header.sum !== digest(html) || !Array.isArray(header.diagnostics)) throw new Error("checksum");
      return { html, diagnostics: header.diagnostics };
    } catch {
      this.#damaged();
      return undefined;
    }
  }

  #damaged(): void {
    if (this.problems.length > 0) return;
    this.problems.push({
      severity: "warning",
      file: "",
      message: `the cache of rendered notes in ${this.#folder} held damaged entries; they were rendered again and replaced`,
      fix: "nothing to do; delete the folder if this keeps happening",
    });
  }

  /**
   * Stores a body. The write goes on while the next pages render (awaiting each would leave the
   * build waiting on the disk a thousand times); a few are written at a time, so that bodies
   * waiting to be written never pile up in memory. `prune` waits for them.
   */
  async put(key: string, body: CachedBody): Promise<void> {
    this.#used.add(key);
    if (this.#writing.has(key)) return; // the same body, being written already
    const write = this.#write(key, body);
    this.#writing.set(key, write);
    void write.finally(() => this.#writing.delete(key));
    if (this.#writing.size >= WRITES_AT_ONCE) await Promise.race(this.#writing.values());
  }

  async #write(key: string, body: CachedBody): Promise<void> {
    const header: Header = { key, sum: digest(body.html), diagnostics: body.diagnostics };
    const file = this.#file(key);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      const folder = path.dirname(file);
      if (!this.#folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.#folders.add(folder);
      }
      // Written whole, then moved into place: a build killed meanwhile leaves no half entry.
      await writeFile(temporary, `${JSON.stringify(header)}\n${body.html}`);
      await rename(temporary, file);
      (await this.#list()).add(key);
    } catch {
      this.#folders.clear(); // the folder may have gone since it was made
      // A cache that cannot be written (a full or read-only disk) costs time, never the build.
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /** Removes the entries this build did not use, and folders left empty, once every entry is written. */
  async prune(): Promise<void> {
    await Promise.all(this.#writing.values());
    const stored = await this.#stored;
    const folders = await readdir(this.#folder).catch(() => [] as string[]);
    for (const folder of folders) {
      const dir = path.join(this.#folder, folder);
      for (const file of await readdir(dir).catch(() => [] as string[])) {
        const key = file.replace(/\.html$/, "");
        if (this.#used.has(key)) continue;
        await rm(path.join(dir, file), { force: true }).catch(() => undefined);
        stored?.delete(key);
      }
      // Only an empty folder can be removed; one still holding entries stays.
      if (await rmdir(dir).then(() => true, () => false)) this.#folders.delete(dir);
    }
  }
}

/** A digest of Trellis's own code: a cache made by other code is never used. */
export async function codeDigest(root: string): Promise<string> {
  const hash = createHash("sha256");
  // The sources in a clone of the repository; an installed package runs dist/ (and keeps src/client).
  hashFiles(hash, root, ["src", "dist"], /\.(ts|js)$/);
  hash.update(await readFile(path.join(root, "package.json")));
  // The versions of the Markdown stack it renders with, where npm recorded them.
  hash.update(await readFile(path.join(root, "package-lock.json")).catch(() => ""));
  return hash.digest("base64url");
}

/**
 * Adds every file of `folders` (relative to `root`) whose name matches to `hash`, by name and
 * content, in a fixed order. Synchronous: hundreds of small files, each a round trip through the
 * thread pool otherwise, held up the start of every build by 0.2 s.
 */
function hashFiles(hash: ReturnType<typeof createHash>, root: string, folders: readonly string[], names: RegExp): void {
  for (const folder of folders) {
    let found: string[];
    try {
      found = readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" });
    } catch {
      continue; // a folder that is not there: dist/ in a clone before it is compiled
    }
    const files = found.filter((file) => names.test(file)).sort();
    for (const file of files) hash.update(`${folder}/${file}`).update(readFileSync(path.join(root, folder, file)));
  }
}

/**
 * Everything a page shows that no output's key holds: Trellis's code, its layouts, the interface
 * text of every language (`code` is codeDigest) and the site's settings. A file of the previous site is taken over only
 * by a build that shares it (emit.ts).
 */
export async function outputDigest(root: string, code: string, settings: unknown): Promise<string> {
  const hash = createHash("sha256").update(code).update(JSON.stringify(settings));
  hashFiles(hash, root, ["_includes", "src/core/translations", "dist/core/translations"], /\.(njk|json)$/);
  return hash.digest("base64url");
}
