/**
 * The languages the search index is made in. Pagefind reads a language's words its own way
 * (Chinese and Japanese are cut into words, other languages are stemmed), so each listed note is
 * indexed in its own language: the one it names (`lang`), Chinese or Japanese when it is written
 * mostly in them, the site's otherwise. The site's language is the main bundle, at /pagefind/;
 * every other is a bundle of its own, at /pagefind/<language>/, which search merges in: a reader
 * finds every note from any page, and one Chinese note changes nothing for the rest of the site.
 */
import type { Note } from "../read/note.ts";
import type { Garden } from "./garden.ts";

export interface SearchLanguages {
  /** The main bundle's language. */
  main: string;
  /** The other languages, each a bundle merged into search, in a fixed order. */
  merged: string[];
}

/** A language tag as Pagefind names its indexes: the primary subtag, lower case. */
function indexTag(tag: string): string {
  return tag.split("-")[0]?.toLowerCase() || "en";
}

/** The language a note is indexed in. */
export function searchLanguage(note: Note, siteLanguage: string): string {
  return indexTag(note.lang ?? note.cjk ?? siteLanguage);
}

/** The bundles a garden's search index is made of: the site's language (or, with no note in it, the most used) and the others. */
export function searchLanguages(garden: Garden, siteLanguage: string): SearchLanguages {
  const counts = new Map<string, number>();
  for (const note of garden.listed) {
    const language = searchLanguage(note, siteLanguage);
    counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const site = indexTag(siteLanguage);
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([language]) => language);
  const main = counts.has(site) || ranked.length === 0 ? site : (ranked[0] ?? site);
  return { main, merged: ranked.filter((language) => language !== main).sort() };
}
