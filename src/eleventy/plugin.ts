/**
 * The Trellis Eleventy plugin: scans the vault before each build, then renders the published
 * notes through virtual templates. Eleventy itself never reads the vault, so a note's
 * frontmatter and text are data only: they cannot set layouts, permalinks or run template code.
 */
import path from "node:path";
import { HtmlBasePlugin, type UserConfig } from "@11ty/eleventy";
import { GardenError } from "../diagnostics.ts";
import { hasErrors, type Garden } from "../garden/garden.ts";
import type { Note } from "../garden/note.ts";
import { collectRedirects, nextUrlHistory, readUrlHistory, writeUrlHistory, type UrlHistory } from "../garden/redirects.ts";
import { scanVault } from "../garden/scan.ts";
import { createMarkdown } from "../markdown/create.ts";
import { SYNTAX_ASSETS } from "../markdown/syntax/index.ts";
import { REPORT_EVENT } from "./events.ts";

/** d3-force and the three modules it needs, loaded by /js/graph.js only when a graph is shown. */
const GRAPH_ASSETS: Record<string, string> = Object.fromEntries(
  ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"].map((name) => [`/js/vendor/${name}.min.js`, `node_modules/${name}/dist/${name}.min.js`]),
);
import { resolveOptions, type TrellisUserOptions } from "../site/options.ts";
import { LIVE_ENV, LiveSession } from "../serve/session.ts";
import { imageJobs } from "../images/jobs.ts";
import { optimiseImages } from "../images/optimise.ts";
import { socialCards } from "../images/social-card.ts";
import { copyAttachments, copyCards, copyImages } from "./attachments.ts";
import { writeClientAssets, type ClientAssetFolder } from "./client-assets.ts";
import { progress } from "./progress.ts";
import { registerPages, type TrellisData } from "./pages.ts";
import { SearchIndexer } from "./search-index.ts";
import { assetSource, siteData, type SiteData } from "./site-data.ts";
import { writeArticlePages } from "./article-pages.ts";
import { htmlTransform, PageRenderer, type TemplateEnvironment } from "./page-renderer.ts";

/** Folder of this package, so the plugin finds its own static files from any working directory. */
const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

const CLIENT_ASSETS: ClientAssetFolder[] = [
  { source: path.join(PACKAGE_ROOT, "src/client"), output: "js", loader: "js" },
  { source: path.join(PACKAGE_ROOT, "public/css"), output: "css", loader: "css" },
];

