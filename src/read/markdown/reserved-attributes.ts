/**
 * `data-*` attributes that steer Trellis's own machinery: the search indexer (Pagefind reads
 * `data-pagefind-*` to choose what it indexes, how it weighs it and what it shows) and the site's
 * scripts (share buttons, graph, explorer, search, video players, the site's base path). A note may set any
 * other `data-*` attribute, in raw HTML or with `{data-x=…}`; these are removed.
 */
const RESERVED_PREFIXES = ["pagefind", "share", "graph", "explorer", "search", "video"];
const RESERVED_NAMES = ["base", "current", "path"];

/** The rule as a pattern of the part after `data-`. */
const RESERVED = `(?:${RESERVED_PREFIXES.join("|")})(?:-|$)|(?:${RESERVED_NAMES.join("|")})$`;

export function isReservedAttribute(name: string): boolean {
  return new RegExp(`^data-(?:${RESERVED})`, "i").test(name);
}

/** `data-*` attributes a note may set. */
export const NOTE_DATA_ATTRIBUTE = new RegExp(`^data-(?!${RESERVED})[a-z0-9-]+$`);
