/** What a note's page must load because of what the note contains. */
import type Token from "markdown-it/lib/token.mjs";
import { playerOrigin, type MediaEmbedMeta } from "../media-embeds.ts";
import { isDiagram } from "./diagrams.ts";

/** Browser assets a page needs because of what its note contains. */
export interface PageFeatures {
  /** KaTeX's stylesheet and fonts. */
  math: boolean;
  /** The mermaid script that draws diagrams. */
  mermaid: boolean;
  /** Origins of the video players the note's videos load when the reader plays one (sorted). */
  players: string[];
}

export function pageFeatures(tokens: readonly Token[]): PageFeatures {
  const features: PageFeatures = { math: false, mermaid: false, players: [] };
  const players = new Set<string>();
  for (const token of tokens) {
    if (token.type === "math_block") features.math = true;
    else if (isDiagram(token)) features.mermaid = true;
    for (const child of token.children ?? []) {
      if (child.type === "math_inline") features.math = true;
      const origin = child.type === "media_embed" ? playerOrigin((child.meta as MediaEmbedMeta).embed) : undefined;
      if (origin) players.add(origin);
    }
  }
  features.players = [...players].sort();
  return features;
}
