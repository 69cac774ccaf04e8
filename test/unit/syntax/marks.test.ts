import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { render } from "./render.ts";

describe("==highlights==", () => {
  it("become <mark>", () => {
    assert.equal(render("A ==bright **bold** idea== here."), "<p>A <mark>bright <strong>bold</strong> idea</mark> here.</p>\n");
  });

  it("need both pairs of equals signs", () => {
    assert.equal(render("a == b and c ==d"), "<p>a == b and c ==d</p>\n");
    assert.equal(render("`==code==`"), "<p><code>==code==</code></p>\n");
  });
});

describe("footnotes", () => {
  it("link a reference to its definition and back, in a labelled list", () => {
    const html = render("Claim[^src].\n\n[^src]: The *source*.");
    assert.match(html, /<p>Claim<sup class="footnote-ref"><a href="#footnote1">\[1\]<\/a><a class="footnote-anchor" id="footnote-ref1"><\/a><\/sup>.<\/p>/);
    assert.match(html, /<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n<li id="footnote1" class="footnote-item"><p>The <em>source<\/em>. <a href="#footnote-ref1" class="footnote-backref" aria-label="Back to reference 1">↩︎<\/a><\/p>/);
    assert.doesNotMatch(html, /<hr/);
  });

  it("number inline footnotes and repeated references", () => {
    const html = render("One^[inline *note*] and two[^a] and again[^a].\n\n[^a]: Shared.");
    assert.match(html, /<li id="footnote1" class="footnote-item"><p>inline <em>note<\/em>/);
    assert.match(html, /<a href="#footnote-ref2:1" class="footnote-backref" aria-label="Back to reference 2">/);
  });

  it("leave an undefined reference as text", () => {
    assert.equal(render("No[^missing] note."), "<p>No[^missing] note.</p>\n");
  });
});

describe("task lists", () => {
  it("show disabled checkboxes labelled by the item's text", () => {
    const html = render("- [ ] Buy milk\n- [x] Water the *plants*\n- plain item");
    assert.match(html, /<ul class="task-list-container">/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" id="task-item-0" disabled><label class="task-list-item-label" for="task-item-0"> Buy milk<\/label><\/li>/);
    assert.match(html, /<input type="checkbox" class="task-list-item-checkbox" id="task-item-1" checked disabled><label class="task-list-item-label" for="task-item-1"> Water the <em>plants<\/em><\/label>/);
    assert.match(html, /<li>plain item<\/li>/);
  });

  it("accept an upper-case X and nested lists", () => {
    const html = render("- [X] Done\n  - [ ] Sub-task");
    assert.match(html, /id="task-item-0" checked disabled>/);
    assert.match(html, /id="task-item-1" disabled><label class="task-list-item-label" for="task-item-1"> Sub-task/);
  });

  it("need a space after the brackets", () => {
    assert.doesNotMatch(render("- [x]no space"), /checkbox/);
  });
});

describe("block ids", () => {
  it("name their paragraph, and only the first block that uses an id (a page never repeats one)", () => {
    assert.equal(render("One. ^blk\n\nTwo. ^blk\n\n- item\n\n^blk"), '<p id="^blk">One.</p>\n<p>Two.</p>\n<ul>\n<li>item</li>\n</ul>\n');
  });
});
