/** What markdown-it rules may read (and report to) while rendering one note. */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../diagnostics.ts";
import type { Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";

export interface RenderEnv {
  /** The note being rendered; absent when a rule is tested on its own. */
  note?: Note;
  /** The build's Garden, read-only: link targets, embeds, assets. */
  garden?: Garden;
  /** Optimised images by the URL pages use for them (a build's artefact, beside the Garden). */
  images?: ReadonlyMap<string, ImageMetadata>;
  /** Problems found while rendering (a broken formula, a bad diagram); listed with the build summary. */
  diagnostics?: Diagnostic[];
  /** The embeds being rendered around this note, outermost first, where each is written: to stop cycles. */
  embedStack?: EmbedPoint[];
  /** The page's count of embedded notes, shared by every embed on it: each one's footnotes get their own ids. */
  embeds?: { count: number };
  /** Set on an embedded note: its footnotes' ids carry it (`footnote-e1-1`), so they differ from the page's. */
  docId?: string;
  /**
   * Parsed only to read the note (title, links, tags, hero) when the vault is scanned: rules
   * that change only how the page looks (turning bare URLs into links) are skipped.
   */
  scan?: boolean;
  /** TeX macros the note's formulas defined so far (`\\def`, `\\newcommand`): they hold for the rest of the note. */
  mathMacros?: Record<string, string>;
  /** How many folding callout titles the renderer is inside: links there show their text only. */
  calloutSummaries?: number;
}

/** Where an embed is written: a note and a line of its body. */
export interface EmbedPoint {
  path: string;
  line: number;
}

/**
 * Records a render-time warning against the note being rendered (or `file`), at a line of its
 * file when known. A note rendered again (inside another) does not repeat its warnings.
 */
export function reportWarning(env: RenderEnv | undefined, message: string, options: { line?: number; fix?: string; file?: string } = {}): void {
  if (!env?.diagnostics) return;
  const diagnostic: Diagnostic = { severity: "warning", file: options.file ?? env.note?.path ?? "(note)", message };
  // `line` is a 0-based line of the body as markdown-it maps it; the file line adds the frontmatter.
  if (options.line !== undefined && !options.file) diagnostic.line = options.line + (env.note?.bodyLine ?? 1);
  if (options.fix) diagnostic.fix = options.fix;
  const repeated = env.diagnostics.some(
    (d) => d.file === diagnostic.file && d.line === diagnostic.line && d.message === diagnostic.message,
  );
  if (!repeated) env.diagnostics.push(diagnostic);
}
