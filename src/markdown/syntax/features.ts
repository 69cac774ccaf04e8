/** What a note's page must load because of what the note contains. */
import type Token from "markdown-it/lib/token.mjs";
import { isDiagram } from "./diagrams.ts";

/** Browser assets a page needs because of what its note contains. */
export interface PageFeatures {
  /** KaTeX's stylesheet and fonts. */
  math: boolean;
  /** The mermaid script that draws diagrams. */
  mermaid: boolean;
}

export function pageFeatures(tokens: readonly Token[]): PageFeatures {
  const features: PageFeatures = { math: false, mermaid: false };
  for (const token of tokens) {
    if (token.type === "math_block") features.math = true;
    else if (isDiagram(token)) features.mermaid = true;
    else if (!features.math && token.children?.some((child) => child.type === "math_inline")) features.math = true;
    if (features.math && features.mermaid) break;
  }
  return features;
}
