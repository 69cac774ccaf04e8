/**
 * Names of the events the Trellis plugin emits on Eleventy's event bus. Kept apart from the
 * plugin so the `trellis` command can listen without loading the plugin's module graph twice.
 */

/** Emitted after every successful build with the Garden, for the `trellis` command's summary. */
export const REPORT_EVENT = "trellis.report";
