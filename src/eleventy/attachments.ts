/** Copies the attachments that published notes use into the site; no other file of the vault leaves it. */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Garden } from "../garden/garden.ts";
import { generatedFiles } from "../images/optimise.ts";
import { cardUrl } from "../images/social-card.ts";

const COPY_CONCURRENCY = 16;

export async function copyAttachments(garden: Garden, outputDir: string): Promise<void> {
  const jobs = [...garden.attachments];
  for (let i = 0; i < jobs.length; i += COPY_CONCURRENCY) {
    await Promise.all(
      jobs.slice(i, i + COPY_CONCURRENCY).map(async ([file, url]) => {
        const destination = path.join(outputDir, ...url.split("/"));
        await mkdir(path.dirname(destination), { recursive: true });
        await copyFile(path.join(garden.contentDir, file), destination);
      }),
    );
  }
}

/** Copies the optimised images the pages use from the image cache into the site. */
export async function copyImages(images: ReadonlyMap<string, ImageMetadata>, outputDir: string): Promise<void> {
  const files = new Map<string, string>();
  for (const metadata of images.values()) for (const file of generatedFiles(metadata)) files.set(file.url, file.from);
  const jobs = [...files];
  for (let i = 0; i < jobs.length; i += COPY_CONCURRENCY) {
    await Promise.all(
      jobs.slice(i, i + COPY_CONCURRENCY).map(async ([url, from]) => {
        const destination = path.join(outputDir, ...url.split("/"));
        await mkdir(path.dirname(destination), { recursive: true });
        await copyFile(from, destination);
      }),
    );
  }
}

/** Copies the social cards from the cache into the site, at /og/. */
export async function copyCards(cards: ReadonlyMap<string, string>, outputDir: string): Promise<void> {
  if (cards.size === 0) return;
  await mkdir(path.join(outputDir, "og"), { recursive: true });
  const files = [...new Set(cards.values())];
  for (let i = 0; i < files.length; i += COPY_CONCURRENCY) {
    await Promise.all(files.slice(i, i + COPY_CONCURRENCY).map((file) => copyFile(file, path.join(outputDir, cardUrl(file)))));
  }
}
