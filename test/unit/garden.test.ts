import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { siteData } from "../../src/render/site-data.ts";
import { assembleGarden, NO_ARTEFACTS } from "../../src/garden/garden.ts";
import type { Note } from "../../src/read/note.ts";
import { readNote } from "../../src/read/scan.ts";
import { renderArticleBody } from "../../src/render/article/render.ts";
import { siteOutputs } from "../../src/emit/outputs.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { gardenOf } from "../helpers/garden.ts";
import { DEFAULT_OPTIONS } from "../../src/core/options.ts";

const md = createMarkdown();


describe("readNote", () => {
  it("publishes the sample's frontmatter at /anthropic/ as a hidden note", () => {
    const garden = gardenOf({
      "Clip.md": '---\n{"dg-publish":true,"dg-permalink":"\\"anthropic\\"","permalink":"/\\"anthropic\\"/","title":"T","hide":true}\n---\nText',
    });
    const note = garden.notes[0];
    assert.equal(note?.url, "/anthropic/");
    assert.equal(note?.hidden, true);
    assert.equal(note?.title, "T");
  });
  it("falls back from dg-permalink to permalink to the path", () => {
    const garden = gardenOf({
      "a.md": "---\npublish: true\npermalink: /p/\n---\n",
      "Sub/B Note.md": "---\npublish: true\n---\n",
    });
    assert.deepEqual(garden.notes.map((n) => n.url), ["/p/", "/sub/b-note/"]);
  });
  it("places a note by the Digital Garden plugin's dg-path", () => {
    const garden = gardenOf({ "Inbox/x.md": "---\ndg-publish: true\ndg-path: Obsidian/Plugins/Digital Garden.md\n---\n" });
    assert.equal(garden.notes[0]?.url, "/obsidian/plugins/digital-garden/");
  });
  it("reads dg-note-properties as properties to show", () => {
    const garden = gardenOf({
      "p.md": "---\ndg-publish: true\ndg-note-properties:\n  status: growing\n  sources: [a, b]\n  nested: {x: 1}\n---\n",
    });
    assert.deepEqual(garden.notes[0]?.properties, [
      { key: "status", value: { kind: "text", text: "growing" } },
      { key: "sources", value: { kind: "list", items: [{ kind: "text", text: "a" }, { kind: "text", text: "b" }] } },
    ]);
  });
  it("titles a note by frontmatter, then its first heading, then its file name", () => {
    const garden = gardenOf({
      "a.md": "---\npublish: true\ntitle: Frontmatter\n---\n# Heading",
      "b.md": "---\npublish: true\n---\n# Heading B\n\ntext",
      "File Name.md": "---\npublish: true\n---\ntext",
    });
    assert.deepEqual(garden.notes.map((n) => n.title), ["Frontmatter", "Heading B", "File Name"]);
  });
  it("keeps braces that are not attributes in a title taken from the first heading", () => {
    const garden = gardenOf({
      "sets.md": "---\npublish: true\n---\n# Sets {a, b}\n\ntext",
      "styled.md": "---\npublish: true\n---\n# Styled {.wide}\n\ntext",
    });
    assert.deepEqual(garden.notes.map((n) => n.title), ["Sets {a, b}", "Styled"]);
  });
  it("keeps the words of links and tags in titles and descriptions", () => {
    const garden = gardenOf({
      "linked.md": "---\npublish: true\n---\n# About [[Alpha]] and #start\n\nIt links to [[Beta]], to the [[Plants|Plants folder]], [a site](https://example.org), [[#Details|these details]] and #start; ![[pic.png]] shows nothing.\n",
    });
    const [note] = garden.notes;
    assert.equal(note?.title, "About Alpha and #start");
    assert.equal(note?.titleId, "about-alpha-and-start");
    assert.equal(note?.description, "It links to Beta, to the Plants folder, a site, these details and #start; shows nothing.");
  });
  it("reports a bad permalink with the file, the line and the value", () => {
    const garden = gardenOf({ "bad.md": '---\npublish: true\ndg-permalink: "../up"\n---\n' });
    assert.equal(garden.notes.length, 0);
    const [error] = garden.diagnostics;
    assert.equal(error?.severity, "error");
    assert.equal(error?.file, "bad.md");
    assert.equal(error?.line, 3);
    assert.match(error?.message ?? "", /dg-permalink.*\.\.\/up/);
  });
  it("makes broken frontmatter an error only when the note meant to publish", () => {
    const garden = gardenOf({
      "public.md": "---\ndg-publish: true\ntitle: [oops\n---\n",
      "private.md": "---\ntitle: [oops\n---\n",
    });
    assert.deepEqual(
      garden.diagnostics.map((d) => [d.file, d.severity]),
      [["public.md", "error"], ["private.md", "warning"]],
    );
    assert.equal(garden.notes.length, 0);
  });
});

