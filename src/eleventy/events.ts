/**
 * Names of the events the Trellis plugin emits on Eleventy's event bus. Kept apart from the
 * plugin so the `trellis` command can listen without loading the plugin's module graph twice.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { GardenStats } from "../garden/garden.ts";

/** Emitted after every successful build with a BuildReport, for the `trellis` command's summary. */
export const REPORT_EVENT = "trellis.report";

/** What a build published and every problem it found. */
export interface BuildReport {
  stats: GardenStats;
  diagnostics: Diagnostic[];
  /** Every note published and where, and every attachment (the privacy review of `trellis check`). */
  notes: Array<{ path: string; url: string; title: string; hidden: boolean; home: boolean }>;
  attachments: Array<{ path: string; url: string }>;
  /** Every file of the site, relative to the output folder. */
  files: string[];
}
