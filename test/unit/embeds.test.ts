/** Embeds rendered in a page: their block ids, footnotes, in-note links and cycles. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderArticleBody } from "../../src/render/article/render.ts";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { assembleGarden } from "../../src/garden/garden.ts";
import type { Note } from "../../src/read/note.ts";
import { readNote } from "../../src/read/scan.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { validationErrors } from "../helpers/validate.ts";

const md = createMarkdown();

/** The body of `page` in a garden of `files` (notes are published; other files are attachments), with the warnings rendering found. */
function renderPage(files: Record<string, string>, page: string): { html: string; warnings: string[] } {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const names = Object.keys(files);
  for (const file of names.filter((name) => name.endsWith(".md"))) {
    const note = readNote(file, `---\npublish: true\n---\n${files[file]}`, md, diagnostics);
    if (note) notes.push(note);
  }
  const garden = assembleGarden({ contentDir: "/vault", notes, notePaths: names.filter((name) => name.endsWith(".md")), attachments: names.filter((name) => !name.endsWith(".md")), unpublished: 0, diagnostics });
  const note = garden.notes.find((candidate) => candidate.path === page);
  assert.ok(note, `${page} is not published`);
  const found: Diagnostic[] = [];
  const html = renderArticleBody(md, note, garden, new Map(), found);
  return { html, warnings: found.map((d) => `${d.file}: ${d.message}`) };
}

/** What html-validate says of a body on a page of its own (duplicate ids, landmarks without a unique name). */
async function problems(body: string): Promise<string[]> {
  const page = `<!DOCTYPE html>\n<html lang="en">\n<head><title>t</title></head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`;
  return validationErrors(new Map([["page.html", page]]));
}

describe("an embed's block id", () => {
  it("names the embed's block, on the next line or right after it, so [[Note#^id]] lands on it", () => {
    const { html } = renderPage({ "Pics.md": "![[pic.png]]\n^pic-block\n\n![[pic.png]]^inline-id\n\n![[Other]] ^note-block", "Other.md": "Other text.", "pic.png": "" }, "Pics.md");
    assert.equal(
      html,
      '<p class="embed" id="^pic-block"><img src="/assets/pic.png" alt="pic" loading="lazy" decoding="async"></p>\n' +
        '<p class="embed" id="^inline-id"><img src="/assets/pic.png" alt="pic" loading="lazy" decoding="async"></p>\n' +
        '<div class="transclusion" id="^note-block">\n<div class="transclusion__body">\n<p>Other text.</p>\n</div>\n<p class="transclusion__source"><a class="internal-link" href="/other/">Other</a></p>\n</div>\n',
    );
  });
  it("is left out where the note is embedded in another: it belongs to its own page", () => {
    const { html } = renderPage({ "Host.md": "![[Pics]]", "Pics.md": "![[pic.png]]\n^pic-block", "pic.png": "" }, "Host.md");
    assert.equal(
      html,
      '<div class="transclusion">\n<div class="transclusion__body">\n<p class="embed"><img src="/assets/pic.png" alt="pic" loading="lazy" decoding="async"></p>\n</div>\n<p class="transclusion__source"><a class="internal-link" href="/pics/">Pics</a></p>\n</div>\n',
    );
  });
});

describe("footnotes in an embedded note", () => {
  const files = { "Host.md": "Host claim[^1].\n\n![[Foot]]\n\n[^1]: Host source.", "Foot.md": "Embedded claim[^1].\n\n[^1]: Embedded source." };

  it("are the embed's own: listed once, inside it, with ids of their own", async () => {
    const { html } = renderPage(files, "Host.md");
    assert.equal(
      html,
      '<p>Host claim<sup class="footnote-ref"><a href="#footnote1">[1]</a><a class="footnote-anchor" id="footnote-ref1"></a></sup>.</p>\n' +
        '<div class="transclusion">\n<div class="transclusion__body">\n' +
        '<p>Embedded claim<sup class="footnote-ref"><a href="#footnote-e1-1">[1]</a><a class="footnote-anchor" id="footnote-ref-e1-1"></a></sup>.</p>\n' +
        '<div class="footnotes">\n<ol class="footnotes-list">\n<li id="footnote-e1-1" class="footnote-item"><p>Embedded source. <a href="#footnote-ref-e1-1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n</ol>\n</div>\n' +
        '</div>\n<p class="transclusion__source"><a class="internal-link" href="/foot/">Foot</a></p>\n</div>\n' +
        '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n<li id="footnote1" class="footnote-item"><p>Host source. <a href="#footnote-ref1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n</ol>\n</section>\n',
    );
    assert.deepEqual(await problems(html), []);
  });
  it("differ between two embeds of the same note", async () => {
    const { html } = renderPage({ ...files, "Host.md": "![[Foot]]\n\n![[Foot]]" }, "Host.md");
    assert.deepEqual([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]), ["footnote-ref-e1-1", "footnote-e1-1", "footnote-ref-e2-1", "footnote-e2-1"]);
    assert.deepEqual(await problems(html), []);
  });
  it("of an embedded section are those it cites, numbered from 1", () => {
    const { html } = renderPage({ "Host.md": "![[Notes#Second]]", "Notes.md": "First[^a].\n\n## Second\n\nSecond[^b].\n\n## Third\n\nThird.\n\n[^a]: A.\n[^b]: B." }, "Host.md");
    assert.equal(
      html,
      '<div class="transclusion">\n<div class="transclusion__body">\n<h2>Second</h2>\n' +
        '<p>Second<sup class="footnote-ref"><a href="#footnote-e1-1">[1]</a><a class="footnote-anchor" id="footnote-ref-e1-1"></a></sup>.</p>\n' +
        '<div class="footnotes">\n<ol class="footnotes-list">\n<li id="footnote-e1-1" class="footnote-item"><p>B. <a href="#footnote-ref-e1-1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n</ol>\n</div>\n' +
        '</div>\n<p class="transclusion__source"><a class="internal-link" href="/notes/#second">Notes</a></p>\n</div>\n',
    );
  });
});

