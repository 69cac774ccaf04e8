/**
 * Bases on the site (test/fixtures/bases): a `.base` file embedded by view name, a ```base block
 * filtered by `this`, table, cards and list views, a formula, sorts, a limit, a summary, a group,
 * a function Trellis does not know and a view type it does not draw, and a private note that
 * matches every filter.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { fixture, readSite, runTrellis, tempDir, type RunResult } from "../helpers/cli.ts";
import { validationErrors } from "../helpers/validate.ts";

let site: Map<string, string>;
let built: RunResult;

before(async () => {
  const dir = await tempDir("bases");
  const out = path.join(dir, "site");
  built = await runTrellis(["build", fixture("bases"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache"), NO_COLOR: "1" } });
  assert.equal(built.code, 0, built.stderr);
  site = await readSite(out);
});

/** The bases of a page, in order: each a list of its views' HTML. */
function bases(html: string): string[] {
  return [...html.matchAll(/<div class="bases">([\s\S]*?)\n<\/div>\n(?=<p>|\s*<\/div>)/g)].map((match) => match[1] ?? "");
}

/** The note titles a view lists, in order. */
function titles(html: string): string[] {
  return [...html.matchAll(/<a class="internal-link" href="\/books\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1] ?? "");
}

describe("bases", () => {
  it("embeds a base's first view, sorted, with its formula, display names and summary", () => {
    const [all] = bases(site.get("index.html") ?? "");
    assert.ok(all, "no base on the page");
    assert.match(all, /<thead><tr><th scope="col">name<\/th><th scope="col">author<\/th><th scope="col">year<\/th><th scope="col">Century<\/th><th scope="col">Rating<\/th><th scope="col">read<\/th><\/tr><\/thead>/);
    assert.deepEqual(titles(all), ["Dune", "Emma", "Neuromancer"]);
    assert.match(all, /<td><a class="internal-link" href="\/people\/frank-herbert\/">Frank Herbert<\/a><\/td><td><span class="property__number">1965<\/span><\/td><td>20th<\/td>/);
    assert.match(all, /<tfoot><tr>(<td><\/td>){4}<td><span class="base__summary">Average<\/span> <span class="property__number">4<\/span><\/td><td><\/td><\/tr><\/tfoot>/);
  });

  it("embeds the view a link names: a filter, a group, cards, a limit, and an unknown type as a list", () => {
    const [, favourites, byCentury, cards, firstTwo, map] = bases(site.get("index.html") ?? "");
    assert.deepEqual(titles(favourites ?? ""), ["Dune"]);
    assert.match(byCentury ?? "", /<th scope="rowgroup" colspan="2">19th<\/th><\/tr><tr><td><a[^>]+>Emma<\/a>[\s\S]*<th scope="rowgroup" colspan="2">20th<\/th>/);
    // A card shows the note's image property (Dune's cover); a note without one, none.
    assert.match(cards ?? "", /<li class="base__card"><img class="base__card-image" src="\/assets\/books\/dune\.png" alt="" loading="lazy" decoding="async"><p class="base__card-title"><a class="internal-link" href="\/books\/dune\/">Dune<\/a><\/p><dl class="base__card-properties"><div><dt>stars<\/dt><dd>★★★★★<\/dd><\/div><\/dl><\/li>/);
    assert.match(cards ?? "", /<li class="base__card"><p class="base__card-title"><a class="internal-link" href="\/books\/emma\/">Emma<\/a>/);
    assert.deepEqual(titles(firstTwo ?? ""), ["Emma", "Dune"]);
    assert.match(map ?? "", /<p class="base__notice">A map view, shown here as a list\.<\/p><ul class="base__list">/);
    assert.deepEqual(titles(map ?? ""), ["Dune", "Emma", "Neuromancer"]);
  });

  it("renders a base block in place, reading `this` as its note", () => {
    const [block] = bases(site.get("people/frank-herbert/index.html") ?? "");
    assert.deepEqual(titles(block ?? ""), ["Dune"]);
  });

  it("gives a linked base a page of its own with every view, and never copies the file", () => {
    assert.match(site.get("index.html") ?? "", /<a href="\/books\.base\/">every view<\/a>/);
    const page = site.get("books.base/index.html") ?? "";
    assert.match(page, /<h1 class="article__title">Books<\/h1>/);
    assert.deepEqual([...page.matchAll(/<h2 id="view-[^"]+-heading">([^<]+)<\/h2>/g)].map((match) => match[1]), ["All", "Covers", "First two", "Favorites", "By century", "Where"]);
    assert.deepEqual(titles(page.split('id="view-favorites"')[1]?.split('class="base-page__view"')[0] ?? ""), ["Dune"]);
    for (const [file, text] of site) assert.doesNotMatch(text, /file\.hasTag\("book"\)/, `${file} holds the base's own text`);
  });

  it("never shows a private note, in any view, page or search record", () => {
    for (const [file, text] of site) assert.doesNotMatch(text, /Secret Book|secret-book|Zephyrquill/i, `${file} shows the private note`);
  });

  it("warns of a function it does not know and a view it does not draw, with the file and line", () => {
    assert.match(built.stderr, /Books\.base:8: base: formula\.broken: frobnicate\(\): Trellis does not know this function; the view shows what it can/);
    assert.match(built.stderr, /Books\.base:57: base: the view "Where" is a map view, which Trellis does not draw; its notes are listed instead/);
    // Once each, however many pages and views show the base.
    assert.equal(built.stderr.split("frobnicate").length - 1, 1);
  });

  it("writes pages that html-validate accepts", async () => {
    assert.deepEqual(await validationErrors(site), []);
  });
});