describe("assembleGarden", () => {
  it("stops on two notes at the same URL, naming both files", () => {
    const garden = gardenOf({
      "one.md": "---\npublish: true\ndg-permalink: same\n---\n",
      "two.md": "---\npublish: true\ndg-permalink: /Same/\n---\n",
    });
    const error = garden.diagnostics.find((d) => d.severity === "error");
    assert.ok(error);
    assert.equal(error.file, "two.md");
    assert.match(error.message, /one\.md/);
  });
  it("publishes the dg-home note at /", () => {
    const garden = gardenOf({ "Start.md": "---\ndg-publish: true\ndg-home: true\n---\n", "index.md": "---\npublish: true\n---\n" });
    assert.equal(garden.home?.path, "Start.md");
    assert.equal(garden.byUrl.get("/index/")?.path, "index.md");
  });
  it("uses a published index.md as home when no note says dg-home", () => {
    const garden = gardenOf({ "index.md": "---\npublish: true\n---\n" });
    assert.equal(garden.home?.url, "/");
  });
  it("makes the note tagged gardenEntry (the Digital Garden plugin's home) the home page, without a gardenEntry tag page", () => {
    const garden = gardenOf({ "000 Home.md": '---\n{"dg-publish":true,"tags":["gardenEntry","garden"]}\n---\nHi', "index.md": "---\npublish: true\n---\n" });
    assert.equal(garden.home?.path, "000 Home.md");
    assert.equal(garden.home?.url, "/");
    assert.deepEqual(garden.home?.tags, ["garden"]);
    assert.deepEqual(garden.diagnostics, []);
  });
  it("makes the note with permalink: / (Obsidian Publish's home) the home page", () => {
    const garden = gardenOf({ "Home.md": "---\npublish: true\npermalink: /\n---\nHi", "Other.md": "---\npublish: true\n---\n" });
    assert.equal(garden.home?.path, "Home.md");
    assert.deepEqual([...garden.byUrl.keys()].sort(), ["/", "/other/"]);
    assert.deepEqual(garden.diagnostics, []);
  });
  it("names both notes and their claims when two notes claim the home page", () => {
    const garden = gardenOf({ "A.md": '---\n{"dg-publish":true,"tags":["gardenEntry"]}\n---\n', "B.md": "---\npublish: true\npermalink: /\n---\n" });
    assert.deepEqual(
      garden.diagnostics.map((d) => `${d.severity} ${d.file}: ${d.message}`),
      ["error B.md: claims the home page with `permalink: /`, and so does A.md with the tag `gardenEntry`"],
    );
  });
  it("never makes an unpublished index.md the home page", () => {
    const garden = gardenOf({ "index.md": "no frontmatter" });
    assert.equal(garden.home, undefined);
    assert.equal(garden.notes.length, 0);
  });
});

describe("links to the site's own pages", () => {
  const links = "[home](/) [feed](/feed.xml) [x](/404.html) [tag](/tags/t/) [graph](/graph/) [s](/search/) [t](/tags/no-such-tag/)";
  const build = (site: { url?: string; features: typeof DEFAULT_OPTIONS.site.features }) => {
    const diagnostics: Diagnostic[] = [];
    const note = readNote("Links.md", `---\npublish: true\ntags: [t]\n---\n${links}`, md, diagnostics);
    assert.ok(note);
    const garden = assembleGarden({ contentDir: "/vault", notes: [note], notePaths: ["Links.md"], attachments: [], unpublished: 0, diagnostics, site });
    return { garden, html: renderArticleBody(md, garden.notes[0] ?? note, garden, new Map(), []) };
  };

  it("are live when the site writes the page, dead otherwise", () => {
    const { html, garden } = build({ url: "https://x.example", features: DEFAULT_OPTIONS.site.features });
    assert.equal(
      html,
      '<p><a href="/">home</a> <a href="/feed.xml">feed</a> <a href="/404.html">x</a> <a href="/tags/t/">tag</a> <a href="/graph/">graph</a> <span class="dead-link">s</span> <span class="dead-link">t</span></p>\n',
    );
    assert.equal(garden.stats.deadLinks, 2);
  });
  it("follow the settings: no feed without the site's url, no graph page without the graph", () => {
    const { html } = build({ features: { ...DEFAULT_OPTIONS.site.features, graph: false } });
    assert.equal(
      html,
      '<p><a href="/">home</a> <span class="dead-link">feed</span> <a href="/404.html">x</a> <a href="/tags/t/">tag</a> <span class="dead-link">graph</span> <span class="dead-link">s</span> <span class="dead-link">t</span></p>\n',
    );
  });
  it("are the files the site's outputs write", () => {
    const site = { ...DEFAULT_OPTIONS.site, url: "https://x.example" };
    const { garden } = build(site);
    const written = new Set(siteOutputs(garden, NO_ARTEFACTS, siteData(garden, NO_ARTEFACTS, site)).map((output) => `/${output.file}`.replace(/index\.html$/, "")));
    assert.deepEqual([...garden.generated].filter((url) => !written.has(url)), []);
    assert.ok(written.has("/404.html"), "the 404 page is an output like the others");
    // The explorer's folder files (/explorer/<digest>.json) are read by the explorer alone, never linked.
    assert.deepEqual([...written].filter((url) => !garden.generated.has(url) && !garden.byUrl.has(url) && !url.startsWith("/explorer/")), []);
    assert.ok(written.has("/explorer/titles.json"));
  });
});

