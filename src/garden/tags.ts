/**
 * Tags from frontmatter and inline `#tags`, grouped case-insensitively. A note tagged
 * `#a/b` is listed under `a/b` and under `a`. Only listed (published, not hidden) notes count.
 */
import type { Note } from "../read/note.ts";
import { slugify } from "../read/permalink.ts";
import { listPageCount, listPageUrl } from "./list-pages.ts";

export interface Tag {
  /** As first written, without `#` (`Garden/Ideas`). */
  name: string;
  url: string;
  /** Listed notes with this tag or a tag nested under it, in list order. */
  notes: Note[];
}

export interface TagIndex {
  /** Sorted by name. */
  all: Tag[];
  /** By lower-case name. */
  byKey: ReadonlyMap<string, Tag>;
  /** Tags written differently whose addresses are the same, listed on one page: each spelling that joined another, and the first note that writes it. */
  merged: ReadonlyArray<{ name: string; into: Tag; note: string }>;
}

export function tagKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** How many pages list a tag's notes (list-pages.ts). */
export function tagPageCount(tag: Tag): number {
  return listPageCount(tag.notes.length);
}

/** Address of page `page` (from 1) of a tag's list: the tag's own address, then `page_2/`… */
export function tagPageUrl(tag: Tag, page: number): string {
  return listPageUrl(tag.url, page);
}

export function tagUrl(name: string): string {
  return `/tags/${name.split("/").filter(Boolean).map(slugify).join("/")}/`;
}

const nameOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function buildTagIndex(listed: readonly Note[]): TagIndex {
  const byKey = new Map<string, Tag>();
  // Tags whose addresses are the same (`#to_read` and `#to-read`) are one tag, with one page.
  const byUrl = new Map<string, Tag>();
  const merged: Array<{ name: string; into: Tag; note: string }> = [];
  for (const note of listed) {
    const keys = new Set<string>();
    const seen = new Set<Tag>();
    for (const name of note.tags) {
      const parts = name.split("/").filter(Boolean);
      // "a/b/c" also files the note under "a/b" and "a".
      for (let depth = 1; depth <= parts.length; depth++) {
        const partial = parts.slice(0, depth).join("/");
        const key = tagKey(partial);
        if (keys.has(key)) continue;
        keys.add(key);
        let tag = byKey.get(key);
        if (!tag) {
          const url = tagUrl(partial);
          const same = byUrl.get(url);
          if (same) merged.push({ name: partial, into: same, note: note.path });
          tag = same ?? { name: partial, url, notes: [] };
          byUrl.set(url, tag);
          byKey.set(key, tag);
        }
        if (seen.has(tag)) continue;
        seen.add(tag);
        tag.notes.push(note);
      }
    }
  }
  const all = [...byUrl.values()].sort((a, b) => nameOrder.compare(a.name, b.name));
  return { all, byKey, merged };
}
