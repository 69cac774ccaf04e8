/**
 * The index of every listed note, by title, in pages (list-pages.ts): the graph page shows the
 * first page under its graph, and the others follow at `page_2/`, `page_3/`… of the graph page's
 * address. It is what the graph shows without JavaScript, and where the explorer's and search's
 * fallbacks lead.
 */
import type { Note } from "../read/note.ts";

const titleOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Listed notes in the index's order: by title, then address (titles may repeat). */
export function noteIndexOrder(listed: readonly Note[]): Note[] {
  return [...listed].sort((a, b) => titleOrder.compare(a.title, b.title) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
