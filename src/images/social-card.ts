/**
 * Social cards: a 1200×630 picture for each published note, shown when a page is shared —
 * its hero image darkened behind its title, or the site's colour when it has none. Made with
 * sharp, kept in the cache by what they show, so a card is drawn once. Cards need the site's
 * address (shared links use absolute URLs), so without `url` none are made.
 */
import { createHash } from "node:crypto";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import type { ImageMetadata } from "@11ty/eleventy-img";
import sharp from "sharp";
import type { Note } from "../garden/note.ts";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

function escapeSvg(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Splits a title into at most `maxLines` lines of about `width` characters, with an ellipsis if cut. */
export function wrapTitle(title: string, width = 28, maxLines = 4): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    // Words longer than a line (or scripts without spaces) are cut at the line's width.
    for (let rest = word; rest.length > 0; ) {
      const room = line === "" ? width : width - line.length - 1;
      if (rest.length <= room) {
        line = line === "" ? rest : `${line} ${rest}`;
        rest = "";
      } else if (line !== "" && rest.length <= width) {
        lines.push(line);
        line = "";
      } else {
        const cut = Math.max(room, 1);
        lines.push(line === "" ? rest.slice(0, cut) : `${line} ${rest.slice(0, cut)}`);
        line = "";
        rest = rest.slice(cut);
      }
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${(kept[maxLines - 1] ?? "").replace(/\s*\S{0,3}$/, "")}…`;
  return kept;
}

function overlaySvg(title: string, siteTitle: string): Buffer {
  const lines = wrapTitle(title);
  const size = lines.length > 3 ? 60 : 68;
  const top = CARD_HEIGHT - 120 - lines.length * size * 1.15;
  const text = lines
    .map((line, i) => `<text x="72" y="${Math.round(top + (i + 1) * size * 1.15)}" font-size="${size}" font-weight="700">${escapeSvg(line)}</text>`)
    .join("");
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
<defs><linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0.15"/><stop offset="1" stop-color="#000" stop-opacity="0.8"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#shade)"/>
<g font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="#fff">${text}
<text x="72" y="${CARD_HEIGHT - 60}" font-size="30" opacity="0.9">${escapeSvg(siteTitle)}</text></g>
</svg>`,
  );
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

/** Draws (or finds in the cache) the card of each note; returns vault path → card file. */
export async function socialCards(jobs: readonly CardJob[], siteTitle: string, accent: string, cacheDir: string): Promise<Map<string, string>> {
  const folder = path.join(cacheDir, "cards");
  await mkdir(folder, { recursive: true });
  const cards = new Map<string, string>();
  const CONCURRENCY = 4;
  for (let i = 0; i < jobs.length; i += CONCURRENCY) {
    await Promise.all(
      jobs.slice(i, i + CONCURRENCY).map(async ({ note, hero }) => {
        const background = heroSource(hero);
        const key = createHash("sha256").update(JSON.stringify([note.title, siteTitle, accent, background ?? ""])).digest("hex").slice(0, 16);
        const file = path.join(folder, `${key}.jpg`);
        const exists = await access(file).then(() => true, () => false);
        if (!exists) {
          const base = background
            ? sharp(background).resize(CARD_WIDTH, CARD_HEIGHT, { fit: "cover" })
            : sharp({ create: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3, background: accent } });
          await base.composite([{ input: overlaySvg(note.title, siteTitle) }]).jpeg({ quality: 80 }).toFile(file);
        }
        cards.set(note.path, file);
      }),
    );
  }
  return cards;
}

/** Where a card is served: `/og/<file name>`. */
export function cardUrl(file: string): string {
  return `/og/${path.basename(file)}`;
}
