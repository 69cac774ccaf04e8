/**
 * Lists of notes that grow with the garden (a tag's notes, the index of every note) are shown in
 * pages of LIST_PAGE_SIZE: the first at the list's own address, the others at `page_2/`,
 * `page_3/`… below it. Those addresses are made of slugs, which never hold `_`: no note or tag
 * can have one of them. A page stays the same size however large the garden grows.
 */

export const LIST_PAGE_SIZE = 100;

/** How many pages show a list of `items` (one, even for none). */
export function listPageCount(items: number): number {
  return Math.max(1, Math.ceil(items / LIST_PAGE_SIZE));
}

/** Page `page` (from 1) of the list whose first page is at `first`. */
export function listPageUrl(first: string, page: number): string {
  return page === 1 ? first : `${first}page_${page}/`;
}

/** The items of page `page` (from 1). */
export function listPageItems<T>(items: readonly T[], page: number): T[] {
  return items.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
}
