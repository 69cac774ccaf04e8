/** What a note's page must load because of what the note contains. */
import type Token from "markdown-it/lib/token.mjs";
import { playerOrigin, type MediaEmbedMeta } from "../media-embeds.ts";
import { isBaseBlock, isDiagram } from "./diagrams.ts";
import type { WikilinkMeta } from "../links/syntax.ts";
import { isBaseFile } from "../../files.ts";

function isBaseEmbed(meta: WikilinkMeta | null): boolean {
  return meta?.embed === true && isBaseFile(meta.linkpath);
}

/** Browser assets a page needs because of what its note contains. */
export interface PageFeatures {
  /** KaTeX's stylesheet and fonts. */
  math: boolean;
  /** The mermaid script that draws diagrams. */
  mermaid: boolean;
  /** Origins of the video players the note's videos load when the reader plays one (sorted). */
  players: string[];
  /** Callouts, highlighted code, and videos or posts: each has a style sheet of its own. */
  callouts: boolean;
  code: boolean;
  embeds: boolean;
  /** Bases (```base blocks, embedded .base files): their style sheet and the script that sorts their tables. */
  bases: boolean;
}

export const NO_FEATURES: PageFeatures = { math: false, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false };

/** What a page needs for all the notes it shows (its own and those it embeds). */
export function combinedFeatures(all: Iterable<PageFeatures>): PageFeatures {
  const combined: PageFeatures = { ...NO_FEATURES, players: [] };
  const players = new Set<string>();
  for (const features of all) {
    combined.math ||= features.math;
    combined.mermaid ||= features.mermaid;
    combined.callouts ||= features.callouts;
    combined.code ||= features.code;
    combined.embeds ||= features.embeds;
    combined.bases ||= features.bases;
    for (const player of features.players) players.add(player);
  }
  combined.players = [...players].sort();
  return combined;
}

export function pageFeatures(tokens: readonly Token[]): PageFeatures {
  const features: PageFeatures = { ...NO_FEATURES, players: [] };
  const players = new Set<string>();
  for (const token of tokens) {
    if (token.type === "math_block") features.math = true;
    else if (isDiagram(token)) features.mermaid = true;
    else if (isBaseBlock(token)) features.bases = true;
    else if (token.type === "fence" || token.type === "code_block") features.code = true;
    else if (token.type === "callout_open") features.callouts = true;
    for (const child of token.children ?? []) {
      if (child.type === "math_inline") features.math = true;
      if (child.type === "media_embed") features.embeds = true;
      if ((child.type === "wikilink" || child.type === "embed") && isBaseEmbed(child.meta as WikilinkMeta | null)) features.bases = true;
      const origin = child.type === "media_embed" ? playerOrigin((child.meta as MediaEmbedMeta).embed) : undefined;
      if (origin) players.add(origin);
    }
  }
  features.players = [...players].sort();
  return features;
}
