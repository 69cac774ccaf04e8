/** Social card titles are laid out by measuring the text: they fit the card, whole. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import sharp from "sharp";
import type { Note } from "../../src/read/note.ts";
import { CARD_HEIGHT, CARD_WIDTH, socialCards, TITLE_MAX_HEIGHT, TITLE_WIDTH, titleOverlay } from "../../src/render/images/social-card.ts";

describe("a social card's title", () => {
  it("fits the card's text area for titles of every shape, and is drawn smaller only when it must be", async () => {
    const titles = {
      short: "Home",
      sample: "Anthropic CEO Admits We Have No Idea How AI Works",
      wide: "WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW",
      unspaced: "关于各种int类型比较关于各种int类型比较关于各种int类型比较关于各种int类型比较",
      word: "Supercalifragilisticexpialidociousandevenlongerwordwithoutanyspaces",
      endless: `${"words ".repeat(120)}end`,
    };
    const drawn = Object.fromEntries(await Promise.all(Object.entries(titles).map(async ([name, title]) => [name, await titleOverlay(sharp, title)] as const)));
    for (const [name, overlay] of Object.entries(drawn)) {
      assert.ok(overlay.width <= TITLE_WIDTH, `${name}: ${overlay.width} px wide, the card has ${TITLE_WIDTH}`);
      assert.ok(overlay.height <= TITLE_MAX_HEIGHT, `${name}: ${overlay.height} px high, the card has ${TITLE_MAX_HEIGHT}`);
    }
    // One line for a short title; the sample's three lines of 68 px type at full size (its old
    // 28-character wrapping cut it); wide letters wrapped by their measured width.
    const height = (name: string) => drawn[name]?.height ?? 0;
    assert.ok(height("short") > 40 && height("short") < 100, `one line is ${height("short")} px`);
    assert.ok(height("sample") > 3 * 68 && height("sample") < 4 * 68, `the sample's title is ${height("sample")} px high`);
    assert.ok(height("wide") > 2 * 68, `wide letters were not wrapped by their width (${height("wide")} px high)`);
  });

  it("is drawn in white over the card's background, where the overlay says, and nowhere else", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "trellis-card-"));
    try {
      const title = "Moss";
      const { cards } = await socialCards([{ note: { title, path: "Moss.md" } as Note }], "Garden", "#204060", dir);
      const file = cards.get("Moss.md");
      assert.ok(file);
      const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height], [CARD_WIDTH, CARD_HEIGHT]);
      const overlay = await titleOverlay(sharp, title);
      const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
      const white = (x: number, y: number) => pixel(x, y).every((value) => value > 225);
      let inside = 0;
      for (let y = overlay.top; y < overlay.top + overlay.height; y++) {
        for (let x = overlay.left; x < overlay.left + overlay.width; x++) if (white(x, y)) inside++;
      }
      assert.ok(inside > 300, `${inside} white pixels where the title is`);
      // Above the title and left of it, only the background (the accent under the shade).
      for (let y = 0; y < overlay.top - 2; y += 7) {
        for (let x = 0; x < CARD_WIDTH; x += 13) assert.ok(!white(x, y), `white at ${x},${y}, above the title`);
      }
      for (let y = overlay.top; y < overlay.top + overlay.height; y += 3) {
        for (let x = 0; x < overlay.left - 2; x += 3) assert.ok(!white(x, y), `white at ${x},${y}, left of the title`);
      }
      const [red, green, blue] = pixel(4, 4);
      assert.ok(blue! > red! && blue! > green!, `the top corner is the blue accent, shaded: ${pixel(4, 4).join(",")}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
