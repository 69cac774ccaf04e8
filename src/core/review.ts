/** The problems of a garden as its site settings make them: site-wide warnings, and `strict`. */
import type { Diagnostic } from "./diagnostics.ts";
import type { TrellisOptions } from "./options.ts";

export function reviewDiagnostics(diagnostics: readonly Diagnostic[], options: Pick<TrellisOptions, "strict" | "site" | "source">): Diagnostic[] {
  const reviewed = diagnostics.map((d): Diagnostic => (options.strict && d.code === "dead-link" ? { ...d, severity: "error" } : d));
  if (!options.site.url) {
    reviewed.push({
      severity: "warning",
      file: "",
      message: "the site's url is not set: canonical and share links are relative, the sitemap lists paths and no feeds are written",
      fix: `set \`site.url\` in the Trellis options in ${options.source}, or pass --url https://your.site`,
    });
  }
  return reviewed;
}

/** Each problem once, in the order first found (a page and the pages embedding it report the same one). */
export function uniqueDiagnostics(diagnostics: Iterable<Diagnostic>): Diagnostic[] {
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.line ?? ""}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  return unique;
}
