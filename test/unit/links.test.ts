import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Note } from "../../src/read/note.ts";
import { internalTarget } from "../../src/read/references.ts";
import { LinkResolver } from "../../src/garden/resolver.ts";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fragmentId, headingId } from "../../src/read/markdown/links/anchors.ts";
import { LAYOUT_IDS } from "../../src/read/markdown/links/reserved-ids.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { titleHeadingId } from "../../src/read/note/body.ts";
import { parseWikilink, wikilinkText } from "../../src/read/markdown/links/syntax.ts";

function note(path: string, extra: Partial<Note> = {}): Note {
  return {
    path, version: "", url: `/${path}/`, title: path.split("/").pop()?.replace(/\.md$/, "") ?? path, hidden: false, home: false,
    data: {}, body: "", bodyLine: 1, bodyStart: 0, textLength: 0, tags: [], references: [], remoteImages: [], aliases: [], addressLines: {}, properties: [], features: { math: false, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false },
    ...extra,
  };
}

describe("parseWikilink", () => {
  it("splits target, fragment and label", () => {
    assert.deepEqual(parseWikilink("Note", false), { linkpath: "Note", embed: false });
    assert.deepEqual(parseWikilink("Folder/Note#Heading|shown", false), { linkpath: "Folder/Note", fragment: "Heading", label: "shown", embed: false });
    assert.deepEqual(parseWikilink("Note#^block-1", true), { linkpath: "Note", fragment: "^block-1", embed: true });
    assert.deepEqual(parseWikilink("#Local", false), { linkpath: "", fragment: "Local", embed: false });
  });
  it("treats a table's escaped pipe as the label separator", () => {
    assert.deepEqual(parseWikilink("Note\\|text", false), { linkpath: "Note", label: "text", embed: false });
  });
  it("shows links the way Obsidian does", () => {
    assert.equal(wikilinkText(parseWikilink("Note#Heading", false)), "Note > Heading");
    assert.equal(wikilinkText(parseWikilink("#Heading", false)), "Heading");
    assert.equal(wikilinkText(parseWikilink("Note.md", false)), "Note");
  });
});

describe("LinkResolver", () => {
  const alpha = note("Alpha.md");
  const deepAlpha = note("Deep/Er/Alpha.md");
  const beta = note("Folder/Beta.md", { aliases: ["B-alias"] });
  const local = note("Folder/Alpha.md");
  const titled = note("x.md", { title: "A Title" });
  const resolver = new LinkResolver({
    notes: [alpha, deepAlpha, beta, titled],
    privateNotes: ["Private/Secret.md", "Folder/Shadow.md"],
    attachments: ["Attachments/Pic One.png", "doc.pdf"],
  });
  const resolve = (link: string, from = "Home.md") => resolver.resolve(link, from);

  it("finds a note by name anywhere, ignoring case and extension", () => {
    assert.deepEqual(resolve("beta").target, { kind: "note", note: beta });
    assert.deepEqual(resolve("BETA.md").target, { kind: "note", note: beta });
  });
  it("prefers the shortest path and names every candidate", () => {
    const result = resolve("Alpha");
    assert.deepEqual(result.target, { kind: "note", note: alpha });
    assert.deepEqual(result.candidates, ["Alpha.md", "Deep/Er/Alpha.md"]);
  });
  it("prefers a note in the linking note's folder", () => {
    const withLocal = new LinkResolver({ notes: [alpha, local], privateNotes: [], attachments: [] });
    assert.deepEqual(withLocal.resolve("Alpha", "Folder/Home.md").target, { kind: "note", note: local });
  });
  it("resolves paths from the vault root, relative to the note, and by suffix", () => {
    assert.deepEqual(resolve("Folder/Beta").target, { kind: "note", note: beta });
    assert.deepEqual(resolve("../Folder/Beta.md", "Other/Home.md").target, { kind: "note", note: beta });
    assert.deepEqual(resolve("Er/Alpha").target, { kind: "note", note: deepAlpha });
    assert.deepEqual(resolve("/Folder/Beta.md").target, { kind: "note", note: beta });
  });
  it("resolves aliases and titles", () => {
    assert.deepEqual(resolve("b-alias").target, { kind: "note", note: beta });
    assert.deepEqual(resolve("a title").target, { kind: "note", note: titled });
  });
  it("resolves attachments by name, with spaces", () => {
    assert.deepEqual(resolve("Pic One.png").target, { kind: "attachment", path: "Attachments/Pic One.png" });
    assert.deepEqual(resolve("doc.pdf").target, { kind: "attachment", path: "doc.pdf" });
  });
  it("resolves unpublished and missing notes to the same dead end", () => {
    assert.deepEqual(resolve("Secret").target, { kind: "dead" });
    assert.deepEqual(resolve("Missing").target, { kind: "dead" });
    assert.deepEqual(resolve("../../etc/passwd").target, { kind: "dead" });
  });
  it("lets a private note win in its own folder, as Obsidian would", () => {
    const shadowed = new LinkResolver({ notes: [note("Shadow.md")], privateNotes: ["Folder/Shadow.md"], attachments: [] });
    assert.deepEqual(shadowed.resolve("Shadow", "Folder/Home.md").target, { kind: "dead" });
  });
});