describe("backlink excerpts", () => {
  const contextOf = (body: string) => {
    const garden = gardenOf({ "Links.md": `---\npublish: true\n---\n${body}`, "Target.md": "---\npublish: true\n---\nTarget." });
    const target = garden.notes.find((note) => note.path === "Target.md");
    return target ? garden.backlinks.get(target)?.map((link) => link.context) : undefined;
  };
  it("keep inline code as code, and escape the text", () => {
    assert.deepEqual(contextOf("Explaining `[[links]]`, a < b &\nmore, with [[Target]] and #tag."), ["Explaining <code>[[links]]</code>, a &lt; b &amp; more, with Target and #tag."]);
  });
  it("are cut at a word, code included", () => {
    const words = "word ".repeat(38);
    assert.deepEqual(contextOf(`${words}\`a <code> span\` [[Target]]`), [`${words}<code>a &lt;code&gt;</code>…`]);
  });
});

describe("hidden notes", () => {
  const garden = gardenOf({
    "Home.md": "---\ndg-publish: true\ndg-home: true\n---\nHome",
    "Visible.md": "---\ndg-publish: true\nupdated: 2026-01-01\n---\nVisible",
    "Hidden.md": "---\ndg-publish: true\ndg-hide: true\nupdated: 2026-02-01\n---\nHidden",
    "Also hidden.md": "---\npublish: true\nhide: yes\n---\nHidden too",
  });
  const data = siteData(garden, NO_ARTEFACTS, { ...DEFAULT_OPTIONS.site, url: "https://example.org" });

  it("gives every published note a page, hidden ones included", () => {
    assert.deepEqual(garden.notes.map((note) => note.path).sort(), ["Also hidden.md", "Hidden.md", "Home.md", "Visible.md"]);
  });
  it("lists hidden notes nowhere", () => {
    assert.deepEqual(garden.listed.map((n) => n.path).sort(), ["Home.md", "Visible.md"]);
    assert.deepEqual(data.recent.map((item) => item.title), ["Visible"]);
    assert.deepEqual(data.sitemap.map((entry) => entry.loc).sort(), ["https://example.org/", "https://example.org/visible/"]);
    assert.equal(garden.stats.hidden, 2);
  });
});

describe("links in a note's raw HTML", () => {
  const files: Record<string, string> = {
    "Home.md":
      '---\npublish: true\n---\n<div><a class="internal-link" data-href="Folder/Note" href="Folder/Note.md">Note</a> <a data-href="Folder/Secret" href="Folder/Secret.md" aria-label="Folder/Secret">Secret</a> <a href="Missing.md">Missing</a> <a href="https://example.org/x.md">out</a> <a href="#top">top</a> <img src="pics/a.png"> <img src="nope.png" alt="gone"></div>',
    "Folder/Note.md": "---\npublish: true\n---\nNote",
    "Folder/Secret.md": "---\npublish: false\n---\nXylophonic",
  };
  const build = () => {
    const diagnostics: Diagnostic[] = [];
    const notes = Object.entries(files).flatMap(([file, source]) => readNote(file, source, md, diagnostics) ?? []);
    const garden = assembleGarden({ contentDir: "/vault", notes, notePaths: Object.keys(files), attachments: ["pics/a.png"], unpublished: 1, diagnostics });
    const home = garden.byUrl.get("/home/");
    assert.ok(home);
    return { garden, html: renderArticleBody(md, home, garden, new Map(), []) };
  };
  it("resolve through the Garden: published targets get their address, private and missing ones are dead-link text", () => {
    const { html } = build();
    assert.equal(
      html,
      '<div><a class="internal-link" href="/folder/note/">Note</a> <span class="dead-link">Secret</span> <span class="dead-link">Missing</span> <a href="https://example.org/x.md" rel="noopener">out</a> <a href="#top">top</a> <img src="/assets/pics/a.png" alt="" /> <span class="dead-link">gone</span></div>',
    );
  });
  it("count as the note's links: the image is published, the dead links are counted, the backlink is kept", () => {
    const { garden } = build();
    assert.deepEqual([...garden.attachments], [["pics/a.png", "/assets/pics/a.png"]]);
    assert.equal(garden.stats.deadLinks, 3);
    assert.deepEqual([...garden.backlinks.keys()].map((note) => note.path), ["Folder/Note.md"]);
  });
});

