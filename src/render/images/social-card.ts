/**
 * Social cards: a 1200×630 picture for each published note, shown when a page is shared —
 * its hero image darkened behind its title, or the site's colour when it has none. Made with
 * sharp, kept in the cache by what they show, so a card is drawn once. Cards need the site's
 * address (shared links use absolute URLs), so without `url` none are made.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, stat } from "node:fs/promises";
import { isWholeImage } from "./image-file.ts";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { OutputInfo } from "sharp";

type SharpModule = (typeof import("sharp"))["default"];
import type { Note } from "../../read/note.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Text for the card's SVG and Pango markup (both XML): escaped, and without the control characters XML cannot hold at all. */
function escapeSvg(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const FONT = `font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="#fff"`;
const TEXT_LEFT = 72;

/** What every card shares: the shade that keeps white text readable, and the site's name. */
function chromeSvg(siteTitle: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
<defs><linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0.15"/><stop offset="1" stop-color="#000" stop-opacity="0.8"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#shade)"/>
<text x="${TEXT_LEFT}" y="${CARD_HEIGHT - 60}" font-size="30" opacity="0.9" ${FONT}>${escapeSvg(siteTitle)}</text>
</svg>`,
  );
}

/** Changes when cards are drawn differently, so that cards in the cache are drawn again. */
const CARD_DRAWING = 3;
export const TITLE_WIDTH = CARD_WIDTH - 2 * TEXT_LEFT;
export const TITLE_MAX_HEIGHT = 330;
const TITLE_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif Bold";
const TITLE_SIZE = 68;

/**
 * The note's title as a picture as wide as the card's text (raw RGBA pixels), and where it goes
 * on the card. Pango lays it out, so lines break where the text measures full at the font's real
 * widths (between words, or between characters in scripts without spaces); a title too long for
 * the card at full size is drawn smaller until it fits, never cut.
 */
export async function titleOverlay(sharp: SharpModule, title: string): Promise<{ input: Buffer; top: number; left: number; width: number; height: number }> {
  const text = `<span foreground="#ffffff">${escapeSvg(title.replace(/\s+/g, " ").trim())}</span>`;
  const draw = (fit: { font: string } | { font: string; height: number }) =>
    sharp({ text: { text, width: TITLE_WIDTH, wrap: "word-char", rgba: true, spacing: Math.round(TITLE_SIZE * 0.15), ...fit } }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let drawn = await draw({ font: `${TITLE_FONT} ${TITLE_SIZE}` });
  if (drawn.info.height > TITLE_MAX_HEIGHT) drawn = await draw({ font: TITLE_FONT, height: TITLE_MAX_HEIGHT });
  const { width, height } = drawn.info;
  return { input: drawn.data, top: CARD_HEIGHT - 110 - height, left: TEXT_LEFT, width, height };
}

/** The largest raster file eleventy-img made of the hero, to draw the card from. */
function heroSource(metadata: ImageMetadata | undefined): string | undefined {
  const entries = Object.values(metadata ?? {}).flat().filter((entry) => entry.format !== "svg");
  return entries.sort((a, b) => b.width - a.width)[0]?.outputPath;
}

export interface CardJob {
  note: Note;
  /** The hero's optimised image, when it has one. */
  hero?: ImageMetadata;
}

export interface CardsDrawn {
  /** Vault path → card file. */
  cards: Map<string, string>;
  /** Cards found damaged in the cache, and drawn again. */
  damaged: number;
}

/** Draws (or finds in the cache) the card of each note. */
export async function socialCards(jobs: readonly CardJob[], siteTitle: string, accent: string, cacheDir: string): Promise<CardsDrawn> {
  const folder = path.join(cacheDir, "cards");
  await mkdir(folder, { recursive: true });
  const cards = new Map<string, string>();
  let damaged = 0;
  if (jobs.length === 0) return { cards, damaged };
  // Notes with the same title and background share one card, drawn once.
  const byKey = new Map<string, { background: string | undefined; title: string; notes: string[] }>();
  for (const { note, hero } of jobs) {
    const background = heroSource(hero);
    const key = createHash("sha256").update(JSON.stringify([CARD_DRAWING, note.title, siteTitle, accent, background ?? ""])).digest("hex").slice(0, 16);
    const card = byKey.get(key) ?? { background, title: note.title, notes: [] };
    card.notes.push(note.path);
    byKey.set(key, card);
  }
  // A card in the cache is used only when it is a whole JPEG; a damaged one is drawn again. All
  // are checked first: a garden's cards are mostly cached, and then sharp is not even loaded.
  const unique = [...byKey].map(([key, card]) => ({ ...card, file: path.join(folder, `${key}.jpg`) }));
  const missing = unique.filter(({ file }) => !isWholeImage(file, "jpeg"));
  for (const { file, notes } of unique) for (const note of notes) cards.set(note, file);
  if (missing.length === 0) return { cards, damaged };
  for (const { file } of missing) if (await stat(file).catch(() => undefined)) damaged++;
  const { default: sharp } = await import("sharp");
  // The shade and the site's name are drawn once; each card then draws only its title over them.
  const chrome = await sharp(chromeSvg(siteTitle)).png().toBuffer();
  let plain: Promise<{ data: Buffer; info: OutputInfo }> | undefined;
  const plainBackground = () =>
    (plain ??= sharp({ create: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3, background: accent } })
      .composite([{ input: chrome }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }));
  // Cards are drawn a few at a time, each as soon as one is done: sharp works in Node's thread
  // pool (four threads), and its own operations run on one thread each on glibc Linux.
  const CONCURRENCY = 4;
  let next = 0;
  const drawNext = async (): Promise<void> => {
    // Each drawer's card pixels, filled anew for each card: 2.3 MB a card allocated and collected
    // was a good part of the main thread's time. sharp is done with it once the card is written.
    let pixels: Buffer | undefined;
    for (let card = missing[next++]; card; card = missing[next++]) {
      const { background, title, file } = card;
      const [overlay, base] = await Promise.all([
        titleOverlay(sharp, title),
        background
          ? sharp(background).resize(CARD_WIDTH, CARD_HEIGHT, { fit: "cover" }).composite([{ input: chrome }]).removeAlpha().raw().toBuffer({ resolveWithObject: true })
          : plainBackground(),
      ]);
      // The title is laid over the background here: sharp's compositing works in floating point
      // and took two thirds of a card's time.
      // A copy: the plain background is shared by every card without a hero.
      if (pixels?.length !== base.data.length) pixels = Buffer.allocUnsafe(base.data.length);
      pixels.set(base.data);
      blend(pixels, base.info, overlay);
      // Drawn beside and moved into place: sites share the cache's cards (hard links), so a
      // card is never written where it is. Standard Huffman tables: a third of the encoding's
      // time for cards 13 % larger, which only link previews ever fetch.
      const drawn = `${file}.${process.pid}.tmp`;
      await sharp(pixels, { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } }).jpeg({ quality: 80, optimiseCoding: false }).toFile(drawn);
      await rename(drawn, file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, missing.length) }, drawNext));
  return { cards, damaged };
}

/**
 * Lays RGBA `overlay` pixels over `pixels` (RGB or RGBA, `into` wide) at its place, by its alpha.
 * In integers, rows clipped once: it runs on the main thread for every card.
 */
function blend(pixels: Uint8Array, into: { width: number; height: number; channels: number }, overlay: { input: Uint8Array; top: number; left: number; width: number; height: number }): void {
  const { input, top, left, width, height } = overlay;
  const { channels } = into;
  const firstRow = Math.max(0, -top);
  const endRow = Math.min(height, into.height - top);
  const firstColumn = Math.max(0, -left);
  const endColumn = Math.min(width, into.width - left);
  for (let y = firstRow; y < endRow; y++) {
    let from = (y * width + firstColumn) * 4;
    let to = ((top + y) * into.width + left + firstColumn) * channels;
    for (let x = firstColumn; x < endColumn; x++, from += 4, to += channels) {
      const alpha = input[from + 3]!;
      if (alpha === 0) continue;
      const keep = 255 - alpha;
      // (v + 127) / 255, truncated by the byte array: v / 255 rounded.
      pixels[to] = (pixels[to]! * keep + input[from]! * alpha + 127) / 255;
      pixels[to + 1] = (pixels[to + 1]! * keep + input[from + 1]! * alpha + 127) / 255;
      pixels[to + 2] = (pixels[to + 2]! * keep + input[from + 2]! * alpha + 127) / 255;
    }
  }
}

/** Where a card is served: `/og/<file name>`. */
export function cardUrl(file: string): string {
  return `/og/${path.basename(file)}`;
}
