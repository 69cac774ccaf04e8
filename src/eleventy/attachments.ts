/** Copies the attachments that published notes use into the site; no other file of the vault leaves it. */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Garden } from "../garden/garden.ts";

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
