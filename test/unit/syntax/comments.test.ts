import assert from "node:assert/strict";
import { describe, it } from "node:test";
import katex from "katex";
import type Token from "markdown-it/lib/token.mjs";
import { describe as describeNote } from "../../../src/read/note/body.ts";
import { cutComments } from "../../../src/read/markdown/syntax/comments.ts";
import { md, render } from "./render.ts";

/** Every piece of text the token stream holds: contents, children, attributes, footnotes. */
function allText(tokens: readonly Token[], env: Record<string, unknown> = {}): string {
  const parts: string[] = [];
  const visit = (token: Token) => {
    parts.push(token.content, token.info, JSON.stringify(token.attrs ?? []), JSON.stringify(token.meta ?? null));
    token.children?.forEach(visit);
  };
  tokens.forEach(visit);
  parts.push(JSON.stringify(env["footnotes"] ?? null));
  return parts.join("\n");
}

function assertHidden(source: string, secret = "SECRET"): string {
  const env = {};
  const tokens = md.parse(source, env);
  assert.ok(!allText(tokens, env).includes(secret), `the token stream holds "${secret}"`);
  const html = render(source);
  assert.ok(!html.includes(secret), `the page shows "${secret}": ${html}`);
  return html;
}

describe("%% comments", () => {
  it("are removed inline", () => {
    assert.equal(assertHidden("Before %%SECRET%% after."), "<p>Before  after.</p>\n");
    assert.equal(assertHidden("%%SECRET%% Lead text"), "<p>Lead text</p>\n");
    assert.equal(assertHidden("One %%SECRET%% two %%SECRET too%% three"), "<p>One  two  three</p>\n");
  });

  it("are removed across lines of a paragraph, without leaving an empty line", () => {
    assert.equal(assertHidden("First line\n%%SECRET\nstill SECRET%%\nLast line"), "<p>First line<br>\nLast line</p>\n");
  });

  it("are removed as blocks, whatever Markdown they hold, across blank lines", () => {
    const html = assertHidden("Visible one\n\n%%\n# SECRET heading\n\n- SECRET item\n\n```\nSECRET code\n```\n\n> [!note] SECRET\n%%\n\nVisible two");
    assert.equal(html, "<p>Visible one</p>\n<p>Visible two</p>\n");
  });

  it("end where the closing %% is, even mid-paragraph", () => {
    assert.equal(assertHidden("%%\nSECRET\n\nSECRET again\n%%\nVisible"), "<p>Visible</p>\n");
  });

  it("hide the rest of the note when never closed, footnotes and definitions included", () => {
    const source = "Shown[^1] text %% SECRET opens\n\nSECRET paragraph[^2] and ^[SECRET inline note]\n\n```\nSECRET code %%\n```\n\n<div>SECRET html</div>\n\n[^1]: SECRET definition\n[^2]: SECRET two";
    const html = assertHidden(source);
    assert.match(html, /^<p>Shown<sup class="footnote-ref">/);
    assert.doesNotMatch(html, /<pre|<div/);
  });

  it("hide links, tags and footnotes written inside them", () => {
    const env = {};
    const tokens = md.parse("Text %%[SECRET](https://secret.example) [[SECRET note]] #SECRET ^[SECRET]%% end", env);
    const types = tokens.flatMap((token) => (token.children ?? []).map((child) => child.type));
    assert.deepEqual(types, ["text"]);
    assert.equal(render("Text %%[SECRET](https://secret.example) ^[SECRET]%% end"), "<p>Text  end</p>\n");
  });

  it("stay out of the page description", () => {
    assert.equal(describeNote(md.parse("%%SECRET draft note%% The real opening.\n\nMore.", {})), "The real opening.");
  });

  it("are kept as written in inline code, fenced and indented code, and when escaped", () => {
    assert.equal(render("Use `%%` to comment, and `a %%b%% c`."), "<p>Use <code>%%</code> to comment, and <code>a %%b%% c</code>.</p>\n");
    assert.equal(render("```\n%% not a comment %%\n```"), '<pre tabindex="0"><code>%% not a comment %%\n</code></pre>\n');
    assert.equal(render("Para\n\n    %% indented %%"), '<p>Para</p>\n<pre tabindex="0"><code>%% indented %%\n</code></pre>\n');
    assert.equal(render("100\\%% sure"), "<p>100%% sure</p>\n");
  });

  it("are kept as written in inline and displayed math", () => {
    const formula = (tex: string, displayMode = false) => katex.renderToString(tex, { displayMode, strict: "ignore", globalGroup: true });
    assert.equal(render("$a %% b$ ok"), `<p>${formula("a %% b")} ok</p>\n`);
    assert.equal(render("See $$x %% y$$ and %%SECRET%% here"), `<p>See <span class="math math-display" tabindex="0">${formula("x %% y", true)}</span> and  here</p>\n`);
    assert.equal(render("$$\na %% b\n$$\n\nafter"), `<div class="math math-display" tabindex="0">${formula("a %% b\n", true)}</div>\n<p>after</p>\n`);
    // Money is not math: the comment between two prices is still a comment.
    assert.equal(assertHidden("cost $5 %% SECRET %% and $6"), "<p>cost $5  and $6</p>\n");
  });

  it("do not close on %% inside a code span within them", () => {
    assert.equal(assertHidden("A %%SECRET `%%` SECRET%% B"), "<p>A  B</p>\n");
  });

  it("keep a table's columns when a cell is commented", () => {
    const html = assertHidden("| a | b |\n| - | - |\n| %%SECRET%% | c |");
    assert.match(html, /<tr>\n<td><\/td>\n<td>c<\/td>\n<\/tr>/);
  });

  it("leave callouts working around them", () => {
    const html = assertHidden("> [!tip] Title %%SECRET%%\n> Body %%SECRET%% text");
    assert.match(html, /<span class="callout-title-inner">Title<\/span>/);
    assert.match(html, /<p>Body  text<\/p>/);
  });

  it("are cut from one block's text by a small scanner", () => {
    assert.deepEqual(cutComments("a %%b", false, "markdown"), { text: "a", hidden: true });
    assert.deepEqual(cutComments("b%% c", true, "markdown"), { text: "c", hidden: false });
    assert.deepEqual(cutComments("``%%`` %%x%%", false, "markdown"), { text: "``%%``", hidden: false });
    assert.deepEqual(cutComments("`unclosed %%x%% y", false, "markdown"), { text: "`unclosed  y", hidden: false });
    assert.deepEqual(cutComments("<p>`%%`</p>", false, "html"), { text: "<p>`", hidden: true });
    assert.deepEqual(cutComments("$a %% b$ %%x%% c", false, "markdown"), { text: "$a %% b$  c", hidden: false });
  });
});

describe("%% comments elsewhere in a note", () => {
  it("leave blocks that were empty as written alone", () => {
    const html = render("- \n- item\n\n>\n\n```\n%% in code %%\n```");
    assert.match(html, /<ul>\n<li><\/li>\n<li>item<\/li>\n<\/ul>/);
    assert.match(html, /<blockquote><\/blockquote>/);
  });

  it("drop blocks they emptied", () => {
    assert.equal(render("- %%draft%%\n- item\n\n> %%draft%%\n\n# %%draft%%"), "<ul>\n<li>item</li>\n</ul>\n");
  });
});
