/**
 * What the syntax rules may read (and report to) while a note is parsed or rendered. The rules
 * that read the Garden see more (src/render/markdown/env.ts); these see only the note itself.
 */
import type { Diagnostic } from "../../core/diagnostics.ts";

export interface SyntaxEnv {
  /** The note being rendered (its path and where its body starts, for warnings); absent when a rule is tested on its own. */
  note?: { readonly path: string; readonly bodyLine?: number };
  /** Problems found while rendering (a broken formula, a bad diagram); listed with the build summary. */
  diagnostics?: Diagnostic[];
  /** The page's count of embedded notes, shared by every embed on it: each one's footnotes get their own ids. */
  embeds?: { count: number };
  /** Set on an embedded note: its footnotes' ids carry it (`footnote-e1-1`), so they differ from the page's. */
  docId?: string;
  /**
   * Parsed only to read the note (title, links, tags, hero) when the vault is scanned: rules
   * that change only how the page looks (turning bare URLs into links) are skipped.
   */
  scan?: boolean;
  /** TeX macros the note's formulas defined so far (`\def`, `\newcommand`): they hold for the rest of the note. */
  mathMacros?: Record<string, string>;
  /** How many folding callout titles the renderer is inside: links there show their text only. */
  calloutSummaries?: number;
}

/**
 * Records a render-time warning against the note being rendered (or `file`), at a line of its
 * file when known. A note rendered again (inside another) does not repeat its warnings.
 */
export function reportWarning(env: SyntaxEnv | undefined, message: string, options: { line?: number; fix?: string; file?: string } = {}): void {
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