describe("anchors", () => {
  it("turns headings into ids, keeping letters of every script", () => {
    assert.equal(headingId("Section Two!"), "section-two");
    assert.equal(headingId("关于 比较"), "关于-比较");
    assert.equal(fragmentId("Section Two"), "section-two");
    assert.equal(fragmentId("^blk-1"), "^blk-1");
    assert.equal(fragmentId("Top#Nested"), "nested");
  });
});

describe("ids on a page", () => {
  const md = createMarkdown();
  const html = (source: string) => md.render(source, {});

  it("numbers repeated headings around the plain id of every heading, so [[#Heading 1]] lands on `## Heading 1`", () => {
    assert.equal(
      html("## Heading\n\n## Heading\n\n## Heading 1\n\n## Heading"),
      '<h2 id="heading">Heading</h2>\n<h2 id="heading-2">Heading</h2>\n<h2 id="heading-1">Heading 1</h2>\n<h2 id="heading-3">Heading</h2>\n',
    );
  });
  it("never gives a heading an id the author, a block, the layout or the footnotes already use", () => {
    assert.equal(
      html("Text {id=intro}\n\n## Intro\n\n## Main\n\n## Footnote1\n\nSaid[^1].\n\n[^1]: Source."),
      '<p id="intro">Text</p>\n<h2 id="intro-1">Intro</h2>\n<h2 id="main-1">Main</h2>\n<h2 id="footnote1-1">Footnote1</h2>\n' +
        '<p>Said<sup class="footnote-ref"><a href="#footnote1">[1]</a><a class="footnote-anchor" id="footnote-ref1"></a></sup>.</p>\n' +
        '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n<li id="footnote1" class="footnote-item"><p>Source. <a href="#footnote-ref1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n</ol>\n</section>\n',
    );
  });
  it("keeps an id the author or a block uses twice on its first element only", () => {
    assert.equal(html("One {id=same}\n\nTwo {id=same}\n\nThree ^blk\n\nFour ^blk"), '<p id="same">One</p>\n<p>Two</p>\n<p id="^blk">Three</p>\n<p>Four</p>\n');
  });
  it("knows every id the layouts use", () => {
    const root = new URL("../../_includes/", import.meta.url).pathname;
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".njk"));
    const ids = files.flatMap((file) => [...readFileSync(path.join(root, file), "utf8").matchAll(/\bid="([^"{]+)"/g)].map((match) => match[1]));
    assert.deepEqual([...new Set(ids)].sort(), [...LAYOUT_IDS].sort());
  });
  it("gives the title the id of the leading heading it stands for", () => {
    const tokens = md.parse("# Big Title\n\n## Big Title\n\nText", {});
    assert.equal(titleHeadingId(tokens, { consumed: 0, title: "Big Title" }), "big-title");
    assert.equal(md.renderer.render(tokens, md.options, {}), '<h1 id="big-title">Big Title</h1>\n<h2 id="big-title-1">Big Title</h2>\n<p>Text</p>\n');
    assert.equal(titleHeadingId(md.parse("# Heading\n\nText", {}), { consumed: 0, title: "From frontmatter" }), undefined);
  });
});

describe("internalTarget", () => {
  it("reads vault and site paths, skips other sites", () => {
    assert.deepEqual(internalTarget("Other%20Note.md#Some%20Heading"), { linkpath: "Other Note.md", fragment: "Some Heading" });
    assert.deepEqual(internalTarget("#local"), { linkpath: "", fragment: "local" });
    assert.equal(internalTarget("https://example.org/x.md"), undefined);
    assert.equal(internalTarget("mailto:a@b.c"), undefined);
    assert.equal(internalTarget("//cdn.example/x.png"), undefined);
  });
});
