import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderArticleBody } from "../../../src/render/article/render.ts";
import type { Diagnostic } from "../../../src/core/diagnostics.ts";
import { assembleGarden } from "../../../src/garden/garden.ts";
import { readNote } from "../../../src/read/scan.ts";
import { hasRawHtml } from "../../../src/read/markdown/sanitize.ts";
import { md, render } from "./render.ts";

describe("raw HTML next to Trellis's own markup", () => {
  const note = [
    'Intro <span class="x" style="color:red" onclick="alert(1)">with **markdown** inside</span> and $x^2$.',
    "",
    "<div onmouseover=\"alert(2)\">",
    "",
    "- [x] A task",
    "",
    "</div>",
    "",
    "> [!tip]+ Tip",
    "> Body[^1]",
    "",
    "<script>alert(3)</script>",
    "",
    "<img src=\"/a.png\" onerror=\"alert(4)\" alt=\"A\"> <a href=\"javascript:alert(5)\">x</a> <iframe src=\"https://example.org\"></iframe>",
    "",
    "[^1]: Foot.",
  ].join("\n");

  it("sanitises the author's HTML in place, so the page needs no second pass", () => {
    const tokens = md.parse(note, {});
    assert.equal(hasRawHtml(tokens), false);
  });

  it("removes scripts, event handlers, styles and unsafe links from the author's HTML", () => {
    const html = render(note);
    for (const unsafe of ["<script", "onclick", "onmouseover", "onerror", "javascript:", "color:red", "<iframe"]) {
      assert.ok(!html.includes(unsafe), `the page contains ${unsafe}`);
    }
    assert.match(html, /&lt;script&gt;alert\(3\)&lt;\/script&gt;/);
    assert.match(html, /<img src="\/a.png" alt="A" \/?>/);
  });

  it("keeps the author's tags paired around Markdown", () => {
    const html = render(note);
    assert.match(html, /Intro <span class="x">with <strong>markdown<\/strong> inside<\/span> and/);
    assert.match(html, /<div>\n<ul class="task-list-container">[\s\S]*<\/ul>\n<\/div>/);
  });

  it("keeps KaTeX, task labels, callouts and footnotes whole", () => {
    const html = render(note);
    assert.match(html, /<span class="strut" style="height:[^"]+"><\/span>/);
    assert.match(html, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    assert.match(html, /<input type="checkbox" class="task-list-item-checkbox" id="task-item-0" checked disabled><label class="task-list-item-label" for="task-item-0"> A task<\/label>/);
    assert.match(html, /<details class="callout callout-tip" data-callout="tip" data-callout-fold="\+" open>\n<summary class="callout-title">/);
    assert.match(html, /<section class="footnotes" aria-label="Footnotes">/);
  });

  it("does not let a note write a placeholder of its own", () => {
    const html = render('<span data-trellis-slot="x-0"></span> text $y$');
    assert.match(html, /^<p><span data-trellis-slot="x-0"><\/span> text <span class="katex">/);
  });

  it("prints an unclosed <textarea> as text, so that it holds nothing that follows", () => {
    assert.equal(render("Text <textarea>\n\nMore **bold**"), "<p>Text &lt;textarea&gt;</p>\n<p>More <strong>bold</strong></p>\n");
  });

  it("leaves notes without raw HTML untouched", () => {
    const tokens = md.parse("Just *text* and $x$.", {});
    assert.equal(hasRawHtml(tokens), false);
    assert.ok(tokens.every((token) => !token.meta?.sanitized));
  });
});

describe("trusting the author's HTML", () => {
  it("publishes raw HTML as written only when the site says so", async () => {
    const { createMarkdown } = await import("../../../src/render/markdown/create.ts");
    const { renderTokens } = await import("../../../src/render/markdown/render-tokens.ts");
    const source = 'Text <span onclick="go()">x</span>\n\n<script>window.ok = 1</script>\n';
    const render = (trustHtml: boolean) => {
      const md = createMarkdown({ trustHtml });
      return renderTokens(md, md.parse(source, {}), {});
    };
    assert.doesNotMatch(render(false), /<script>|onclick/);
    const trusted = render(true);
    assert.match(trusted, /<script>window\.ok = 1<\/script>/);
    assert.match(trusted, /<span onclick="go\(\)">x<\/span>/);
  });
});

describe("attributes that steer Trellis's machinery", () => {
  it("are removed from a note's raw HTML and its {attribute} lists; other data-* attributes stay", () => {
    const html = render(
      [
        '<div data-pagefind-body data-pagefind-meta="title:Spoofed" data-pagefind-weight="10" data-share-url="https://evil.example" data-graph-src="/x.json" data-base="/x/" data-note="kept">Hello</div>',
        "",
        "A paragraph {data-kept=yes}",
      ].join("\n"),
    );
    for (const reserved of ["data-pagefind", "data-share-url", "data-graph-src", "data-base"]) assert.ok(!html.includes(reserved), `${reserved} reached the page: ${html}`);
    assert.match(html, /data-note="kept"/);
    assert.match(html, /data-kept="yes"/);
    assert.match(html, /Hello/);
  });

  it("make an {attribute} list text, printed as written", () => {
    assert.equal(render("A paragraph {data-pagefind-ignore=all data-kept=yes}"), "<p>A paragraph {data-pagefind-ignore=all data-kept=yes}</p>\n");
  });
});

describe("the author's HTML keeps the author's text", () => {
  it("prints tags Trellis does not allow exactly as written", () => {
    assert.equal(render('[foo <bar attr="](baz)">'), '<p>[foo &lt;bar attr="](baz)"&gt;</p>\n');
    assert.equal(render('<b2\ndata="foo" >'), '<p>&lt;b2\ndata="foo" &gt;</p>\n');
    assert.equal(render("<Warning>\n*bar*\n</Warning>"), "&lt;Warning&gt;\n*bar*\n&lt;/Warning&gt;");
    assert.equal(render("<script>a<b>c</b></script>\n\nok"), "&lt;script&gt;a&lt;b&gt;c&lt;/b&gt;&lt;/script&gt;\n<p>ok</p>\n");
  });

  it("prints processing instructions as text, across blank lines", () => {
    assert.equal(render('<?php\n\necho ">";\n\n?>\nokay'), '&lt;?php\n\necho "&gt;";\n\n?&gt;\n<p>okay</p>\n');
  });

  it("prints a < that starts no complete tag as text", () => {
    assert.equal(render("[link](<foo\nbar>)"), "<p>[link](&lt;foo\nbar&gt;)</p>\n");
    assert.equal(render('<div id="foo"\n*hi*'), '&lt;div id="foo"\n*hi*');
  });

  it("closes a self-closed tag where it is written", () => {
    assert.equal(render("a <a/> b"), "<p>a <a></a> b</p>\n");
    assert.equal(render("<a/><b2/>"), "<p><a></a>&lt;b2/&gt;</p>\n");
  });

  it("still hides comments", () => {
    assert.equal(render("foo <!-- hidden --> bar"), "<p>foo  bar</p>\n");
  });
});

describe("unclosed raw HTML", () => {
  it("is closed at the end of the note", () => {
    assert.equal(render("<table><tr><td>cell"), "<table><tr><td>cell</td></tr></table>");
    assert.equal(render("<div>\n\ntext <em>open"), "<div>\n<p>text <em>open</p>\n</em></div>");
  });

  it("is closed after what a web clip leaves at the end of the article", async () => {
    const { shapeBody } = await import("../../../src/read/note/body.ts");
    const tokens = md.parse("<div>\n\nText\n\nShare This Article", {});
    const { renderTokens } = await import("../../../src/render/markdown/render-tokens.ts");
    const html = renderTokens(md, shapeBody(tokens, { consumed: 0, title: "T" }), {});
    assert.equal(html, "<div>\n<p>Text</p>\n</div>");
  });

  it("is closed at the end of an embedded note's body", () => {
    const { html } = renderEmbedOf("Host text\n\n![[Guest]]", "<table><tr><td>guest cell");
    assert.match(html, /<div class="transclusion__body">\n<table><tr><td>guest cell<\/td><\/tr><\/table><\/div>\n<p class="transclusion__source">/);
  });
});

describe("each body a page shows", () => {
  const guest = '## A\n\n<div class="box">\n\ntext a\n\n## B\n\ntext b\n\n</div>\n\n## C\n\n</section>text c';
  const around = (body: string, href: string) =>
    `<div class="transclusion">\n<div class="transclusion__body">\n${body}</div>\n<p class="transclusion__source"><a class="internal-link" href="${href}">Guest</a></p>\n</div>\n`;

  it("closes what an embedded section leaves open, at the end of the section", () => {
    assert.equal(renderEmbedOf("![[Guest#A]]", guest).html, around('<h2>A</h2>\n<div class="box">\n<p>text a</p>\n</div>', "/guest/#a"));
  });

  it("drops what an embedded section closes of the page around it", () => {
    assert.equal(renderEmbedOf("![[Guest#B]]", guest).html, around("<h2>B</h2>\n<p>text b</p>\n\n", "/guest/#b"));
    assert.equal(renderEmbedOf("![[Guest#C]]", guest).html, around("<h2>C</h2>\ntext c", "/guest/#c"));
  });

  it("keeps a whole embedded note's HTML as it pairs within the note", () => {
    assert.equal(
      renderEmbedOf("Host\n\n![[Guest]]\n\nafter", guest).html,
      `<p>Host</p>\n${around('<h2>A</h2>\n<div class="box">\n<p>text a</p>\n<h2>B</h2>\n<p>text b</p>\n</div>\n<h2>C</h2>\ntext c', "/guest/")}\n<p>after</p>\n`,
    );
  });

  it("drops what the note's own body closes of the page", () => {
    assert.equal(renderEmbedOf("text</article></main>\n\n</div>\n\nmore", "guest").html, "<p>text</p>\n\n<p>more</p>\n");
  });
});

/** The host note's body as its page shows it, in a garden of the host and one guest note. */
function renderEmbedOf(host: string, guest: string): { html: string } {
  const diagnostics: Diagnostic[] = [];
  const files = { "Host.md": `---\npublish: true\n---\n${host}`, "Guest.md": `---\npublish: true\n---\n${guest}` };
  const notes = Object.entries(files).flatMap(([file, source]) => readNote(file, source, md, diagnostics) ?? []);
  const garden = assembleGarden({ contentDir: "/vault", notes, notePaths: Object.keys(files), attachments: [], unpublished: 0, diagnostics });
  const note = garden.notes.find((candidate) => candidate.path === "Host.md");
  assert.ok(note);
  return { html: renderArticleBody(md, note, garden, new Map(), diagnostics) };
}
