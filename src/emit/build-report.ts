/** What a build reports to the command that ran it. */
import type { Diagnostic } from "../core/diagnostics.ts";
import type { GardenStats } from "../garden/garden.ts";

/** What a build published and every problem it found. */
export interface BuildReport {
  stats: GardenStats;
  diagnostics: Diagnostic[];
  /** Every note published and where, and every attachment (the privacy review of `trellis check`). */
  notes: Array<{ path: string; url: string; title: string; hidden: boolean; home: boolean }>;
  attachments: Array<{ path: string; url: string }>;
  /** Every file of the site, relative to the output folder. */
  files: string[];
  /**
   * What a build did to make them: pages rendered, pages taken over from the previous site, pages
   * given to the search indexer, and search bundles taken over.
   */
  work?: { rendered: number; reused: number; indexed: number; bundlesTakenOver: number };
}
