/** The Digital Garden plugin's per-note settings, read as the template reads them and checked. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { articleView, dateView, tableOfContents } from "../../src/render/article/view.ts";
import { buildExplorer } from "../../src/garden/explorer-tree.ts";
import type { Note } from "../../src/read/note.ts";
import { contentClasses, metaTags, noteIcon, pageParts } from "../../src/read/page-settings.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { pageHeadings } from "../../src/read/markdown/links/anchors.ts";
import { DEFAULT_FEATURES, OptionsError, resolveOptions } from "../../src/core/options.ts";

const where = { file: "Note.md", line: (key: string) => (key === "dg-metatags" ? 4 : 2) };

function note(path: string, data: Note["data"] = {}, extra: Partial<Note> = {}): Note {
  return {
    path, version: "", url: `/${path.replace(/\.md$/, "").toLowerCase()}/`, title: path.split("/").pop()?.replace(/\.md$/, "") ?? path, hidden: false, home: false,
    data, body: "", bodyLine: 1, bodyStart: 0, textLength: 0, tags: [], references: [], remoteImages: [], aliases: [], addressLines: {}, properties: [], features: { math: false, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false },
    ...extra,
  };
}

describe("pageParts", () => {
  it("takes the site's features where a note says nothing", () => {
    assert.deepEqual(pageParts({}, DEFAULT_FEATURES), DEFAULT_FEATURES);
    assert.equal(pageParts({}, { ...DEFAULT_FEATURES, backlinks: false }).backlinks, false);
  });
  it("lets a note's false turn a part off and its true turn one on, however the value is written", () => {
    const off = pageParts({ "dg-show-backlinks": false, "dg-show-tags": "false", "dg-home-link": "no", toc: 0 }, DEFAULT_FEATURES);
    assert.deepEqual([off.backlinks, off.tags, off.homeLink, off.toc, off.search], [false, false, false, false, true]);
    const on = pageParts({ "dg-show-backlinks": true, "dg-show-toc": "true" }, { ...DEFAULT_FEATURES, backlinks: false, toc: false });
    assert.deepEqual([on.backlinks, on.toc], [true, true]);
  });
  it("cannot turn on a part whose data the site does not write", () => {
    const parts = pageParts({ "dg-show-file-tree": true, "dg-enable-search": true, "dg-show-local-graph": true }, { ...DEFAULT_FEATURES, explorer: false, search: false, graph: false });
    assert.deepEqual([parts.explorer, parts.search, parts.localGraph], [false, false, false]);
  });
  it("prefers dg-show-toc over Obsidian's toc", () => {
    assert.equal(pageParts({ "dg-show-toc": false, toc: true }, DEFAULT_FEATURES).toc, false);
  });
});

describe("contentClasses", () => {
  it("reads dg-content-classes (a string) and cssclasses (a list or a string), once each", () => {
    const diagnostics: Diagnostic[] = [];
    assert.deepEqual(contentClasses({ "dg-content-classes": "wide  cards", cssclasses: ["cards", "_dense"], cssclass: "legacy" }, where, diagnostics), ["wide", "cards", "_dense", "legacy"]);
    assert.deepEqual(diagnostics, []);
  });
  it("drops what is not a class name, naming the file, line and key", () => {
    const diagnostics: Diagnostic[] = [];
    assert.deepEqual(contentClasses({ cssclasses: ["ok", 'x"><script>', "1st"] }, where, diagnostics), ["ok"]);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.file, d.line, d.message]), [
      ["warning", "Note.md", 2, '`cssclasses`: "x\\"><script>" is not a CSS class name; it is left out'],
      ["warning", "Note.md", 2, '`cssclasses`: "1st" is not a CSS class name; it is left out'],
    ]);
  });
});

describe("metaTags", () => {
  it("keeps text values as name or property tags", () => {
    const diagnostics: Diagnostic[] = [];
    assert.deepEqual(metaTags({ "dg-metatags": { description: "About", "og:image": "https://x.org/a.png", rating: 5 } }, where, diagnostics), [
      { attribute: "name", key: "description", content: "About" },
      { attribute: "property", key: "og:image", content: "https://x.org/a.png" },
      { attribute: "name", key: "rating", content: "5" },
    ]);
    assert.deepEqual(diagnostics, []);
  });
  it("refuses tags that would change the page's security or layout, bad names and values that are not text", () => {
    const diagnostics: Diagnostic[] = [];
    const tags = metaTags({ "dg-metatags": { viewport: "width=1", "Content-Security-Policy": "x", "http-equiv": "refresh", charset: "latin1", 'a"b': "x", author: { name: "A" } } }, where, diagnostics);
    assert.deepEqual(tags, []);
    assert.equal(diagnostics.length, 6);
    assert.ok(diagnostics.every((d) => d.file === "Note.md" && d.line === 4 && d.severity === "warning"), JSON.stringify(diagnostics));
    assert.match(diagnostics[5]?.message ?? "", /the value of "author" is not text/);
  });
  it("warns when dg-metatags is not an object", () => {
    const diagnostics: Diagnostic[] = [];
    assert.deepEqual(metaTags({ "dg-metatags": "description: x" }, where, diagnostics), []);
    assert.match(diagnostics[0]?.message ?? "", /not a set of names and values/);
  });
});

describe("the page's own meta tags from dg-metatags", () => {
  it("set the description and the shared image, made absolute where the site's url is known", () => {
    const site = resolveOptions({ site: { url: "https://garden.example" } }).site;
    const metaTags = [
      { attribute: "name" as const, key: "description", content: "Mine" },
      { attribute: "property" as const, key: "og:image", content: "/img/user/card.png" },
      { attribute: "name" as const, key: "author", content: "Ada" },
    ];
    const view = articleView(note("n.md", {}, { description: "From the body", metaTags }), site);
    assert.equal(view.description, "Mine");
    assert.equal(view.shareImage, "https://garden.example/img/user/card.png");
    assert.deepEqual(view.metaTags.map((tag) => tag.key), ["author"]);
    assert.match(view.jsonLd, /"description":"Mine"/);
  });
});

describe("noteIcon", () => {
  it("keeps the template's names and the author's own, and drops what cannot be an attribute value", () => {
    const diagnostics: Diagnostic[] = [];
    assert.equal(noteIcon({ "dg-note-icon": 2 }, where, diagnostics), "2");
    assert.equal(noteIcon({ "dg-note-icon": "my-icon" }, where, diagnostics), "my-icon");
    assert.equal(noteIcon({}, where, diagnostics), undefined);
    assert.equal(noteIcon({ "dg-note-icon": '1" onmouseover="x' }, where, diagnostics), undefined);
    assert.equal(diagnostics.length, 1);
  });
});

describe("the table of contents", () => {
  const md = createMarkdown();
  const headings = (body: string) => pageHeadings(md.parse(body, {}));
  it("lists the body's headings with the ids the page gives them, not those inside quotes or lists", () => {
    assert.deepEqual(headings("# Title\n\n## A\n\n## A\n\n> ## Quoted\n\n- ## Listed\n\n### B {#bee}\n"), [
      { level: 1, text: "Title", id: "title" },
      { level: 2, text: "A", id: "a" },
      { level: 2, text: "A", id: "a-1" },
      { level: 3, text: "B", id: "bee" },
    ]);
    assert.deepEqual(pageHeadings(md.parse("# Title\n\n## A\n", {}), "title"), [{ level: 2, text: "A", id: "a" }]);
  });
  it("shows from three headings unasked, from one when the note asks", () => {
    const two = [{ level: 2, text: "A", id: "a" }, { level: 2, text: "B", id: "b" }];
    const three = [...two, { level: 2, text: "C", id: "c" }];
    assert.deepEqual(tableOfContents(note("n.md", {}, { headings: two }), DEFAULT_FEATURES), []);
    assert.equal(tableOfContents(note("n.md", {}, { headings: three }), DEFAULT_FEATURES).length, 3);
    assert.equal(tableOfContents(note("n.md", { toc: true }, { headings: two }), DEFAULT_FEATURES).length, 2);
    assert.equal(tableOfContents(note("n.md", { enableToc: "true" }, { headings: two }), DEFAULT_FEATURES).length, 2);
    const off = note("n.md", { enableToc: false }, { headings: three });
    assert.deepEqual(tableOfContents(off, pageParts(off.data, DEFAULT_FEATURES)), []);
    assert.deepEqual(tableOfContents(note("n.md", {}, { headings: three }), { ...DEFAULT_FEATURES, toc: false }), []);
  });
});

describe("the explorer's order", () => {
  const notes = [note("Zeta.md"), note("Alpha.md"), note("Pinned.md", { "dg-pinned": true }), note("Hidden.md", { "dg-hide-in-filetree": true }), note("B/One.md"), note("A/Two.md")];
  it("lists pinned notes first, leaves out dg-hide-in-filetree notes, and sorts the rest by title", () => {
    const tree = buildExplorer(notes);
    assert.deepEqual(tree.notes.map((entry) => entry.title), ["Pinned", "Alpha", "Zeta"]);
    assert.deepEqual(tree.notes[0], { title: "Pinned", url: "/pinned/", pinned: true });
    assert.deepEqual(tree.folders.map((folder) => folder.name), ["A", "B"]);
  });
  it("gives a folder its folder note's icon, or the site's", () => {
    const tree = buildExplorer([note("Plants/Plants.md", {}, { icon: "3" }), note("Trees/index.md")], [], "1");
    assert.deepEqual(tree.folders.map((folder) => [folder.name, folder.icon]), [["Plants", "3"], ["Trees", "1"]]);
  });
  it("puts the site's explorerOrder first, notes with or without .md and folders by path", () => {
    const tree = buildExplorer(notes, ["Zeta", "B", "alpha.md", "Nowhere.md"]);
    assert.deepEqual(tree.notes.map((entry) => entry.title), ["Zeta", "Alpha", "Pinned"]);
    assert.deepEqual(tree.folders.map((folder) => folder.name), ["B", "A"]);
  });
});

describe("site settings for the plugin's keys", () => {
  it("formats dates in the chosen style", () => {
    const date = new Date("2023-01-24T13:49:12.123Z");
    assert.equal(dateView(date, "en")?.text, "January 24, 2023");
    assert.equal(dateView(date, "en", "medium")?.text, "Jan 24, 2023");
    assert.equal(dateView(date, "de", "short")?.text, "24.01.23");
    assert.equal(dateView(date, "en", "iso")?.text, "2023-01-24");
  });
  it("rejects a date format or an explorer order it cannot use, naming the setting", () => {
    assert.throws(() => resolveOptions({ site: { dateFormat: "MMM dd" as "long" } }), (error: unknown) => error instanceof OptionsError && /`site\.dateFormat` must be one of "full", "long", "medium", "short", "iso", not "MMM dd"/.test(error.message));
    assert.throws(() => resolveOptions({ site: { explorerOrder: "Home.md" as unknown as string[] } }), /`site\.explorerOrder` must be a list of strings, not a string/);
    assert.deepEqual(resolveOptions({ site: { explorerOrder: ["A.md"], dateFormat: "iso" } }).site.explorerOrder, ["A.md"]);
  });
});
