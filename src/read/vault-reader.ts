/**
 * Reads the vault from the disk: its listing (notes, attachments, and the warnings about the
 * vault as a whole) and one note file at a time, exactly as the scan reads it. Git dates fill
 * in what a note's frontmatter does not say. A build reads every file through the scan's
 * threads; `trellis serve` reads the files an edit touched.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "../core/diagnostics.ts";
import { isDocumentFile, listVaultFiles } from "./files.ts";
import type { Mount } from "./layout.ts";
import { readGitDates, type GitDates } from "./git-dates.ts";
import type { NoteFile } from "./note.ts";
import { readNoteFile, unreadableNote } from "./scan.ts";
import type { PublishMode } from "../core/options.ts";

export interface VaultListing {
  notes: string[];
  attachments: string[];
  /** The text of each canvas and base of the vault (files.ts): rendered, never copied. */
  documents: Map<string, string>;
  /** Problems of the vault as a whole: symbolic links, unreadable folders and files, a shallow git history. */
  diagnostics: Diagnostic[];
}

export class VaultReader {
  readonly contentDir: string;
  readonly #md: MarkdownIt;
  readonly #publish: PublishMode;
  readonly #mounts: readonly Mount[];
  #gitDates: GitDates | undefined;

  constructor(contentDir: string, md: MarkdownIt, publish: PublishMode, mounts: readonly Mount[] = []) {
    this.#mounts = mounts;
    this.contentDir = contentDir;
    this.#md = md;
    this.#publish = publish;
  }

  /** The vault's files, with the warnings about the vault as a whole. */
  async list(): Promise<VaultListing> {
    // Dates from git are read once (commits made while serving show after a restart), while the folders are listed.
    const gitDates = this.#gitDates ? Promise.resolve(this.#gitDates) : readGitDates(this.contentDir).then((dates) => dates ?? { files: new Map(), shallow: false });
    const files = await listVaultFiles(this.contentDir, this.#mounts);
    const diagnostics: Diagnostic[] = files.skippedLinks.map((link) => ({
      severity: "warning",
      file: link,
      message: "symbolic link not followed; it could point outside the vault",
      fix: "move the linked notes into the vault to publish them",
    }));
    for (const { path: file, code, folder } of files.unreadable) {
      diagnostics.push(
        folder
          ? { severity: "error", file, message: `the folder cannot be read (${code}: permission denied), so whether its notes are to be published is not known`, fix: "make the folder readable by the user who builds the site (chmod u+rx), or move it out of the notes folder" }
          : { severity: "warning", file, message: `the file cannot be read (${code}: permission denied); it is not published, and a note that uses it shows a dead link`, fix: "make the file readable by the user who builds the site (chmod u+r), or move it out of the notes folder" },
      );
    }
    this.#gitDates = await gitDates;
    if (this.#gitDates.shallow) {
      diagnostics.push({
        severity: "warning",
        file: "",
        message: "the repository is a shallow clone, so dates taken from git history may be wrong",
        fix: "fetch the full history (in GitHub Actions: actions/checkout with fetch-depth: 0)",
      });
    }
    const documents = new Map<string, string>();
    for (const file of files.attachments.filter(isDocumentFile)) {
      const text = await readFile(path.join(this.contentDir, file), "utf8").catch(() => undefined);
      if (text !== undefined) documents.set(file, text);
    }
    return { notes: files.notes, attachments: files.attachments, documents, diagnostics };
  }

  /** Reads one note file as the scan does; undefined when it is gone. */
  async read(file: string): Promise<NoteFile | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path.join(this.contentDir, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
      return unreadableNote(file, error as NodeJS.ErrnoException);
    }
    return this.withGitDates(file, readNoteFile(file, bytes, this.#md, this.#publish));
  }

  /** Frontmatter dates come first; git history fills in what it does not say. The read is not changed: a copy has the dates. */
  withGitDates(file: string, read: NoteFile): NoteFile {
    const fromGit = this.#gitDates?.files.get(file);
    const note = read.note;
    if (!note || !fromGit || (note.created && note.updated)) return read;
    return { ...read, note: { ...note, created: note.created ?? fromGit.created, updated: note.updated ?? fromGit.updated } };
  }
}
