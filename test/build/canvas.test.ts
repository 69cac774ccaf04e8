/**
 * A canvas on the site (test/fixtures/canvas): its own page drawn at build time, every kind of
 * node and edge, a private note as a file node and as a link in a text node, a preview where a
 * note embeds it, and the search index reading its text.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { fixture, readSite, runTrellis, tempDir } from "../helpers/cli.ts";
import { validationErrors } from "../helpers/validate.ts";
import { explorerTree } from "../helpers/explorer.ts";

let site: Map<string, string>;
let page: string;

before(async () => {
  const dir = await tempDir("canvas");
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", fixture("canvas"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(built.code, 0, built.stderr);
  site = await readSite(out);
  page = site.get("board.canvas/index.html") ?? "";
});

/** The nodes of the board, in the page's order: their kind and their first words. */
function nodes(html: string): string[] {
  return [...html.matchAll(/<div class="canvas__node canvas__node--(\w+)[^"]*" style="[^"]*"[^>]*>([\s\S]*?)<\/div>(?=\n<div class="canvas__node|\n<\/div>)/g)].map((match) => {
    const words = (match[2] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 24).trim();
    return `${match[1]}:${words ? ` ${words}` : ""}`;
  });
}

describe("a canvas", () => {
  it("has a page of its own where a note links to it, with its nodes in reading order, groups first", () => {
    assert.match(site.get("index.html") ?? "", /<a href="\/board\.canvas\/">the whole board<\/a>/);
    assert.match(page, /<h1 class="article__title">Board<\/h1>/);
    assert.deepEqual(nodes(page), ["group: Plans", "text: Start here Quasarleaf: t", "file: The idea An idea worth a", "file:", "file:", "link: example.org"]);
    // Listed in the explorer like a note, by its file's name.
    assert.deepEqual(explorerTree(site).notes, [{ title: "Board", url: "/board.canvas/" }, { title: "The idea", url: "/idea/" }]);
  });

  it("draws text as notes are, a published note as its title and opening, an image, a link card, and colours", () => {
    assert.match(page, /<div class="canvas__text"><h1[^>]*>Start here<\/h1>\n<p>Quasarleaf: the first thought, linked to <a href="\/idea\/" class="internal-link">Idea<\/a> and to \.<\/p>\n<div class="callout/);
    assert.match(page, /--node-color:#ff8800"><p class="canvas__file-title"><a class="internal-link" href="\/idea\/">The idea<\/a><\/p><p class="canvas__file-text">An idea worth a page of its own\.<\/p>/);
    assert.match(page, /<img class="canvas__image" src="\/assets\/photo\.png" alt=""/);
    assert.ok(site.has("assets/photo.png"), "the canvas's image is not published");
    assert.match(page, /--node-color:#6940a5"><a class="canvas__link external" href="https:\/\/www\.example\.org\/about" rel="noopener"><span class="canvas__link-site">example\.org<\/span><\/a>/);
    assert.match(page, /canvas__node--group" style="[^"]*--node-color:#0f7b6c"><p class="canvas__group-label">Plans<\/p>/);
  });

  it("draws edges between sides, with arrows where the canvas has them, labels and colours; one to a missing node is left out", () => {
    const edges = [...page.matchAll(/<g class="canvas__edge"[^>]*>[\s\S]*?<\/g>/g)].map((match) => match[0]);
    assert.equal(edges.length, 3);
    assert.match(edges[0] ?? "", /style="--edge-color:#e03e3e"><path d="M\d+ \d+ C[^"]+" marker-end="url\(#arrow-\w+-end\)"\/><text[^>]*>leads to<\/text>/);
    assert.match(edges[1] ?? "", /<path d="[^"]+" marker-start="url\(#arrow-\w+-start\)"\/>/);
    assert.doesNotMatch(edges[1] ?? "", /marker-end/);
  });

  it("shows nothing of a private note: not as a file node, a link, the preview or the search index", () => {
    assert.match(page, /<div class="canvas__node canvas__node--file canvas__node--blank" style="[^"]*" aria-hidden="true"><\/div>/);
    for (const [file, text] of site) assert.doesNotMatch(text, /Secret Plan|secret-plan|Xanthoplot/i, `${file} shows the private note`);
  });

  it("is previewed where a note embeds it, as one link to its page", () => {
    const preview = /<figure class="canvas-embed">[\s\S]*?<\/figure>/.exec(site.get("index.html") ?? "")?.[0] ?? "";
    assert.match(preview, /<a class="canvas-embed__link" href="\/board\.canvas\/" aria-label="Board"/);
    assert.equal(preview.split("<a ").length - 1, 2, "the preview holds links of its nodes");
    assert.match(preview, /Quasarleaf/);
  });

  it("is found by search by the words of its text", () => {
    // The canvas's page, and the home page, whose preview of it shows the same words.
    const indexed = [...site].filter(([file, text]) => file.startsWith("pagefind/fragment/") && text.includes("Quasarleaf")).map(([, text]) => /"url":"([^"]+)"/.exec(text)?.[1]);
    assert.deepEqual(indexed.sort(), ["/", "/board.canvas/"]);
  });

  it("is published only when a note links to it or embeds it, or with --publish all", async () => {
    assert.ok(!site.has("unlinked.canvas/index.html"));
    for (const [file, text] of site) assert.doesNotMatch(text, /Lonelyword/, `${file} shows a canvas no note links to`);
    const dir = await tempDir("canvas-all");
    const out = path.join(dir, "site");
    const built = await runTrellis(["build", fixture("canvas"), "--out", out, "--publish", "all"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(built.code, 0, built.stderr);
    assert.match((await readSite(out)).get("unlinked.canvas/index.html") ?? "", /Lonelyword/);
  });

  it("writes pages that html-validate accepts", async () => {
    assert.deepEqual(await validationErrors(site), []);
  });
});
