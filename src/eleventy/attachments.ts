/**
 * Copies into the site the files its pages use: the attachments published notes use (no other
 * file of the vault leaves it), and the optimised images and social cards from the cache.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Garden } from "../garden/garden.ts";
import { generatedFiles } from "../images/optimise.ts";
import { cardUrl } from "../images/social-card.ts";

const COPY_CONCURRENCY = 16;

/** Copies each source file to its site URL under `outputDir`, a few at a time. */
async function copyToSite(files: ReadonlyMap<string, string>, outputDir: string): Promise<void> {
  const jobs = [...files].map(([url, from]) => ({ from, to: path.join(outputDir, ...url.split("/")) }));
  // Each folder is made once, not once per file (a social card per note shares one folder).
  for (const folder of new Set(jobs.map((job) => path.dirname(job.to)))) await mkdir(folder, { recursive: true });
  for (let i = 0; i < jobs.length; i += COPY_CONCURRENCY) {
    await Promise.all(jobs.slice(i, i + COPY_CONCURRENCY).map((job) => copyFile(job.from, job.to)));
  }
}

export function copyAttachments(garden: Garden, outputDir: string): Promise<void> {
  return copyToSite(new Map([...garden.attachments].map(([file, url]) => [url, path.join(garden.contentDir, file)])), outputDir);
}

export function copyImages(images: ReadonlyMap<string, ImageMetadata>, outputDir: string): Promise<void> {
  const files = new Map<string, string>();
  for (const metadata of images.values()) for (const file of generatedFiles(metadata)) files.set(file.url, file.from);
  return copyToSite(files, outputDir);
}

export function copyCards(cards: ReadonlyMap<string, string>, outputDir: string): Promise<void> {
  return copyToSite(new Map([...cards.values()].map((file) => [cardUrl(file), file])), outputDir);
}
