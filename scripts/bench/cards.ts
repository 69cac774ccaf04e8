/**
 * How long a garden's first build spends on social cards: draws N cards (default 1,000) of
 * plain-background notes with two-line titles into an empty folder and prints the wall time a card.
 *   node --import tsx scripts/bench/cards.ts [N]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Note } from "../../src/read/note.ts";
import { socialCards } from "../../src/render/images/social-card.ts";

const count = Number(process.argv[2] ?? 1000);
const jobs = Array.from({ length: count }, (_, i) => ({ note: { title: `A note about gardens and cards, number ${i}, with a longer title`, path: `note-${i}.md` } as Note }));
const folder = mkdtempSync(path.join(tmpdir(), "trellis-cards-"));
try {
  const started = performance.now();
  await socialCards(jobs, "Trellis Garden", "#2f5d50", folder);
  const ms = performance.now() - started;
  console.log(`${count} cards in ${(ms / 1000).toFixed(2)} s: ${(ms / count).toFixed(1)} ms a card (budget 8 ms)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
