// The declarations of the parts of Eleventy's API Trellis uses (it ships none), for those who type-check a config with the plugin.
/// <reference path="../types/eleventy.d.ts" preserve="true" />
/**
 * The Trellis Eleventy plugin: an adapter that hands Eleventy's render engine and output folder
 * to the Publisher (src/emit/publisher.ts), which reads the vault and writes every file of the
 * garden. Eleventy itself never reads the vault, so a note's frontmatter and text are data only:
 * they cannot set layouts, permalinks or run template code.
 */
import path from "node:path";
import { HtmlBasePlugin, type UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import { Publisher, type PublishRun } from "../emit/publisher.ts";
import { detectLayout } from "../read/layout.ts";
import { readGardenEnv } from "../core/garden-env.ts";
import { contentDirOf, optionsFrom, type TrellisUserOptions } from "../core/options.ts";
import { htmlTransform, type TemplateEnvironment } from "../render/page-renderer.ts";
import { progress } from "./progress.ts";
import { trellisRun } from "./run.ts";

/** Folder of this package, so the plugin finds its own files from any working directory. */
const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

export function trellis(eleventyConfig: UserConfig, userOptions: TrellisUserOptions = {}): void {
  const run = trellisRun(eleventyConfig);
  const sources = { plugin: userOptions, config: run.config, flags: run.flags };
  // A Digital Garden or Quartz repository is read from its notes folder, with its images beside it.
  const layout = detectLayout(contentDirOf(sources));
  const options = optionsFrom({ ...sources, gardenEnv: layout.repository ? readGardenEnv(layout.repository)?.site : undefined });
  // A garden mounted in a larger site ("/garden/") writes its files in that folder of the site,
  // with addresses below it, and leaves the host's own pages, layouts and settings alone.
  const mounted = options.mount !== "/";
  // Pages are printed with Eleventy's own Nunjucks environment (its filters and settings apply);
  // in a host site, with Trellis's own, so that the host's includes folder and Nunjucks settings
  // neither hide Trellis's layouts nor change them.
  let templates: TemplateEnvironment | undefined = mounted ? trellisTemplates() : undefined;
  if (!mounted) {
    eleventyConfig.on("eleventy.engine.njk", ({ environment }: { environment: TemplateEnvironment }) => {
      templates = environment;
    });
    eleventyConfig.setNunjucksEnvironmentOptions({ dev: true, autoescape: true, trimBlocks: true, lstripBlocks: true });
    // Eleventy makes its Nunjucks environment only for a template that needs one: this one, which writes no file.
    eleventyConfig.addTemplate("trellis/engine.njk", "", { permalink: false, eleventyExcludeFromCollections: true });
  }
  // Root-relative URLs in pages get the sub-path the site is served under. Mounted, the garden's
  // pages get theirs through the plugin's filter (see htmlTransform), and the plugin keeps the
  // host's own settings (its pathPrefix), as if the host had added it: the first one added wins.
  if (mounted) eleventyConfig.addPlugin(HtmlBasePlugin);
  else if (options.site.pathPrefix !== "/") eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: options.site.pathPrefix });

  const publisher = new Publisher({
    options,
    contentDir: layout.notes,
    mounts: layout.mounts,
    // The paths of `site.custom` are relative to the config file, or to the Eleventy project.
    projectRoot: run.config?.root ?? process.cwd(),
    cacheRoot: run.cacheRoot ?? path.join(process.cwd(), ".cache", "trellis"),
    packageRoot: PACKAGE_ROOT,
    check: run.check === true,
    live: run.live !== undefined,
    force: run.force === true,
    fresh: run.fresh === true,
    threads: run.threads,
    stops: run.stops,
    templates: () => templates,
    transformHtml: htmlTransform(eleventyConfig, options.site.pathPrefix),
    progress,
  });
  // `trellis serve` watches the notes itself and hands edits to the Publisher; Eleventy builds the
  // whole site again for everything else (layouts, styles, Trellis's own sources).
  if (!run.live) eleventyConfig.addWatchTarget(layout.notes);
  for (const folder of ["public", "src/client"]) eleventyConfig.addWatchTarget(path.join(PACKAGE_ROOT, folder));

  /** The garden's folder in Eleventy's output folder. */
  const gardenFolder = (directories: { output: string }) => path.join(path.resolve(directories.output), options.mount.replace(/^\/|\/$/g, ""));
  let started: PublishRun | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
    // A build Eleventy stopped before its end left its run open: its search indexer goes.
    await started?.cancel();
    started = undefined;
    await run.live?.beforeBuild(publisher);
    started = await publisher.begin(gardenFolder(directories));
  });
  eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: Array<{ outputPath: string | false }> }) => {
    const build = started;
    started = undefined;
    if (!build) return;
    const outputDir = gardenFolder(directories);
    // What the host wrote itself in the garden's folder (a host site's own pages): no output may take it.
    const hostFiles = results.flatMap((result) => {
      const file = typeof result.outputPath === "string" ? path.relative(outputDir, path.resolve(result.outputPath)) : "..";
      return file.startsWith("..") || path.isAbsolute(file) ? [] : [file.split(path.sep).join("/")];
    });
    const report = await build.finish(hostFiles);
    run.live?.afterBuild();
    run.report?.(report);
  });
}

/** Trellis's layouts in a Nunjucks environment of its own, set as Trellis sets Eleventy's. */
function trellisTemplates(): TemplateEnvironment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(PACKAGE_ROOT, "_includes")), { autoescape: true, trimBlocks: true, lstripBlocks: true });
}
