/**
 * Baseline for the benchmark: plain Eleventy 3 over the same vault, with its defaults
 * (front matter, markdown-it) and one layout. No Trellis, no privacy gate: every note is a page.
 *   node node_modules/@11ty/eleventy/cmd.cjs --config=scripts/bench/baseline/eleventy.config.js --input=VAULT --output=DIR
 */
import path from "node:path";

/** @param {import("@11ty/eleventy").UserConfig & { setUseGitIgnore(enabled: boolean): void }} eleventyConfig */
export default function (eleventyConfig) {
  // The vault lives in the git-ignored .bench/ folder: Eleventy must not skip it for that.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addGlobalData("layout", "layout.njk");
  // Eleventy looks for layouts relative to the input folder; this one sits next to this file.
  const layouts = path.relative(path.resolve(eleventyConfig.directories.input), import.meta.dirname);
  return {
    dir: { layouts },
    templateFormats: ["md"],
    // Notes hold `{{ … }}` and `{% … %}` as text; they are Markdown, never templates.
    markdownTemplateEngine: false,
  };
}
