/** Notes that try the edges: control characters in a title, addresses that would run script, tags that share an address. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { isScriptUrl } from "../../src/core/urls.ts";
import { assembleGarden } from "../../src/garden/garden.ts";
import type { Note } from "../../src/read/note.ts";
import { readNote } from "../../src/read/scan.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";

const md = createMarkdown();

function gardenOf(files: Record<string, string>) {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  for (const [file, source] of Object.entries(files)) {
    const note = readNote(file, source, md, diagnostics);
    if (note) notes.push(note);
  }
  return assembleGarden({ contentDir: "/vault", notes, notePaths: Object.keys(files), attachments: [], unpublished: 0, diagnostics });
}

describe("hostile input", () => {
  it("drops control characters from a title and a description, which HTML cannot hold", () => {
    const garden = gardenOf({ "a.md": '---\ndg-publish: true\ntitle: "Bell\\u0007 and\\u001b escape"\ndescription: "Zero\\u0000 here"\n---\nText.' });
    assert.equal(garden.notes[0]?.title, "Bell and escape");
    assert.equal(garden.notes[0]?.description, "Zero here");
  });

  it("knows an address that runs script however it is spelled", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:x", "vbscript:x", "livescript:x", "java\u0000script:x"]) assert.ok(isScriptUrl(url), url);
    for (const url of ["https://example.org/javascript:x", "/notes/javascript/", "mailto:a@example.org", "note.md"]) assert.ok(!isScriptUrl(url), url);
  });

  it("gives no hero and no link an address that would run script", () => {
    const garden = gardenOf({
      "a.md": "---\ndg-publish: true\nimage: \"javascript:alert(1)\"\n---\nText.",
      "b.md": "---\ndg-publish: true\n---\n[![x](livescript:alert(1))](vbscript:alert(2))\n\nText.",
    });
    assert.deepEqual(garden.notes.map((note) => note.hero), [undefined, undefined]);
    const html = md.render("[a](livescript:alert(1)) [b](JaVa\tScript:alert(1)) [c](https://example.org)");
    assert.doesNotMatch(html, /href="(live|java|vb)/i);
    assert.match(html, /<a href="https:\/\/example\.org"/);
  });

  it("warns when two tags written differently share one page", () => {
    const garden = gardenOf({
      "a.md": "---\ndg-publish: true\n---\nReading #to_read today.",
      "b.md": "---\ndg-publish: true\n---\nAnd #to-read tomorrow.",
    });
    assert.equal(garden.tags.all.length, 1);
    const warning = garden.diagnostics.find((d) => /is listed with #/.test(d.message));
    assert.ok(warning, JSON.stringify(garden.diagnostics));
    assert.equal(warning.file, "b.md");
    assert.match(warning.message, /the tag #to-read is listed with #to_read on one page \(\/tags\/to-read\/\)/);
    assert.match(warning.fix ?? "", /write the tag the same way in every note/);
  });
});

describe("a wikilink's label", () => {
  it("shows its emphasis as Obsidian does, and everything else of it as text", async () => {
    const { renderArticleBody } = await import("../../src/render/article/render.ts");
    const garden = gardenOf({
      "Note.md": "---\ndg-publish: true\n---\nThe target.",
      "Links.md": "---\ndg-publish: true\n---\nSee [[Note|**bold** and _it_]], [[Note|`code`]], [[Note|<b>raw</b> *open]] and [[Missing|**dead**]].",
    });
    const links = garden.notes.find((note) => note.path === "Links.md");
    assert.ok(links);
    const html = renderArticleBody(md, links, garden, new Map(), []);
    assert.match(html, /<a href="\/note\/" class="internal-link"><strong>bold<\/strong> and <em>it<\/em><\/a>/);
    assert.match(html, /<a href="\/note\/" class="internal-link"><code>code<\/code><\/a>/);
    assert.match(html, /<a href="\/note\/" class="internal-link">&lt;b&gt;raw&lt;\/b&gt; \*open<\/a>/);
    assert.match(html, /<span class="dead-link"><strong>dead<\/strong><\/span>/);
  });
});

describe("a block id after a missing embed", () => {
  it("stays on the block, so links to it still land", async () => {
    const { renderArticleBody } = await import("../../src/render/article/render.ts");
    const garden = gardenOf({ "A.md": "---\ndg-publish: true\n---\nIntro.\n\n![[Missing]]\n^block\n\nEnd." });
    const note = garden.notes[0];
    assert.ok(note);
    assert.match(renderArticleBody(md, note, garden, new Map(), []), /<p class="embed embed--missing" id="\^block"><span class="dead-link">Missing<\/span><\/p>/);
  });
});
