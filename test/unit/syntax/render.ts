/** Renders Markdown with Trellis's markdown-it instance, as a note would be. */
import type { Diagnostic } from "../../../src/core/diagnostics.ts";
import { createMarkdown } from "../../../src/render/markdown/create.ts";
import type { RenderEnv } from "../../../src/render/markdown/env.ts";
import type { Note } from "../../../src/read/note.ts";
import { renderTokens } from "../../../src/render/markdown/render-tokens.ts";

export const md = createMarkdown();

/** The HTML of a note body, sanitised the way Trellis renders article bodies. */
export function render(source: string, env: RenderEnv = {}): string {
  return renderTokens(md, md.parse(source, env), env);
}

/** Renders as the note `path` whose body starts on file line `bodyLine`; returns the warnings too. */
export function renderNote(source: string, path = "Notes/Math.md", bodyLine = 5): { html: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const note = { path, bodyLine } as Note;
  return { html: render(source, { note, diagnostics }), diagnostics };
}
