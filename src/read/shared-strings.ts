/**
 * One copy of the strings many notes repeat. Each note's read is a copy of its own (made by the
 * scan to let go of the file's text, by a worker's message, by the read cache's JSON), so every
 * link's kind, each target linked from many notes, each "Sources" heading and each paragraph
 * shared by a block's links was a string of its own: a seventh of a garden's heap after the scan.
 */
import type { NoteFile } from "./note.ts";

export class SharedStrings {
  readonly #strings = new Map<string, string>();

  /** The first copy seen of `text`. */
  share(text: string): string {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    this.#strings.set(text, text);
    return text;
  }

  /** The read with its repeated strings replaced by their first copies (in place: the read is the scan's own). */
  note(read: NoteFile): NoteFile {
    const note = read.note;
    if (!note) return read;
    read.version = note.version = this.share(note.version);
    for (const reference of note.references) {
      reference.kind = reference.kind === "embed" ? "embed" : "link";
      reference.linkpath = this.share(reference.linkpath);
      reference.written = this.share(reference.written);
      reference.context = this.share(reference.context);
      if (reference.fragment !== undefined) reference.fragment = this.share(reference.fragment);
    }
    note.tags = note.tags.map((tag) => this.share(tag));
    for (const heading of note.headings ?? []) {
      heading.text = this.share(heading.text);
      heading.id = this.share(heading.id);
    }
    return read;
  }
}
