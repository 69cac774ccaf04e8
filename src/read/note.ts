/** A published note, normalised once during the scan and read by every later stage. */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { Hero } from "./note/hero.ts";
import type { PageFeatures } from "./markdown/syntax/index.ts";
import type { AuthorName, Property } from "./fields.ts";
import type { Reference } from "./references.ts";
import type { FrontmatterData } from "./publish.ts";
import type { MetaTag } from "./page-settings.ts";

export interface Note {
  /** Path inside the content folder, with forward slashes (`Folder/My Note.md`). */
  path: string;
  /** Digest of the file's text as read (see fileVersion). */
  version: string;
  /** Where the page is served, always `/…/` (or `/` for the home note). */
  url: string;
  title: string;
  /** The id of the leading `# Heading` the title stands for (the body leaves it out), which the page's title carries. */
  titleId?: string;
  /** Headings whose id is not the one their text gives, for links to land on (see movedHeadingIds). */
  headingIds?: Record<string, string>;
  /** Built and reachable, but listed nowhere. */
  hidden: boolean;
  home: boolean;
  /** The frontmatter as written; keys Trellis does not know are kept for templates. */
  data: FrontmatterData;
  /**
   * The Markdown after the frontmatter, when kept in memory (notes read one by one, as `trellis
   * serve` does). A build's scan leaves it in the file and bodyOf() reads it back when the page
   * renders: the bodies are most of a garden's memory.
   */
  body?: string;
  /** Where the body starts in the note's text, and that text's length when the note was read. */
  bodyStart: number;
  textLength: number;
  /** Japanese or Chinese when the body is written mostly in it (mostlyCjk), for the search index's language. */
  cjk?: "ja" | "zh";
  /** The text of each ```` ```base ```` block of the body: the page's key reads what they select. */
  baseBlocks?: string[];
  /** The language the note says it is written in (`lang`), a canonical tag. */
  lang?: string;
  /** Line of the note file on which the body starts, for error messages. */
  bodyLine: number;
  /** Frontmatter tags and inline `#tags`, without `#`. */
  tags: string[];
  /** What the note links to and embeds, as written; resolved when the Garden is assembled. */
  references: Reference[];
  /** Images shown from other sites (`https://…`), hero included. */
  remoteImages: string[];
  aliases: string[];
  /** Lines of the frontmatter keys that give the note its addresses, for error messages. */
  addressLines: AddressLines;
  /** Frontmatter shown on the page (`dg-note-properties`). */
  properties: Property[];
  created?: Date;
  updated?: Date;
  description?: string;
  /** Browser assets the page needs (math styles, the diagram script). */
  features: PageFeatures;
  hero?: Hero;
  /** Classes for the article element (`dg-content-classes`, `cssclasses`), checked. */
  classes?: string[];
  /** Extra `<meta>` tags (`dg-metatags`), checked. */
  metaTags?: MetaTag[];
  /** The note's icon name (`dg-note-icon`), checked. */
  icon?: string;
  /** The body's headings (the title's left out), for the table of contents. */
  headings?: HeadingEntry[];
  /** The frontmatter's `description`, shown under the headline, unless it repeats the opening paragraph. */
  dek?: string;
  /** `author`/`authors`, in order; a `[[link]]` is resolved to the author's note when the page is made. */
  authors?: AuthorName[];
  /** The page a web clip was taken from (`source`) and its site's name (its host). */
  source?: { url: string; site: string };
  /** When the original was published (`published`, as the Web Clipper writes it); `created` is then the clip's date. */
  published?: Date;
  /** Words of the body as the page shows it, for the reading time. */
  words?: number;
}

export interface HeadingEntry {
  level: number;
  text: string;
  /** The id the heading has on the page. */
  id: string;
}

export interface AddressLines {
  /** `dg-permalink`, `permalink` or `dg-path`: the key that placed its page. */
  page?: number;
  aliases?: number;
  redirectFrom?: number;
}

export interface NoteFile {
  /** The published note as read, before the home note is chosen; undefined when it is not published. */
  note: Note | undefined;
  /** What reading the file found: frontmatter errors, bad dates, publishing conflicts. */
  diagnostics: Diagnostic[];
  /** A digest of the file's text, to tell a real change from a save that changed nothing. */
  version: string;
}

/** The digest a note's text is known by. */
export function fileVersion(source: string): string {
  return createHash("sha1").update(source).digest("base64url");
}