describe("files in a note's raw HTML media", () => {
  const files: Record<string, string> = {
    "Home.md":
      '---\npublish: true\n---\n<video src="media/clip.mp4" poster="media/still.png" controls><source src="media/clip.webm" type="video/webm"><source src="media/gone.ogv" type="video/ogg"><track src="media/clip.vtt" kind="captions"></video>\n\n' +
      '<audio src="media/song.mp3" controls></audio> <audio src="media/missing.mp3" controls></audio>\n\n' +
      '<img src="media/still.png" srcset="media/still.png 1x, media/big.png 2x, media/none.png 3x, https://example.org/a.png?w=1,2 4x" alt="still">\n',
  };
  const attachments = ["media/clip.mp4", "media/still.png", "media/clip.webm", "media/clip.vtt", "media/song.mp3", "media/big.png", "media/unused.png"];
  const build = () => {
    const diagnostics: Diagnostic[] = [];
    const notes = Object.entries(files).flatMap(([file, source]) => readNote(file, source, md, diagnostics) ?? []);
    const garden = assembleGarden({ contentDir: "/vault", notes, notePaths: Object.keys(files), attachments, unpublished: 0, diagnostics });
    const home = garden.byUrl.get("/home/");
    assert.ok(home);
    return { garden, html: renderArticleBody(md, home, garden, new Map(), []) };
  };
  it("point at the published files; a missing one is left out or becomes dead-link text", () => {
    const { html } = build();
    assert.match(html, /<video src="\/assets\/media\/clip\.mp4" poster="\/assets\/media\/still\.png" controls>/);
    assert.match(html, /<source src="\/assets\/media\/clip\.webm" type="video\/webm" \/><source type="video\/ogg" \/><track src="\/assets\/media\/clip\.vtt" kind="captions" \/><\/video>/);
    assert.match(html, /<audio src="\/assets\/media\/song\.mp3" controls><\/audio> <span class="dead-link">media\/missing\.mp3<\/span>/);
    assert.match(html, /<img src="\/assets\/media\/still\.png" srcset="\/assets\/media\/still\.png 1x, \/assets\/media\/big\.png 2x, https:\/\/example\.org\/a\.png\?w=1,2 4x" alt="still" \/>/);
  });
  it("are published with the note, and only those", () => {
    const { garden } = build();
    assert.deepEqual([...garden.attachments.keys()].sort(), ["media/big.png", "media/clip.mp4", "media/clip.vtt", "media/clip.webm", "media/song.mp3", "media/still.png"]);
    assert.equal(garden.stats.deadLinks, 3);
  });
});

describe("notes at the addresses of the site's listings", () => {
  it("keep them; the listing moves to its fallback, with one warning naming the note", () => {
    const garden = gardenOf({ "Tags.md": "---\npublish: true\npermalink: tags\n---\nMine", "Other.md": "---\npublish: true\ntags: [t]\n---\n" });
    assert.equal(garden.byUrl.get("/tags/")?.path, "Tags.md");
    assert.ok(garden.generated.has("/_tags/") && !garden.generated.has("/tags/") && garden.generated.has("/graph/"));
    assert.deepEqual(
      garden.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line}: ${d.message}`),
      ["warning Tags.md:3: the note's page is at /tags/, the address of the tag index, which is published at /_tags/ instead"],
    );
    const files = siteOutputs(garden, NO_ARTEFACTS, siteData(garden, NO_ARTEFACTS, DEFAULT_OPTIONS.site)).map((output) => output.file);
    assert.ok(files.includes("tags/index.html") && files.includes("_tags/index.html") && files.includes("tags/t/index.html"));
  });
});
