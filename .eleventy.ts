/**
 * Eleventy configuration: registers the Trellis plugin with this site's settings.
 * Site settings live here; a project's config file and the `trellis` command's flags override them.
 */
import type { UserConfig } from "@11ty/eleventy";
import { tsImport } from "tsx/esm/api";

type PluginModule = typeof import("./src/eleventy/plugin.ts");

export default async function (eleventyConfig: UserConfig) {
  // Under `trellis serve` the plugin is loaded through tsx's tsImport, which gives a fresh copy
  // of src/ each time Eleventy reloads this file, so edits to the TypeScript sources apply.
  // A build loads it once, like any module: a second copy of every module costs startup time.
  const { trellis } = (process.env["TRELLIS_LIVE"] === "1"
    ? await tsImport("./src/eleventy/plugin.ts", import.meta.url)
    : await import("./src/eleventy/plugin.ts")) as PluginModule;
  eleventyConfig.addWatchTarget("./src/**/*.ts", { resetConfig: true });

  eleventyConfig.addPlugin(trellis, {
    contentDir: "content",
    site: {
      title: "Trellis Garden",
      description: "Notes on technology and the tools we think with, published with Trellis.",
      language: "en",
      author: "Trellis",
    },
  });

  return {
    dir: {
      input: "src/pages",
      includes: "../../_includes",
    },
  };
}
