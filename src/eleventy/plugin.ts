// The declarations of the parts of Eleventy's API Trellis uses (it ships none), for those who type-check a config with the plugin.
/// <reference path="../types/eleventy.d.ts" preserve="true" />
/**
 * The Trellis Eleventy plugin: before each build it reads the vault into the Garden (through
 * GardenIndex, the one engine of every command), makes the build's artefacts, and after
 * Eleventy has written its own pages it writes every output of the garden (src/emit/) with
 * Eleventy's layouts. Eleventy itself never reads the vault, so a note's frontmatter and text are
 * data only: they cannot set layouts, permalinks or run template code.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { HtmlBasePlugin, type UserConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import { GardenError } from "../diagnostics.ts";
import { emitAll } from "../emit/emit.ts";
import { makeArtefacts, type ArtefactsMade } from "../emit/artefacts.ts";
import { BodyCache, codeDigest } from "../emit/body-cache.ts";
import { checkOutputs, siteOutputs } from "../emit/outputs.ts";
import { OutputWriter, SITE_MARKER, SITE_MARKER_TEXT } from "../emit/writer.ts";
import { hasErrors, type Garden } from "../garden/garden.ts";
import { indexVault } from "../garden/garden-index.ts";
import { detectLayout, type VaultLayout } from "../garden/layout.ts";
import { nextUrlHistory, readUrlHistory, writeUrlHistory, type UrlHistory } from "../garden/redirects.ts";
import { createMarkdown } from "../markdown/create.ts";
import { SYNTAX_ASSETS } from "../markdown/syntax/index.ts";
import { customAssets } from "../site/custom-files.ts";
import { readGardenEnv } from "../site/garden-env.ts";
import { contentDirOf, resolveOptions, type TrellisUserOptions } from "../site/options.ts";
import { reviewDiagnostics, uniqueDiagnostics } from "../site/review.ts";
import { LIVE_ENV, LiveSession } from "../serve/session.ts";
import { writeClientAssets, type ClientAssetFolder } from "./client-assets.ts";
import { REPORT_EVENT, type BuildReport } from "./events.ts";
import { htmlTransform, outputFile, PageRenderer, type TemplateEnvironment } from "./page-renderer.ts";
import { HOST_PAGES, registerPages, type TrellisData } from "./pages.ts";
import { progress } from "./progress.ts";
import { trellisRun } from "./run.ts";
import { vendorFile } from "./vendor-files.ts";
import { indexLanguage, SearchIndexer } from "./search-index.ts";
import { siteData } from "./site-data.ts";
import { featureStylesheets, fontFaces, siteStylesheet, STYLESHEET, type SiteFile } from "./stylesheet.ts";

/** Folder of this package, so the plugin finds its own static files from any working directory. */
const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

/** d3-force and the three modules it needs, loaded by /js/graph.js only when a graph is shown. */
const GRAPH_ASSETS: Record<string, string> = Object.fromEntries(
  ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"].map((name) => [`/js/vendor/${name}.min.js`, `${name}/dist/${name}.min.js`]),
);

/** Trellis's scripts; its style sheets are bundled into one (stylesheet.ts). */
const CLIENT_ASSETS: ClientAssetFolder[] = [{ source: path.join(PACKAGE_ROOT, "src/client"), output: "js", loader: "js" }];

/** What one build works with, from its start to its end. */
interface Build {
  garden: Garden;
  made: ArtefactsMade;
  search: SearchIndexer | undefined;
  /** The garden's problems as the settings make them, then the artefacts'. */
  diagnostics: BuildReport["diagnostics"];
  /** The addresses of earlier builds, as this build started. */
  history: UrlHistory;
  /** The bundled style sheet's text, and the files copied into the site besides Eleventy's: fonts, the author's own. */
  stylesheet: string;
  /** The style sheets of callouts, code and videos (stylesheet.ts). */
  featureSheets: Array<{ output: string; text: string }>;
  siteFiles: SiteFile[];
}

/**
 * Each vault has a cache of its own (images, rendered bodies, the history of addresses): the
 * history of one vault must never give another its redirects.
 */
