/** What the rules that read the Garden may read while rendering one note: the syntax rules' env, and the build's Garden. */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Garden } from "../../garden/garden.ts";
import type { Note } from "../../read/note.ts";
import type { SyntaxEnv } from "../../read/markdown/env.ts";
import type { SiteOptions } from "../../core/options.ts";

export { reportWarning } from "../../read/markdown/env.ts";

export interface RenderEnv extends SyntaxEnv {
  /** The note being rendered; absent when a rule is tested on its own. */
  note?: Note;
  /** The build's Garden, read-only: link targets, embeds, assets. */
  garden?: Garden;
  /** Optimised images by the URL pages use for them (a build's artefact, beside the Garden). */
  images?: ReadonlyMap<string, ImageMetadata>;
  /** The site's settings: what a base's dates are written in. */
  site?: SiteOptions;
  /** The embeds being rendered around this note, outermost first, where each is written: to stop cycles. */
  embedStack?: EmbedPoint[];
}

/** Where an embed is written: a note and a line of its body. */
export interface EmbedPoint {
  path: string;
  line: number;
}
