/**
 * A note's Markdown body, from memory or read back from its file. A build's scan keeps only
 * what it learns from each note (title, links, tags…), so that a 50,000-note garden fits in
 * memory; the page that renders the note reads its text again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontmatter } from "./frontmatter.ts";
import type { Note } from "./note.ts";

const utf8 = new TextDecoder("utf-8");

export function bodyOf(note: Note, contentDir: string | undefined): string {
  if (note.body !== undefined) return note.body;
  if (contentDir === undefined) throw new Error(`Trellis: the body of ${note.path} was not kept and its vault is not known`);
  let text: string;
  try {
    // Decoded as the scan decoded it (a BOM dropped, bad bytes as �); the scan reported problems.
    text = utf8.decode(readFileSync(path.join(contentDir, note.path)));
  } catch {
    return ""; // deleted since the scan: the page shows what the scan learnt, with an empty body
  }
  if (text.length === note.textLength) return text.slice(note.bodyStart);
  // The file changed since the scan: its body now.
  const parsed = parseFrontmatter(text);
  return parsed.ok ? parsed.body : "";
}
