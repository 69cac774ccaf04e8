import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCalloutLine } from "../../../src/read/markdown/syntax/callouts.ts";
import { render } from "./render.ts";

/** The opening tag of the first callout in some HTML. */
function calloutTag(html: string): string {
  const match = /<(div|details) class="callout[^>]*>/.exec(html);
  assert.ok(match, `no callout in ${html}`);
  return match[0];
}

function title(html: string): string {
  const match = /<span class="callout-title-inner">(.*?)<\/span>/s.exec(html);
  assert.ok(match, `no callout title in ${html}`);
  return match[1] ?? "";
}

describe("callouts", () => {
  it("turn a `[!note]` blockquote into a callout with a title row and content", () => {
    const html = render("> [!note]\n> Body text.");
    assert.equal(calloutTag(html), '<div class="callout callout-note" data-callout="note">');
    assert.match(html, /<div class="callout-title"><span class="callout-icon" aria-hidden="true"><\/span><span class="callout-title-inner">Note<\/span><\/div>/);
    assert.match(html, /<div class="callout-content">\n<p>Body text.<\/p>\n<\/div>/);
    assert.doesNotMatch(html, /<blockquote|\[!note\]/);
  });

  const families: Record<string, string[]> = {
    note: ["note"],
    abstract: ["abstract", "summary", "tldr"],
    info: ["info"],
    todo: ["todo"],
    tip: ["tip", "hint", "important"],
    success: ["success", "check", "done"],
    question: ["question", "help", "faq"],
    warning: ["warning", "caution", "attention"],
    failure: ["failure", "fail", "missing"],
    danger: ["danger", "error"],
    bug: ["bug"],
    example: ["example"],
    quote: ["quote", "cite"],
  };
  for (const [kind, types] of Object.entries(families)) {
    for (const type of types) {
      it(`style [!${type}] as ${kind}, titled with its own name`, () => {
        const html = render(`> [!${type}]\n> text`);
        assert.equal(calloutTag(html), `<div class="callout callout-${kind}" data-callout="${type}">`);
        assert.equal(title(html), type.charAt(0).toUpperCase() + type.slice(1));
      });
    }
  }

  it("read the type whatever its case", () => {
    const html = render("> [!WARNING] Careful\n> text");
    assert.equal(calloutTag(html), '<div class="callout callout-warning" data-callout="warning">');
    assert.equal(title(html), "Careful");
  });

  it("style an unknown type as a note and title it with its own name", () => {
    const html = render("> [!recipe]\n> Flour, water.");
    assert.equal(calloutTag(html), '<div class="callout callout-note" data-callout="recipe">');
    assert.equal(title(html), "Recipe");
  });

  it("escape a type name used as a title instead of parsing it as Markdown", () => {
    assert.equal(title(render("> [!_x_]\n> text")), "_x_");
  });

  it("parse a custom title as Markdown", () => {
    assert.equal(title(render("> [!tip] Use **bold** and `code`\n> text")), "Use <strong>bold</strong> and <code>code</code>");
  });

  it("fold closed with `-` and open with `+`, as native details and summary", () => {
    const closed = render("> [!faq]- Why?\n> Because.");
    assert.equal(calloutTag(closed), '<details class="callout callout-question" data-callout="faq" data-callout-fold="-">');
    assert.match(closed, /<summary class="callout-title"><span class="callout-icon" aria-hidden="true"><\/span><span class="callout-title-inner">Why\?<\/span><\/summary>/);
    assert.match(closed, /<\/div>\n<\/details>/);
    const open = render("> [!faq]+ Why?\n> Because.");
    assert.equal(calloutTag(open), '<details class="callout callout-question" data-callout="faq" data-callout-fold="+" open>');
  });

  it("show a link in a folding title as text, since the title is the toggle", () => {
    const html = render("> [!tip]- See [the docs](https://example.org)\n> [body link](https://example.org/b)");
    assert.equal(title(html), "See the docs");
    assert.match(html, /<a href="https:\/\/example.org\/b"/);
    assert.match(title(render("> [!tip] See [the docs](https://example.org)")), /<a href="https:\/\/example.org"/);
  });

  it("keep metadata after a pipe", () => {
    assert.equal(calloutTag(render("> [!note|wide] Title")), '<div class="callout callout-note" data-callout="note" data-callout-metadata="wide">');
  });

  it("have no content box when there is only a title", () => {
    const html = render("> [!info] Just this");
    assert.doesNotMatch(html, /callout-content/);
    assert.equal(title(html), "Just this");
  });

  it("keep every kind of Markdown in the body", () => {
    const html = render("> [!example]\n> First line\n> second line\n>\n> - item\n>\n> ```js\n> let x = 1;\n> ```\n>\n> ## Heading");
    assert.match(html, /<p>First line<br>\nsecond line<\/p>/);
    assert.match(html, /<ul>\n<li>item<\/li>\n<\/ul>/);
    assert.match(html, /<pre tabindex="0"><code class="language-js">/);
    assert.match(html, /<h2[^>]*>Heading<\/h2>/);
  });

  it("nest", () => {
    const html = render("> [!note] Outer\n> > [!warning] Inner\n> > inner text\n>\n> outer text");
    assert.match(html, /<div class="callout callout-note" data-callout="note">[\s\S]*<div class="callout callout-warning" data-callout="warning">[\s\S]*inner text[\s\S]*<\/div>\n<\/div>\n<p>outer text<\/p>\n<\/div>\n<\/div>/);
  });

  it("leave ordinary blockquotes alone", () => {
    assert.equal(render("> Just a quote\n> [!note] later"), "<blockquote>\n<p>Just a quote<br>\n[!note] later</p>\n</blockquote>\n");
    assert.match(render("> \\[!note] escaped"), /<blockquote>\n<p>\[!note\] escaped<\/p>/);
  });

  it("read the header line", () => {
    assert.deepEqual(parseCalloutLine("[!Tip|wide]- A title "), { type: "tip", kind: "tip", metadata: "wide", fold: "-", title: "A title" });
    assert.equal(parseCalloutLine("[note] no bang"), undefined);
    assert.equal(parseCalloutLine("text [!note]"), undefined);
  });
});
