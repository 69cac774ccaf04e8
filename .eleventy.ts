/**
 * Eleventy configuration: registers the Trellis plugin with this site's settings.
 * Site settings live here; `trellis build --url …` and `TRELLIS_*` variables override them.
 */
import type { UserConfig } from "@11ty/eleventy";
import { tsImport } from "tsx/esm/api";

type PluginModule = typeof import("./src/eleventy/plugin.ts");

export default async function (eleventyConfig: UserConfig) {
  // Loaded through tsx's tsImport, which gives a fresh copy of src/ each time Eleventy
  // reloads this file: `trellis serve` then picks up edits to the TypeScript sources.
  const { trellis } = (await tsImport("./src/eleventy/plugin.ts", import.meta.url)) as PluginModule;
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
