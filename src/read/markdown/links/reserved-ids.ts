/**
 * Ids a page holds besides its notes' headings and blocks: the layout's own elements and the
 * footnotes. A heading never takes one, so that every id of a page is used once.
 */
import { isFootnoteId } from "../syntax/footnotes.ts";

/** The ids of _includes/ (a test reads the layouts to keep this list whole). */
export const LAYOUT_IDS: ReadonlySet<string> = new Set(["main", "garden-sidebar", "search-dialog", "search-ui", "backlinks-heading", "recent-heading", "share-heading", "toc-heading", "note-index-heading"]);

export function isReservedId(id: string): boolean {
  return LAYOUT_IDS.has(id) || isFootnoteId(id);
}
