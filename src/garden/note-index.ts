/**
 * The index of every listed note, by title, in pages of NOTE_INDEX_PAGE_SIZE: the graph page
 * shows the first page under its graph, and the others follow at `page_2/`, `page_3/`… of the
 * graph page's address. It is what the graph shows without JavaScript, and where the explorer's
 * and search's fallbacks lead; a page stays the same size however large the garden grows.
 */
import type { Note } from "./note.ts";

export const NOTE_INDEX_PAGE_SIZE = 100;

const titleOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Listed notes in the index's order: by title, then address (titles may repeat). */
export function noteIndexOrder(listed: readonly Note[]): Note[] {
  return [...listed].sort((a, b) => titleOrder.compare(a.title, b.title) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export function noteIndexPageCount(notes: number): number {
  return Math.max(1, Math.ceil(notes / NOTE_INDEX_PAGE_SIZE));
}

/** Page `page` (from 1) of the index under the graph page's address; `_` keeps it clear of slugs. */
export function noteIndexPageUrl(graphUrl: string, page: number): string {
  return page === 1 ? graphUrl : `${graphUrl}page_${page}/`;
}
