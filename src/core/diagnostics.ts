/**
 * Problems found in a vault. Every problem names the file, the line where known,
 * what is wrong and how to fix it; a build collects them all before it reports.
 */

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the content folder, with forward slashes; empty for the site as a whole. */
  file: string;
  line?: number;
  message: string;
  fix?: string;
  /** Kind of problem, for the ones an option can turn into errors (`--strict`). */
  code?: "dead-link";
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}: ` : d.file ? `${d.file}: ` : "";
  const fix = d.fix ? `\n    fix: ${d.fix}` : "";
  return `${d.severity}: ${where}${d.message}${fix}`;
}

/** Thrown when a build has errors; carries all of them. */
export class GardenError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `Trellis found ${errors.length} error${errors.length === 1 ? "" : "s"} in the notes:\n` +
        errors.map(formatDiagnostic).join("\n"),
    );
    this.name = "GardenError";
    this.diagnostics = diagnostics;
  }
}
