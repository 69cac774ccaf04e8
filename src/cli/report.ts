/** What the command prints: the build summary and the diagnostics, coloured only on a terminal. */
import path from "node:path";
import { formatDiagnostic, type Diagnostic } from "../core/diagnostics.ts";
import type { Garden } from "../garden/garden.ts";
import type { BuildReport } from "../emit/build-report.ts";

const useColour = process.stdout.isTTY === true && !("NO_COLOR" in process.env);

function paint(code: number, text: string): string {
  return useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const red = (text: string) => paint(31, text);
export const yellow = (text: string) => paint(33, text);
export const green = (text: string) => paint(32, text);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Where the command was started: builds change the working directory to Trellis's own folder. */
const STARTED_IN = process.cwd();

/** A folder as the author would type it: relative to where they are, unless it lies elsewhere. */
export function shownPath(folder: string): string {
  const relative = path.relative(STARTED_IN, folder);
  return relative === "" ? "." : relative.startsWith("..") ? folder : relative;
}

/**
 * Diagnostics with file paths an editor can open (`shownContent` is the notes folder from
 * `shownPath`): errors first, each problem once. Past `limit` warnings the rest are counted.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], shownContent: string, limit = Infinity): string[] {
  const base = shownContent.split(path.sep).join("/");
  const seen = new Set<string>();
  const lines: string[] = [];
  let hidden = 0;
  const ordered = [...diagnostics.filter((d) => d.severity === "error"), ...diagnostics.filter((d) => d.severity !== "error")];
  let warnings = 0;
  for (const d of ordered) {
    const text = formatDiagnostic(d.file ? { ...d, file: path.posix.join(base, d.file) } : d);
    if (seen.has(text)) continue;
    seen.add(text);
    if (d.severity !== "error" && ++warnings > limit) {
      hidden++;
      continue;
    }
    lines.push((d.severity === "error" ? red : yellow)(text));
  }
  if (hidden > 0) lines.push(yellow(`… and ${hidden} more warning${hidden === 1 ? "" : "s"}; \`trellis check\` lists them all`));
  return lines;
}

/** How many warnings `build` and `serve` print before counting the rest. */
export const WARNING_LIMIT = 50;

/** "8 notes found, 6 published (1 hidden), …": the counts every command reports. */
export function summaryCounts(stats: Garden["stats"], diagnostics: readonly Diagnostic[]): string {
  const { found, published, hidden, unpublished, deadLinks } = stats;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return (
    `${plural(found, "note")} found, ${published} published (${hidden} hidden), ${unpublished} skipped as unpublished, ` +
    `${plural(deadLinks, "dead link")}, ${errors > 0 ? `${plural(errors, "error")}, ` : ""}${plural(warnings, "warning")}`
  );
}

export function summary(report: { stats: Garden["stats"]; diagnostics: readonly Diagnostic[] }, seconds: number, outDir: string): string {
  return green(`Built ${outDir} in ${seconds.toFixed(2)} s: ${summaryCounts(report.stats, report.diagnostics)}.`);
}

/** What a build did to write the site: pages rendered and taken over, search pages indexed and bundles taken over. */
export function workSummary(work: NonNullable<BuildReport["work"]>): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const search = work.indexed > 0 || work.bundlesTakenOver > 0 ? `; search: ${n(work.indexed)} ${work.indexed === 1 ? "page" : "pages"} indexed, ${plural(work.bundlesTakenOver, "bundle")} taken over` : "";
  return `Pages: ${n(work.rendered)} rendered, ${n(work.reused)} taken over from the previous build${search}.`;
}
