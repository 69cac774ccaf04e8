/** What the command prints: the build summary and the diagnostics, coloured only on a terminal. */
import { formatDiagnostic, type Diagnostic } from "../diagnostics.ts";
import type { Garden } from "../garden/garden.ts";

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

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => (d.severity === "error" ? red : yellow)(formatDiagnostic(d)));
}

export function summary(garden: Garden, seconds: number, outDir: string): string {
  const { found, published, hidden, unpublished } = garden.stats;
  const warnings = garden.diagnostics.filter((d) => d.severity === "warning").length;
  return green(
    `Built ${outDir} in ${seconds.toFixed(2)} s: ${plural(found, "note")} found, ${published} published ` +
      `(${hidden} hidden), ${unpublished} skipped as unpublished, ${plural(warnings, "warning")}.`,
  );
}
