/** Social card titles are laid out by measuring the text: they fit the card, whole. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { TITLE_MAX_HEIGHT, TITLE_WIDTH, titleOverlay } from "../../src/render/images/social-card.ts";

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
});