function vaultCache(root: string, contentDir: string): string {
  const name = path.basename(contentDir).replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 40) || "vault";
  return path.join(root, `${name}-${createHash("sha256").update(contentDir).digest("hex").slice(0, 10)}`);
}

/**
 * The site settings of a Digital Garden repository's `.env` (its name, language, address): the
 * repository's own, so they hold over the settings of the Eleventy config the command runs with
 * (a clone's `.eleventy.ts` describes the sample garden), and under a project's config file and
 * the command's flags, which the author wrote for this site.
 */
function withGardenEnv(config: TrellisUserOptions | undefined, eleventyOptions: TrellisUserOptions, layout: VaultLayout): TrellisUserOptions {
  const env = layout.repository ? readGardenEnv(layout.repository)?.site : undefined;
  if (config) return env ? { ...config, site: { ...env, ...config.site } } : config;
  return env ? { ...eleventyOptions, site: { ...eleventyOptions.site, ...env } } : eleventyOptions;
}

export function trellis(eleventyConfig: UserConfig, userOptions: TrellisUserOptions = {}): void {
  const run = trellisRun(eleventyConfig);
  // A Digital Garden or Quartz repository is read from its notes folder, with its images beside it.
  const layout = detectLayout(contentDirOf(run.config?.options ?? userOptions, process.env));
  const options = resolveOptions(withGardenEnv(run.config?.options, userOptions, layout), process.env, run.config?.source);
  // The paths of `site.custom` are relative to the config file, or to the Eleventy project.
  const projectRoot = run.config?.root ?? process.cwd();
  const { notes: contentDir, mounts } = layout;
  const md = createMarkdown({ trustHtml: options.trustHtml, typographer: options.site.language });
  const cacheDir = vaultCache(path.resolve(process.env["TRELLIS_CACHE"] ?? path.join(process.cwd(), ".cache", "trellis")), contentDir);
  let build: Build | undefined;
  // Notes as read and rendered bodies are kept across builds in the cache, for the settings
  // and the code that made them; `trellis check` reads the cache but never writes it.
  let salt: Promise<string> | undefined;
  const cacheSalt = () => (salt ??= codeDigest(PACKAGE_ROOT).then((code) => JSON.stringify({ code, trustHtml: options.trustHtml, publish: options.publish, language: options.site.language, noteIcon: options.site.noteIcon ?? null })));
  let bodies: Promise<BodyCache> | undefined;
  const bodyCache = () => (bodies ??= cacheSalt().then((key) => new BodyCache(cacheDir, key)));
  const readCache = async () => ({ dir: cacheDir, salt: await cacheSalt(), write: !run.check });

  // A garden mounted in a larger site ("/garden/") writes its files in that folder of the site,
  // with addresses below it, and leaves the host's own pages, layouts and settings alone.
  const mounted = options.mount !== "/";
  const mountFolder = options.mount.replace(/^\/|\/$/g, "");
  // Pages are rendered with Eleventy's own Nunjucks environment (see page-renderer.ts); in a
  // host site, with Trellis's own, so that the host's includes folder and Nunjucks settings
  // neither hide Trellis's layouts nor change them.
  let templates: TemplateEnvironment | undefined = mounted ? trellisTemplates() : undefined;
  if (!mounted) {
    eleventyConfig.on("eleventy.engine.njk", ({ environment }: { environment: TemplateEnvironment }) => {
      templates = environment;
    });
  }
  const transformHtml = htmlTransform(eleventyConfig, options.site.pathPrefix);

  // `trellis serve` watches the notes itself and updates only the outputs an edit changes;
  // Eleventy rebuilds the site for everything else, from the GardenIndex that session keeps.
  const live = process.env[LIVE_ENV] === "1" ? new LiveSession({ eleventyConfig, contentDir, mounts, md, options, cacheDir, transformHtml, bodies: bodyCache, reads: readCache }) : undefined;
  if (!live) eleventyConfig.addWatchTarget(contentDir);
  // Root-relative URLs in pages get the sub-path the site is served under. Mounted, the garden's
  // pages get theirs through the plugin's filter (see htmlTransform), and the plugin keeps the
  // host's own settings (its pathPrefix), as if the host had added it: the first one added wins.
  if (mounted) eleventyConfig.addPlugin(HtmlBasePlugin);
  else if (options.site.pathPrefix !== "/") eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: options.site.pathPrefix });
  if (!mounted) eleventyConfig.setNunjucksEnvironmentOptions({ dev: true, autoescape: true, trimBlocks: true, lstripBlocks: true });
  // public/ is copied as it is, into the garden's folder, but for the style sheets bundled into one (stylesheet.ts).
  const copiedFiles = publicFiles().filter((file) => !/^css\/.*\.css$/.test(file));
  for (const file of copiedFiles) eleventyConfig.addPassthroughCopy({ [path.join(PACKAGE_ROOT, "public", file)]: `${options.mount}${file}` });
  eleventyConfig.addWatchTarget(path.join(PACKAGE_ROOT, "public/css"));
  // Scripts and styles are written minified after each build (see client-assets.ts).
  eleventyConfig.addWatchTarget(path.join(PACKAGE_ROOT, "src/client"));
  for (const [output, source] of Object.entries({ ...SYNTAX_ASSETS, ...GRAPH_ASSETS })) {
    eleventyConfig.addPassthroughCopy({ [vendorFile(source)]: path.posix.join(options.mount, output) });
  }

  eleventyConfig.on("eleventy.before", async () => {
    build = undefined;
    // The author's files are checked first: a missing one stops the build before any work.
    const [custom, faces] = await Promise.all([customAssets(options.site.custom, { root: projectRoot, vault: contentDir, source: options.source, stylesheet: STYLESHEET }), fontFaces()]);
    options.site.look = custom.look;
    const [stylesheet, featureSheets] = await Promise.all([siteStylesheet(path.join(PACKAGE_ROOT, "public/css"), options.site.theme, faces.css), featureStylesheets(path.join(PACKAGE_ROOT, "public/css"))]);
    const siteFiles = [...faces.files, ...custom.files];
    const index = live ? await live.indexForBuild() : (await indexVault({ contentDir, mounts, md, markdown: { trustHtml: options.trustHtml, typographer: options.site.language }, publish: options.publish, home: options.home, site: options.site, cache: await readCache() })).index;
    const garden = index.garden;
    const diagnostics = reviewDiagnostics(garden.diagnostics, options);
    // A build with errors stops; `trellis check` goes on, to list everything at once.
    if (hasErrors(diagnostics) && !run.check) throw new GardenError(diagnostics);
    // `trellis check` renders in memory: no image is optimised, no card drawn, no history kept.
    const { history, problem } = await readUrlHistory(cacheDir);
    if (problem) diagnostics.push(problem);
    const made = await makeArtefacts(garden, { site: options.site, cacheDir, history, images: !run.check, onProgress: progress("Optimising images") });
    diagnostics.push(...made.diagnostics);
    const search = options.site.features.search && !run.check ? await SearchIndexer.start(indexLanguage(garden, options.site.language)) : undefined;
    build = { garden, made, search, diagnostics, history, stylesheet, featureSheets, siteFiles };
  });

  eleventyConfig.addGlobalData("trellis", (): TrellisData => {
    if (!build) throw new Error("Trellis: the garden is read before each build; no build has started");
    return siteData(build.garden, build.made.artefacts, options.site);
  });
  // Mounted, the garden's 404 and graph pages are written with its other pages (below), not by
  // the host's Eleventy, whose transforms would give their addresses the host's base.
  if (!mounted) registerPages(eleventyConfig);

  eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: Array<{ outputPath: string | false }> }) => {
    if (!build) return;
    const { garden, made, search, diagnostics, history, stylesheet, featureSheets, siteFiles } = build;
    build = undefined;
    if (!templates) throw new Error("Trellis: the layouts were not loaded by this build");
    const outputDir = path.join(path.resolve(directories.output), mountFolder);
    // What Eleventy writes in the garden's folder: its pages, and Trellis's public/ folder copied as it is.
    const eleventyFiles = [
      ...results.flatMap((result) => {
        const file = typeof result.outputPath === "string" ? path.relative(outputDir, path.resolve(result.outputPath)) : "..";
        return file.startsWith("..") || path.isAbsolute(file) ? [] : [file.split(path.sep).join("/")];
      }),
      ...copiedFiles,
      STYLESHEET.slice(1),
      ...featureSheets.map((sheet) => sheet.output),
      ...siteFiles.map((file) => file.output),
      ...(mounted ? hostPageFiles(siteData(garden, made.artefacts, options.site)) : []),
    ];
    let indexing: Promise<void> | undefined;
    try {
      const outputs = siteOutputs(garden, made.artefacts, options.site);
      try {
        checkOutputs(outputs, eleventyFiles);
      } catch (error) {
        if (!(run.check && error instanceof GardenError)) throw error;
        diagnostics.push(...error.diagnostics);
      }
      const writer = new OutputWriter(outputDir, { dryRun: run.check === true });
      const cache = run.check ? undefined : await bodyCache();
      const renderer = new PageRenderer({ md, site: options.site, env: templates, transformHtml, garden, artefacts: made.artefacts, bodies: cache });
      const emitted = await emitAll(outputs, renderer, writer, { search, keepSearchDocuments: live !== undefined, onProgress: progress("Writing pages") });
      if (mounted) {
        for (const page of HOST_PAGES) {
          const url = page.url(renderer.data);
          if (url) await writer.write(outputFile(url), await renderer.sitePage(page.layout, url));
        }
      }
      diagnostics.push(...uniqueDiagnostics([...emitted.diagnostics.values()].flat()));
      if (!run.check) {
        // Pagefind writes its index in its own process while this one copies the files.
        indexing = search?.write(path.join(outputDir, "pagefind"));
        // Awaited below; a failure meanwhile (Pagefind died) must wait there, not end the process.
        indexing?.catch(() => undefined);
        await writeClientAssets(CLIENT_ASSETS, outputDir);
        await writer.write(STYLESHEET.slice(1), stylesheet);
        await Promise.all(featureSheets.map((sheet) => writer.write(sheet.output, sheet.text)));
        await Promise.all(siteFiles.map((file) => writer.copy(file.output, file.source)));
        await writer.write(SITE_MARKER, SITE_MARKER_TEXT);
        if (cache) {
          await cache.prune();
          diagnostics.push(...cache.problems.splice(0));
        }
        await writeUrlHistory(cacheDir, nextUrlHistory(garden, history));
        await indexing;
      }
      await live?.built({ garden, made, outputs, emitted, outputDir, diagnostics, hostFiles: eleventyFiles });
      const report: BuildReport = {
        stats: garden.stats,
        diagnostics: uniqueDiagnostics(diagnostics),
        notes: garden.notes.map((note) => ({ path: note.path, url: note.url, title: note.title, hidden: note.hidden, home: note.home })),
        attachments: [...garden.attachments].map(([file, url]) => ({ path: file, url })),
        files: [...eleventyFiles, ...outputs.map((output) => output.file)],
      };
      await eleventyConfig.events.emit(REPORT_EVENT, report);
    } finally {
      // A build that failed on the way still ends the indexer's process.
      if (search && !indexing) await search.cancel();
      else await indexing?.catch(() => undefined);
    }
  });
}

/** Trellis's layouts in a Nunjucks environment of its own, set as Trellis sets Eleventy's. */
function trellisTemplates(): TemplateEnvironment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(PACKAGE_ROOT, "_includes")), { autoescape: true, trimBlocks: true, lstripBlocks: true });
}

/** The files of the site's own pages (HOST_PAGES), which a mounted garden writes itself: no note may take them. */
function hostPageFiles(data: TrellisData): string[] {
  return HOST_PAGES.flatMap((page) => {
    const url = page.url(data);
    return url ? [outputFile(url)] : [];
  });
}

/** The files of Trellis's public/ folder, as paths in the site (favicon.svg, css/…): no note may take one's address. */
function publicFiles(): string[] {
  const root = path.join(PACKAGE_ROOT, "public");
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
