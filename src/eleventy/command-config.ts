/**
 * The Eleventy configuration the installed `trellis` command builds with: the plugin with
 * Trellis's defaults, which the project's `trellis.config.*` file and the command's flags
 * replace. A clone of the repository builds with its `.eleventy.ts` instead, which holds the
 * sample site's settings for those who keep their garden in a fork.
 */
import type { UserConfig } from "@11ty/eleventy";
import { trellis } from "./plugin.ts";

/** Eleventy's folders, relative to the package (the command works there): an empty input, Trellis's layouts. */
export const TRELLIS_DIRS = { input: "src/pages", includes: "../../_includes" };

export default function (eleventyConfig: UserConfig) {
  eleventyConfig.addPlugin(trellis);
  return { dir: TRELLIS_DIRS };
}
