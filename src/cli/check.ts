/**
 * `trellis check`: the author's privacy review before pushing. Reads the vault and renders
 * every published note in memory, writes nothing, and lists exactly what would be published
 * (notes and attachments, at which URLs) and every problem, with file and line.
 */
import { renderArticleBody } from "../article/render.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { hasErrors, type Garden } from "../garden/garden.ts";
import { scanVault } from "../garden/scan.ts";
import { createMarkdown } from "../markdown/create.ts";
import { requireFolder } from "./paths.ts";
import { formatDiagnostics, shownPath, summaryCounts } from "./report.ts";

export interface CheckOptions {
  contentDir: string;
  strict: boolean;
  json: boolean;
}

export interface CheckReport {
  notes: Array<{ path: string; url: string; title: string; hidden: boolean; home: boolean }>;
  attachments: Array<{ path: string; url: string }>;
  diagnostics: Diagnostic[];
  stats: Garden["stats"];
}

export async function checkGarden(contentDir: string, strict: boolean): Promise<CheckReport> {
  const md = createMarkdown();
  const garden = await scanVault({ contentDir, md, markdown: {} });
  if (strict) for (const d of garden.diagnostics) if (d.code === "dead-link") d.severity = "error";
  // Rendering finds what only rendering can: broken formulas, embed cycles, missing sections.
  if (!hasErrors(garden)) for (const note of garden.notes) renderArticleBody(md, note, garden);
  return {
    notes: garden.notes.map((note) => ({ path: note.path, url: note.url, title: note.title, hidden: note.hidden, home: note.home })),
    attachments: [...garden.attachments].map(([file, url]) => ({ path: file, url })),
    diagnostics: garden.diagnostics,
    stats: garden.stats,
  };
}

export async function check(options: CheckOptions): Promise<number> {
  await requireFolder(options.contentDir, "notes folder");
  const report = await checkGarden(options.contentDir, options.strict);
  const failed = report.diagnostics.some((d) => d.severity === "error");
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return failed ? 1 : 0;
  }
  const shown = shownPath(options.contentDir);
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
