/**
 * What a build makes from a Garden before its pages render: the redirects from old addresses,
 * the optimised images and the social cards. Made again after an edit in `trellis serve`, from
 * the last ones: only images and cards that are new are worked on.
 */
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Diagnostic } from "../core/diagnostics.ts";
import { assetSource } from "../render/site-data.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import { collectRedirects, type UrlHistory } from "../garden/redirects.ts";
import { imageJobs } from "./image-jobs.ts";
import { optimiseImages } from "../render/images/optimise.ts";
import { socialCards } from "../render/images/social-card.ts";
import type { SiteOptions } from "../core/options.ts";

export interface ArtefactsMade {
  artefacts: Artefacts;
  /** Each image's outcome by key: optimised, or the warning it gave (not tried again). */
  images: ReadonlyMap<string, ImageMetadata | Diagnostic>;
  /** What each note's card shows, by vault path, and the card file. */
  cards: ReadonlyMap<string, { shows: string; file: string }>;
  /** Warnings: old addresses that cannot redirect, images that could not be read. */
  diagnostics: Diagnostic[];
}

export interface ArtefactOptions {
  site: SiteOptions;
  cacheDir: string;
  /** Every address each note had in earlier builds. */
  history: UrlHistory;
  /** Optimise images and draw cards (off for `trellis check`, which writes nothing, not even to the cache). */
  images?: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** `stale` names images (by key) whose file changed since `previous` made them. */
export async function makeArtefacts(garden: Garden, options: ArtefactOptions, previous?: ArtefactsMade, stale: ReadonlySet<string> = new Set()): Promise<ArtefactsMade> {
  const diagnostics: Diagnostic[] = [];
  const redirects = collectRedirects(garden, options.history, diagnostics);

  const jobs = options.images === false ? [] : imageJobs(garden);
  const known = (key: string) => (stale.has(key) ? undefined : previous?.images.get(key));
  const fresh = jobs.filter((job) => known(job.key) === undefined);
  const failed = new Map<string, Diagnostic>();
  const found: Diagnostic[] = [];
  const optimised = await optimiseImages(fresh, { cacheDir: options.cacheDir, onProgress: options.onProgress }, found, failed);
  // The warnings of single images are kept with their outcome, below; the rest are the cache's.
  const ofImages = new Set(failed.values());
  diagnostics.push(...found.filter((d) => !ofImages.has(d)));
  const outcomes = new Map<string, ImageMetadata | Diagnostic>();
  const images = new Map<string, ImageMetadata>();
  for (const job of jobs) {
    const outcome = optimised.get(job.key) ?? failed.get(job.key) ?? known(job.key);
    if (!outcome) continue;
    outcomes.set(job.key, outcome);
    if (isWarning(outcome)) diagnostics.push(outcome);
    else images.set(job.key, outcome);
  }

  // Cards need absolute URLs to be shared: only when the site's url is known.
  const cards = new Map<string, { shows: string; file: string }>();
  if (options.site.url && options.images !== false) {
    const wanted = garden.notes.map((note) => {
      const hero = note.hero ? images.get(assetSource(garden, note)(note.hero.src) ?? "") : undefined;
      return { note, hero, shows: JSON.stringify([note.title, hero ?? null]) };
    });
    const { cards: drawn, damaged } = await socialCards(
      wanted.filter(({ note, shows }) => previous?.cards.get(note.path)?.shows !== shows).map(({ note, hero }) => (hero ? { note, hero } : { note })),
      options.site.title,
      options.site.theme.accent ?? "#1f5fa8",
      options.cacheDir,
    );
    for (const { note, shows } of wanted) {
      const file = drawn.get(note.path) ?? previous?.cards.get(note.path)?.file;
      if (file) cards.set(note.path, { shows, file });
    }
    if (damaged > 0) {
      diagnostics.push({
        severity: "warning",
        file: "",
        message: `the social card cache in ${path.join(options.cacheDir, "cards")} held ${damaged} damaged card${damaged === 1 ? "" : "s"}; ${damaged === 1 ? "it was" : "they were"} drawn again`,
        fix: "nothing to do; delete the folder if this keeps happening",
      });
    }
  }
  return {
    artefacts: { images, redirects, cards: new Map([...cards].map(([note, card]) => [note, card.file])) },
    images: outcomes,
    cards,
    diagnostics,
  };
}

function isWarning(outcome: ImageMetadata | Diagnostic): outcome is Diagnostic {
  return "severity" in outcome;
}
