/**
 * `trellis check`: the author's privacy review before pushing. Runs the build as `trellis build`
 * does, with the site's settings, but in memory: it writes nothing, and lists exactly what would
 * be published (notes and attachments, at which URLs) and every problem, with file and line.
 */
import { detectLayout } from "../read/layout.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { BuildReport } from "../emit/build-report.ts";
import { runEleventy, type SiteRun } from "./build.ts";
import { requireFolder } from "./paths.ts";
import { formatDiagnostics, shownPath, summaryCounts } from "./report.ts";

export interface CheckOptions extends SiteRun {
  strict: boolean;
  json: boolean;
}

export type CheckReport = BuildReport;

export async function check(options: CheckOptions): Promise<number> {
  await requireFolder(options.contentDir, "notes folder");
  // The output folder is never made: Eleventy's dry run writes nothing.
  const { json, ...run } = options;
  const report = await runEleventy({ ...run, outDir: `${options.contentDir}.trellis-check`, check: true });
  if (typeof report === "number") return report;
  const failed = report.diagnostics.some((d: Diagnostic) => d.severity === "error");
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return failed ? 1 : 0;
  }
  const shown = shownPath(detectLayout(options.contentDir).notes);
  const width = Math.max(0, ...report.notes.map((n) => n.url.length), ...report.attachments.map((a) => a.url.length));
  console.log(`Would publish ${report.notes.length} note${report.notes.length === 1 ? "" : "s"} from ${shown}:`);
  for (const note of report.notes) {
    const flags = [note.home ? "home" : "", note.hidden ? "hidden: listed nowhere" : ""].filter(Boolean).join(", ");
    console.log(`  ${note.url.padEnd(width)}  ${note.path}${flags ? `  (${flags})` : ""}`);
  }
  console.log(`Would publish ${report.attachments.length} attachment${report.attachments.length === 1 ? "" : "s"}:`);
  for (const attachment of report.attachments) console.log(`  ${attachment.url.padEnd(width)}  ${attachment.path}`);
  const lines = formatDiagnostics(report.diagnostics, shown);
  if (lines.length > 0) {
    console.log("");
    for (const line of lines) console.log(line);
  }
  console.log("");
  console.log(`${failed ? "Errors found" : "No errors"}: ${summaryCounts(report.stats, report.diagnostics)}.`);
  return failed ? 1 : 0;
}
