import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Note } from "../../src/garden/note.ts";
import { internalTarget } from "../../src/garden/references.ts";
import { LinkResolver } from "../../src/garden/resolver.ts";
import { fragmentId, headingId } from "../../src/markdown/links/anchors.ts";
import { parseWikilink, wikilinkText } from "../../src/markdown/links/syntax.ts";

function note(path: string, extra: Partial<Note> = {}): Note {
  return {
    path, version: "", url: `/${path}/`, title: path.split("/").pop()?.replace(/\.md$/, "") ?? path, hidden: false, home: false,
    data: {}, body: "", bodyLine: 1, bodyStart: 0, textLength: 0, tags: [], references: [], remoteImages: [], aliases: [], properties: [], features: { math: false, mermaid: false },
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

describe("internalTarget", () => {
  it("reads vault and site paths, skips other sites", () => {
    assert.deepEqual(internalTarget("Other%20Note.md#Some%20Heading"), { linkpath: "Other Note.md", fragment: "Some Heading" });
    assert.deepEqual(internalTarget("#local"), { linkpath: "", fragment: "local" });
    assert.equal(internalTarget("https://example.org/x.md"), undefined);
    assert.equal(internalTarget("mailto:a@b.c"), undefined);
    assert.equal(internalTarget("//cdn.example/x.png"), undefined);
  });
});
