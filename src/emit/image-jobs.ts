/** Which images a build optimises: raster attachments that published notes use, and remote images they show. */
import type { Garden } from "../garden/garden.ts";
import { vaultSource } from "../read/layout.ts";
import { RASTER, type ImageJob } from "../render/images/optimise.ts";

export function imageJobs(garden: Garden): ImageJob[] {
  const jobs = new Map<string, ImageJob>();
  for (const note of garden.notes) {
    const hero = note.hero && /^https?:\/\//i.test(note.hero.src) ? note.hero.src : undefined;
    if (hero) {
      const first = jobs.get(hero);
      const line = first ? first.line : note.hero?.line;
      jobs.set(hero, { key: hero, source: hero, note: first?.note ?? note.path, ...(line !== undefined ? { line } : {}), hero: true });
    }
    for (const url of note.remoteImages) if (!jobs.has(url)) jobs.set(url, { key: url, source: url, note: note.path });
  }
  // A local image that cannot be read is reported against the image file itself.
  for (const [file, url] of garden.attachments) {
    if (RASTER.test(file) && !jobs.has(url)) jobs.set(url, { key: url, source: vaultSource(garden.contentDir, garden.mounts, file), note: file });
  }
  return [...jobs.values()];
}
