/**
 * Publishing rules: which notes leave the vault, and which of those are listed.
 * Pure functions over a note's frontmatter data.
 */

import { tagsField, type FrontmatterData } from "./fields.ts";
import { normalizePermalink, writtenPermalink } from "./permalink.ts";

export type { FrontmatterData } from "./fields.ts";

const TRUE_WORDS = new Set(["true", "yes", "on", "1"]);
const FALSE_WORDS = new Set(["false", "no", "off", "0", ""]);

/**
 * A yes/no frontmatter value the way authors write it: `true`, `"true"`, `yes`, `on`, `1` say
 * yes; `false`, `no`, `off`, `0`, `""` say no; anything else (or nothing) says neither.
 */
export function yesNo(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

/** Only a yes is true: a missing or unclear value is false. */
export function toBoolean(value: unknown): boolean {
  return yesNo(value) === true;
}

/** True when the value is written and says "no" (as opposed to being absent). */
function isExplicitNo(value: unknown): boolean {
  return yesNo(value) === false;
}

export const PUBLISH_KEYS = ["dg-publish", "publish"] as const;

export interface PublishDecision {
  published: boolean;
  /** Set when the keys disagree: the note stays private and the author is told why. */
  conflict?: string;
}

/**
 * A note is published only when `dg-publish` or `publish` says yes. Any key that says no wins,
 * in both modes: `draft: true` keeps a note private whatever else it says, and when one publish
 * key says yes and the other says no, the note stays private: privacy wins over a guess.
 * In the `all` mode (chosen in the site settings) every note is published unless it says
 * `dg-publish: false`, `publish: false` or `draft: true`.
 */
export function publishDecision(data: FrontmatterData, mode: "flag" | "all" = "flag"): PublishDecision {
  const yes = PUBLISH_KEYS.filter((key) => toBoolean(data[key]));
  const no = PUBLISH_KEYS.filter((key) => key in data && isExplicitNo(data[key]));
  if (yes.length > 0 && no.length > 0) {
    return {
      published: false,
      conflict: `\`${yes[0]}\` says publish but \`${no[0]}\` says not to; the note stays private until both agree`,
    };
  }
  if (toBoolean(data["draft"])) return { published: false };
  if (mode === "all") return { published: no.length === 0 };
  return { published: yes.length > 0 };
}

export function isPublished(data: FrontmatterData): boolean {
  return publishDecision(data).published;
}

/** Hidden notes are built and reachable, but listed nowhere. */
export function isHidden(data: FrontmatterData): boolean {
  return toBoolean(data["hide"]) || toBoolean(data["dg-hide"]);
}

/** The Digital Garden plugin marks the home note with this tag; it is a marker, not one of the author's tags. */
export function isGardenEntryTag(tag: string): boolean {
  return tag.toLowerCase() === "gardenentry";
}

/**
 * Why a note asks to be the home page, as the author wrote it, for messages; undefined when it
 * does not: `dg-home: true`, the Digital Garden plugin's `gardenEntry` tag, or a permalink of `/`
 * (Obsidian Publish). The one rule: assembleGarden places the note and settles two claims.
 */
export function homeClaim(data: FrontmatterData): string | undefined {
  if (toBoolean(data["dg-home"])) return "`dg-home: true`";
  if (tagsField(data).some(isGardenEntryTag)) return "the tag `gardenEntry`";
  const written = writtenPermalink(data);
  const permalink = written === undefined ? undefined : normalizePermalink(written.value);
  if (permalink?.ok && permalink.url === "/") return `\`${written?.key}: /\``;
  return undefined;
}

export function isHomeNote(data: FrontmatterData): boolean {
  return homeClaim(data) !== undefined;
}
