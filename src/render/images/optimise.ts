/**
 * Responsive images with eleventy-img (sharp underneath): every raster image that published
 * notes use, local or remote, is resized to a few widths in WebP plus its own format. The
 * work is cached in `.cache/` across builds: an unchanged image is not processed again, and
 * a remote image, once fetched, is reused without the network.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { isWholeImage } from "./image-file.ts";
import type ImageModule from "@11ty/eleventy-img";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../../core/diagnostics.ts";

export interface ImageJob {
  /** How pages refer to the image: its site URL (`/assets/…`) or its remote URL. */
  key: string;
  /** A file path or a remote URL. */
  source: string;
  /** The first note that uses it, for warnings, and the line that names it where known. */
  note: string;
  line?: number;
  /** A note shows it as its hero: when it fails, the page shows the hero's figure without it. */
  hero?: boolean;
}

export interface ImageOptions {
  cacheDir: string;
  onProgress?: (done: number, total: number) => void;
}

/** Formats sharp resizes well; SVG, GIF (maybe animated) and icons are published as they are. */
export const RASTER = /\.(png|jpe?g|webp|avif|tiff?)$/i;

export const WIDTHS: Array<number | "auto"> = [480, 960, 1600, "auto"];

/** Remote images are given this long before the build carries on without them. */
const FETCH_TIMEOUT_MS = 15_000;

export function imageOutputDir(cacheDir: string): string {
  return path.join(cacheDir, "img");
}

/** eleventy-img (and sharp) load when a garden first has images to optimise. */
let Image: typeof ImageModule | undefined;

/** Optimises the images; an image that fails gives a warning instead, added to `diagnostics` and kept by key in `failed`. */
export async function optimiseImages(jobs: readonly ImageJob[], options: ImageOptions, diagnostics: Diagnostic[], failed?: Map<string, Diagnostic>): Promise<Map<string, ImageMetadata>> {
  if (jobs.length === 0) return new Map();
  Image ??= (await import("@11ty/eleventy-img")).default;
  const optimise = Image;
  const make = (job: ImageJob, useCache = true) =>
    optimise(job.source, {
      useCache,
      widths: WIDTHS,
      formats: ["webp", "auto"],
      failOnError: true,
      outputDir: imageOutputDir(options.cacheDir),
      urlPath: "/img/",
      cacheOptions: {
        duration: "*", // fetched once; a changed remote image needs a new URL or a cleared cache
        directory: path.join(options.cacheDir, "fetch"),
        fetchOptions: { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) },
      },
    });
  const fail = (job: ImageJob, error: unknown) => {
    const warning = imageWarning(job, error);
    diagnostics.push(warning);
    failed?.set(job.key, warning);
  };

  let done = 0;
  const made = new Map<ImageJob, ImageMetadata>();
  await Promise.all(
    jobs.map(async (job) => {
      try {
        made.set(job, await make(job));
      } catch (error) {
        fail(job, error);
      } finally {
        done++;
        options.onProgress?.(done, jobs.length);
      }
    }),
  );

  const results = await keepWhole(made, (job) => make(job, false), fail);
  if (results.damaged > 0) {
    diagnostics.push({
      severity: "warning",
      file: "",
      message: `the image cache in ${imageOutputDir(options.cacheDir)} held damaged files for ${results.damaged} image${results.damaged === 1 ? "" : "s"}; they were made again`,
      fix: "nothing to do; delete the folder if this keeps happening",
    });
  }
  return results.images;
}

/** What an image that could not be optimised tells the author. */
function imageWarning(job: ImageJob, error: unknown): Diagnostic {
  const remote = /^https?:/i.test(job.source);
  return {
    severity: "warning",
    file: job.note,
    ...(job.line !== undefined ? { line: job.line } : {}),
    message: `${remote ? "could not fetch or read" : "could not read"} the image ${job.key} (${String((error as Error).message ?? error).split("\n")[0]}); ${job.hero && remote ? "the hero is shown as a box of the image's shape with its caption and credit" : "the page keeps its original address"}`,
    fix: remote ? "build once with network access to cache it, or download it into the vault" : "check that the file is a valid image",
  };
}

/**
 * eleventy-img keeps files it made before, and images with the same content share their files.
 * So the files are checked once every write has finished, and a damaged one is made again
 * (`remake`, without eleventy-img's memory of it) one image at a time: never read while another
 * job is still writing it.
 */
async function keepWhole(made: ReadonlyMap<ImageJob, ImageMetadata>, remake: (job: ImageJob) => Promise<ImageMetadata>, fail: (job: ImageJob, error: unknown) => void): Promise<{ images: Map<string, ImageMetadata>; damaged: number }> {
  const images = new Map<string, ImageMetadata>();
  const damagedFiles = new Set<string>();
  const files = new Map([...made.values()].flatMap(generatedFiles).map((file) => [file.from, file.format]));
  for (const [file, format] of files) {
    if (isWholeImage(file, format)) continue;
    damagedFiles.add(file);
    await rm(file, { force: true });
  }
  let damaged = 0;
  for (const [job, metadata] of made) {
    if (!generatedFiles(metadata).some((file) => damagedFiles.has(file.from))) {
      images.set(job.key, metadata);
      continue;
    }
    damaged++;
    try {
      const again = await remake(job);
      for (const file of generatedFiles(again)) {
        if (!isWholeImage(file.from, file.format)) throw new Error("the optimised files could not be written whole");
      }
      images.set(job.key, again);
    } catch (error) {
      fail(job, error);
    }
  }
  return { images, damaged };
}


/** Every file an image's metadata names, to be checked in the cache and copied from it into the site. */
export function generatedFiles(metadata: ImageMetadata): Array<{ from: string; url: string; format: string }> {
  return Object.values(metadata).flatMap((entries) => entries.map((entry) => ({ from: entry.outputPath, url: entry.url, format: entry.format })));
}

export interface PictureAttributes {
  alt: string;
  sizes: string;
  /** The hero loads first; every other image loads when it nears the viewport. */
  priority?: boolean;
  width?: string;
  height?: string;
}

export function pictureHtml(metadata: ImageMetadata, attributes: PictureAttributes): string {
  // eleventy-img writes an image made at one width as a bare URL, without the width that `sizes`
  // needs; HTML allows `sizes` only with widths.
  const oneWidth = Object.values(metadata).every((entries) => entries.length <= 1);
  const attrs: Record<string, string> = {
    alt: attributes.alt,
    ...(oneWidth ? {} : { sizes: attributes.sizes }),
    decoding: "async",
    ...(attributes.priority ? { fetchpriority: "high" } : { loading: "lazy" }),
  };
  // Metadata exists only once optimiseImages has loaded eleventy-img.
  if (!Image) throw new Error("Trellis: an image's HTML was asked for before any image was optimised");
  return Image.generateHTML(metadata, attrs);
}
