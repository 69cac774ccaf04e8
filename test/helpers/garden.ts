/** A Garden from notes given as text, read as a build reads them: for tests of what the Garden holds. */
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { assembleGarden, type Garden } from "../../src/garden/garden.ts";
import type { Note } from "../../src/read/note.ts";
import { readNote } from "../../src/read/scan.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";

const md = createMarkdown();

export function gardenOf(files: Record<string, string>): Garden {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  let unpublished = 0;
  for (const [file, source] of Object.entries(files)) {
    const note = readNote(file, source, md, diagnostics);
    if (note) notes.push(note);
    else unpublished++;
  }
  return assembleGarden({ contentDir: "/vault", notes, notePaths: Object.keys(files), attachments: [], unpublished, diagnostics });
}