describe("links inside an embed", () => {
  it("to a heading or block of the embedded note go to that note's page", () => {
    const { html } = renderPage({ "Host.md": "![[Source]]", "Source.md": "See [[#Other]], [[#^blk]] and [there](#other).\n\n## Other\n\nText. ^blk" }, "Host.md");
    assert.equal(
      html,
      '<div class="transclusion">\n<div class="transclusion__body">\n' +
        '<p>See <a href="/source/#other" class="internal-link">Other</a>, <a href="/source/#%5Eblk" class="internal-link">^blk</a> and <a href="/source/#other" class="internal-link">there</a>.</p>\n' +
        '<h2>Other</h2>\n<p>Text.</p>\n</div>\n<p class="transclusion__source"><a class="internal-link" href="/source/">Source</a></p>\n</div>\n',
    );
  });
});

describe("embed cycles", () => {
  it("are not another section of the same note: it is shown", () => {
    const { html, warnings } = renderPage({ "Self.md": "## Intro\n\nIntro words.\n\n## Later\n\n![[Self#Intro]]" }, "Self.md");
    assert.equal(
      html,
      '<h2 id="intro">Intro</h2>\n<p>Intro words.</p>\n<h2 id="later">Later</h2>\n' +
        '<div class="transclusion">\n<div class="transclusion__body">\n<h2>Intro</h2>\n<p>Intro words.</p>\n</div>\n<p class="transclusion__source"><a class="internal-link" href="/self/#intro">Self</a></p>\n</div>\n',
    );
    assert.deepEqual(warnings, []);
  });
  it("are a section that holds its own embed, or the whole note embedding itself", () => {
    const section = renderPage({ "Self.md": "## Later\n\nWords.\n\n![[Self#Later]]" }, "Self.md");
    assert.equal(
      section.html,
      '<h2 id="later">Later</h2>\n<p>Words.</p>\n<p class="embed"><span class="embed-cycle" title="This note embeds itself">↻ <a class="internal-link" href="/self/#later">Self</a></span></p>\n',
    );
    assert.deepEqual(section.warnings, ["Self.md: embed cycle between Self.md; the repeated embed is shown as a link"]);
    const whole = renderPage({ "Self.md": "Words.\n\n![[Self]]" }, "Self.md");
    assert.match(whole.html, /<p class="embed"><span class="embed-cycle" title="This note embeds itself">↻ <a class="internal-link" href="\/self\/">Self<\/a><\/span><\/p>\n$/);
  });
  it("are A embedding B embedding A: B is shown once, its embed of A is marked", () => {
    const { html, warnings } = renderPage({ "A.md": "A text.\n\n![[B]]", "B.md": "B text.\n\n![[A]]" }, "A.md");
    assert.equal(
      html,
      '<p>A text.</p>\n<div class="transclusion">\n<div class="transclusion__body">\n<p>B text.</p>\n' +
        '<p class="embed"><span class="embed-cycle" title="This note embeds itself">↻ <a class="internal-link" href="/a/">A</a></span></p>\n' +
        '</div>\n<p class="transclusion__source"><a class="internal-link" href="/b/">B</a></p>\n</div>\n',
    );
    assert.deepEqual(warnings, ["A.md: embed cycle between A.md, B.md; the repeated embed is shown as a link"]);
  });
});

describe("links to a heading whose id is not the one its text gives", () => {
  it("land on the id the heading has: one the author set, or one numbered past the page's own ids", () => {
    const files = {
      "A.md": "## Big {#chosen}\n\nText.\n\n## Main\n\nMore. Back to [[#Big]] and [[#Main|main]].",
      "B.md": "See [[A#Big]], [[A#Main]] and [[A#Nowhere]].",
    };
    const a = renderPage(files, "A.md").html;
    assert.match(a, /<h2 id="chosen">Big<\/h2>/);
    assert.match(a, /<h2 id="main-1">Main<\/h2>/);
    assert.match(a, /Back to <a href="#chosen">Big<\/a> and <a href="#main-1">main<\/a>\./);
    const b = renderPage(files, "B.md").html;
    assert.match(b, /<a href="\/a\/#chosen" class="internal-link">A &gt; Big<\/a>, <a href="\/a\/#main-1" class="internal-link">A &gt; Main<\/a> and <a href="\/a\/#nowhere" class="internal-link">A &gt; Nowhere<\/a>/);
  });
});