export function trellis(eleventyConfig: UserConfig, userOptions: TrellisUserOptions = {}): void {
  const options = resolveOptions(userOptions, process.env);
  const contentDir = path.resolve(options.contentDir);
  const md = createMarkdown({ trustHtml: options.trustHtml });
  const cacheDir = path.resolve(process.env["TRELLIS_CACHE"] ?? path.join(PACKAGE_ROOT, ".cache", "trellis"));
  let garden: Garden | undefined;
  let urlHistory: UrlHistory | undefined;
  let searchIndexer: SearchIndexer | undefined;

  // Article pages are rendered with Eleventy's own Nunjucks environment (see article-pages.ts).
  let templates: TemplateEnvironment | undefined;
  eleventyConfig.on("eleventy.engine.njk", ({ environment }: { environment: TemplateEnvironment }) => {
    templates = environment;
  });
  const transformHtml = htmlTransform(eleventyConfig, options.site.pathPrefix);
  let data: SiteData | undefined;

  // `trellis serve` watches the notes itself and updates only the pages an edit changes;
  // Eleventy rebuilds the site for everything else, with the notes that session has read.
  const live = process.env[LIVE_ENV] === "1" ? new LiveSession({ eleventyConfig, contentDir, md, options, cacheDir, review, cardsOf }) : undefined;
  if (!live) eleventyConfig.addWatchTarget(contentDir);
  // Root-relative URLs in pages get the sub-path the site is served under.
  if (options.site.pathPrefix !== "/") eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: options.site.pathPrefix });
  eleventyConfig.setNunjucksEnvironmentOptions({ dev: true, autoescape: true, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addPassthroughCopy({ [path.join(PACKAGE_ROOT, "public")]: "/" });
  // Scripts and styles are written minified after each build (see client-assets.ts).
  eleventyConfig.addWatchTarget(path.join(PACKAGE_ROOT, "src/client"));
  for (const [output, source] of Object.entries({ ...SYNTAX_ASSETS, ...GRAPH_ASSETS })) {
    eleventyConfig.addPassthroughCopy({ [path.resolve(PACKAGE_ROOT, source)]: output });
  }

  /** Site-wide warnings, and `strict` making dead links errors: for a build, and for a live update of `trellis serve`. */
  function review(garden: Garden): void {
    if (!options.site.url) {
      garden.diagnostics.push({
        severity: "warning",
        file: "",
        message: "the site's url is not set: canonical and share links are relative, the sitemap lists paths and no feeds are written",
        fix: "set `url` in the Trellis options in .eleventy.ts, or pass --url https://your.site",
      });
    }
    if (options.strict) {
      for (const diagnostic of garden.diagnostics) if (diagnostic.code === "dead-link") diagnostic.severity = "error";
    }
  }

  eleventyConfig.on("eleventy.before", async () => {
    garden = live ? await live.gardenForBuild() : await scanVault({ contentDir, md, markdown: { trustHtml: options.trustHtml }, publish: options.publish, ...(options.home ? { home: options.home } : {}) });
    review(garden);
    if (hasErrors(garden)) throw new GardenError([...garden.diagnostics]);
    if (options.site.features.search) searchIndexer = await SearchIndexer.start(garden, options.site.language);
    urlHistory = await readUrlHistory(cacheDir);
    garden.redirects = collectRedirects(garden, urlHistory);
    garden.images = await optimiseImages(imageJobs(garden), { cacheDir, onProgress: progress("Optimising images") }, garden.diagnostics);
    if (options.site.url) garden.cards = await cardsOf(garden, garden.notes);
  });

  /** The social cards of these notes, drawn from their heroes (once optimised) and titles. */
  function cardsOf(garden: Garden, notes: readonly Note[]): Promise<Map<string, string>> {
    const jobs = notes.map((note) => ({ note, hero: note.hero ? garden.images.get(assetSource(garden, note)(note.hero.src) ?? "") : undefined }));
    return socialCards(jobs, options.site.title, options.site.theme.accent ?? "#1f5fa8", cacheDir);
  }

  eleventyConfig.addGlobalData("trellis", (): TrellisData => {
    if (!garden) throw new Error("Trellis: the garden is read before each build; no build has started");
    data = siteData(garden, options.site);
    return data;
  });

  registerPages(eleventyConfig, md, () => {
    if (!garden) throw new Error("Trellis: a page was rendered before the garden was read");
    return garden;
  });

  eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: Array<{ outputPath: string | false }> }) => {
    if (!garden) return;
    if (!templates || !data) throw new Error("Trellis: the article layouts were not loaded by this build");
    const outputDir = path.resolve(directories.output);
    const search = searchIndexer;
    searchIndexer = undefined;
    let indexing: Promise<void> | undefined;
    try {
      await writeArticlePages({
        garden,
        data,
        renderer: new PageRenderer({ md, site: options.site, env: templates, transformHtml }),
        outputDir,
        eleventyFiles: results.flatMap((result) => (typeof result.outputPath === "string" ? [path.relative(outputDir, path.resolve(result.outputPath)).split(path.sep).join("/")] : [])),
        search,
        onProgress: progress("Writing pages"),
      });
      // Pagefind writes its index in its own process while this one copies the files.
      indexing = search?.write(outputDir);
      await copyAttachments(garden, outputDir);
      await copyImages(garden.images, outputDir);
      await copyCards(garden.cards, outputDir);
      await writeClientAssets(CLIENT_ASSETS, outputDir);
      if (urlHistory) await writeUrlHistory(cacheDir, nextUrlHistory(garden, urlHistory));
      await indexing;
    } finally {
      // A build that failed on the way still ends the indexer's process.
      if (search && !indexing) await search.cancel();
      else await indexing?.catch(() => undefined);
    }
    await live?.built(garden, directories.output);
    await eleventyConfig.events.emit(REPORT_EVENT, garden);
  });
}
