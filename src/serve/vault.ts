/**
 * The vault as `trellis serve` keeps it between builds: every note file as last read, so that
 * an edit re-reads only the files it touched. Reading one file gives exactly what the scan of
 * a build gives for it (src/garden/scan.ts): the published note, or nothing, and the problems
 * found on the way.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "../diagnostics.ts";
import { listVaultFiles } from "../garden/files.ts";
import { readGitDates, type GitDates } from "../garden/git-dates.ts";
import type { Note } from "../garden/note.ts";
import { decodeNote, readNote } from "../garden/scan.ts";
import type { PublishMode } from "../site/options.ts";

export interface NoteFile {
  /** The published note as read, before the home note is chosen; undefined when it is not published. */
  note: Note | undefined;
  /** What reading the file found: frontmatter errors, bad dates, publishing conflicts. */
  diagnostics: Diagnostic[];
  /** The file's text, to tell a real change from a save that changed nothing. */
  source: string;
}

export interface VaultListing {
  notes: string[];
  attachments: string[];
  /** Warnings about the vault as a whole: symbolic links, a shallow git history. */
  diagnostics: Diagnostic[];
}

/** Notes are read this many at a time, as the scan reads them. */
const READ_CONCURRENCY = 64;

export class VaultReader {
  readonly contentDir: string;
  readonly #md: MarkdownIt;
  readonly #publish: PublishMode;
  #gitDates: GitDates | undefined;

  constructor(contentDir: string, md: MarkdownIt, publish: PublishMode) {
    this.contentDir = contentDir;
    this.#md = md;
    this.#publish = publish;
  }

  /** The vault's files, with the warnings a build gives about them (as scanVault words them). */
  async list(): Promise<VaultListing> {
    const files = await listVaultFiles(this.contentDir);
    const diagnostics: Diagnostic[] = files.skippedLinks.map((link) => ({
      severity: "warning",
      file: link,
      message: "symbolic link not followed; it could point outside the vault",
      fix: "move the linked notes into the vault to publish them",
    }));
    // Dates from git are read once: commits made while serving show after a restart.
    if (this.#gitDates === undefined) this.#gitDates = (await readGitDates(this.contentDir)) ?? { files: new Map(), shallow: false };
    if (this.#gitDates.shallow) {
      diagnostics.push({
        severity: "warning",
        file: "",
        message: "the repository is a shallow clone, so dates taken from git history may be wrong",
        fix: "fetch the full history (in GitHub Actions: actions/checkout with fetch-depth: 0)",
      });
    }
    return { notes: files.notes, attachments: files.attachments, diagnostics };
  }

  /** Reads every note of a listing. */
  async readAll(notes: readonly string[]): Promise<Map<string, NoteFile>> {
    const files = new Map<string, NoteFile>();
    for (let i = 0; i < notes.length; i += READ_CONCURRENCY) {
      const batch = notes.slice(i, i + READ_CONCURRENCY);
      const read = await Promise.all(batch.map((file) => this.read(file)));
      batch.forEach((file, index) => {
        const record = read[index];
        if (record) files.set(file, record);
      });
    }
    return files;
  }

  /** Reads one note file as the scan does; undefined when it is gone. */
  async read(file: string): Promise<NoteFile | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path.join(this.contentDir, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
      throw error;
    }
    const diagnostics: Diagnostic[] = [];
    const source = decodeNote(file, bytes, diagnostics);
    const note = readNote(file, source, this.#md, diagnostics, this.#publish);
    // Frontmatter dates come first; git history fills in what it does not say.
    const fromGit = this.#gitDates?.files.get(file);
    if (note && fromGit && !note.created) note.created = fromGit.created;
    if (note && fromGit && !note.updated) note.updated = fromGit.updated;
    return { note, diagnostics, source };
  }
}
