import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { describe as summarize, leadingHeading, shapeBody } from "../../src/read/note/body.ts";
import { extractHero, normalizeCredit } from "../../src/read/note/hero.ts";
import { dekOf, readingMinutes, wordCount } from "../../src/read/note/reading.ts";
import { parseFrontmatter } from "../../src/read/frontmatter.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";

const md = createMarkdown();
const SEED = readFileSync(new URL("../../content/Anthropic CEO Admits We Have No Idea How AI Works.md", import.meta.url), "utf8");

function render(body: string, title = "Title") {
  const tokens = md.parse(body, {});
  const { hero, consumed } = extractHero(tokens);
  const html = md.renderer.render(shapeBody(tokens, { consumed, title }), md.options, {});
  return { hero, html };
}

describe("normalizeCredit", () => {
  it("separates the run-together clip credit", () => {
    assert.equal(normalizeCredit("Image bySaul Loeb / AFP via Getty / Futurism"), "Image by Saul Loeb / AFP via Getty / Futurism");
  });
  it("reads other credit forms", () => {
    assert.equal(normalizeCredit("Photo: Jane Doe"), "Photo: Jane Doe");
    assert.equal(normalizeCredit("photo credit Jane"), "Photo credit Jane");
    assert.equal(normalizeCredit("Images by  X"), "Images by X");
  });
  it("is not fooled by ordinary sentences", () => {
    assert.equal(normalizeCredit("Imagine a world"), undefined);
    assert.equal(normalizeCredit("Image by"), undefined);
  });
});

describe("the sample note's hero", () => {
  const parsed = parseFrontmatter(SEED);
  assert.ok(parsed.ok);
  const { hero, html } = render(parsed.body, "Anthropic CEO Admits We Have No Idea How AI Works");

  it("takes the opening image", () => {
    assert.ok(hero);
    assert.match(hero.src, /^https:\/\/futurism\.com\/_next\/image\?url=/);
    assert.equal(hero.alt, "Saul Loeb / AFP via Getty / Futurism");
  });
  it("shows the credit once, cleanly", () => {
    assert.equal(hero?.credit, "Image by Saul Loeb / AFP via Getty / Futurism");
    // The caption line only repeats the credit, so it is not shown a second time.
    assert.equal(hero?.caption, undefined);
    assert.doesNotMatch(html, /Image by/);
    assert.doesNotMatch(html, /Saul Loeb/);
  });
  it("keeps the body, drops the clip debris", () => {
    assert.match(html, /^<p>The CEO of one of the world's leading/);
    assert.doesNotMatch(html, /Share This Article/i);
    assert.doesNotMatch(html, /<p>\s*<\/p>/);
    // The clip's closing "More on Amodei:" link is an aside of related links, the last thing in the body.
    assert.match(html, /<aside class="related">\n<p class="related__label">More on Amodei<\/p>\n<ul class="related__list">\n<li><a href="https:\/\/futurism\.com\/anthropic-ceo-suggests-ai-deserves-workers-rights"[^>]*><em>Anthropic CEO Suggests That AI Deserves Workers' Rights<\/em><\/a><\/li>\n<\/ul>\n<\/aside>\n$/);
  });
  it("describes the article by its first paragraph", () => {
    const tokens = md.parse(parsed.body, {});
    const { consumed } = extractHero(tokens);
    assert.equal(
      summarize(shapeBody(tokens, { consumed, title: "t" })),
      "The CEO of one of the world's leading artificial intelligence labs just said the quiet part out loud: that nobody really knows how AI works.",
    );
  });
});

describe("extractHero", () => {
  it("uses a distinct caption line and a credit", () => {
    const { hero, html } = render("![Alt](a.jpg)\n\nThe president speaks.\n\nPhoto: Jane Doe\n\nBody text.");
    assert.deepEqual(hero, { src: "a.jpg", alt: "Alt", caption: "The president speaks.", credit: "Photo: Jane Doe" });
    assert.equal(html, "<p>Body text.</p>\n");
  });
  it("accepts an italic caption without a credit", () => {
    const { hero } = render("![Alt](a.jpg)\n\n*A quiet morning.*\n\nBody.");
    assert.equal(hero?.caption, "A quiet morning.");
  });
  it("does not take the first paragraph as a caption", () => {
    const { hero, html } = render("![Alt](a.jpg)\n\nThis is the first paragraph of the note.\n\nMore.");
    assert.equal(hero?.caption, undefined);
    assert.match(html, /^<p>This is the first paragraph/);
  });
  it("keeps a linked image's link", () => {
    const { hero } = render("[![Alt](a.jpg)](https://example.org)\n\nText.");
    assert.equal(hero?.href, "https://example.org");
  });
  it("finds no hero when the note opens with text", () => {
    const { hero, html } = render("Text first.\n\n![Alt](a.jpg)");
    assert.equal(hero, undefined);
    assert.match(html, /<img src="a.jpg"/);
  });
  it("finds no hero when the image shares its paragraph with text", () => {
    assert.equal(render("![Alt](a.jpg) and words").hero, undefined);
  });
  it("lets frontmatter override the image, caption and credit", () => {
    const tokens = md.parse("![Alt](a.jpg)\n\nCaption here\n\nImage by A\n\nBody.", {});
    const { hero } = extractHero(tokens, { caption: "Better caption", credit: "Image byB" });
    assert.deepEqual(hero, { src: "a.jpg", alt: "Alt", caption: "Better caption", credit: "Image by B" });
    const other = extractHero(md.parse("![Alt](a.jpg)\n\nBody.", {}), { image: "cover.jpg" });
    assert.equal(other.hero?.src, "cover.jpg");
    assert.equal(other.consumed, 0, "the body's own image stays in the body");
  });
});

describe("headline", () => {
  it("reads a leading heading and drops it when it repeats the title", () => {
    const tokens = md.parse("# My Title\n\nText.", {});
    assert.equal(leadingHeading(tokens), "My Title");
    const html = md.renderer.render(shapeBody(tokens, { consumed: 0, title: "my title" }), md.options, {});
    assert.equal(html, "<p>Text.</p>\n");
  });
  it("keeps a leading heading that differs from the title", () => {
    const tokens = md.parse("# Chapter\n\nText.", {});
    const html = md.renderer.render(shapeBody(tokens, { consumed: 0, title: "Title" }), md.options, {});
    assert.match(html, /<h1 id="chapter">Chapter<\/h1>/);
  });
});

describe("heroes in every syntax an author writes", () => {
  it("takes an opening Obsidian embed, its label as caption, and a credit line under it", () => {
    const { hero, html } = render("![[garden photo.png|The garden at dawn]]\n\nCredit: Ann Lee\n\nBody.");
    assert.deepEqual(hero, { src: "garden photo.png", alt: "The garden at dawn", caption: "The garden at dawn", credit: "Credit: Ann Lee" });
    assert.equal(html, "<p>Body.</p>\n");
  });
  it("reads an embed's size label as the image's size, not a caption", () => {
    const { hero } = render("![[photo.png|640x480]]\n\nBody.");
    assert.deepEqual(hero, { src: "photo.png", alt: "", width: 640, height: 480 });
  });
  it("takes a caption line and a Photograph: line under an embed", () => {
    const { hero, html } = render("![[photo.png]]\n\n*Rain over the beds.*\n\nPhotograph: Bo Chen\n\nBody.");
    assert.equal(hero?.caption, "Rain over the beds.");
    assert.equal(hero?.credit, "Photograph: Bo Chen");
    assert.equal(html, "<p>Body.</p>\n");
  });
  it("does not take a note embed as a hero", () => {
    assert.equal(render("![[Other note]]\n\nBody.").hero, undefined);
  });
  it("takes an opening HTML <img>, in a block or inline", () => {
    const block = render('<img src="cover.jpg" alt="A cover" width="1200" height="800">\n\nPhoto: Jo\n\nBody.');
    assert.deepEqual(block.hero, { src: "cover.jpg", alt: "A cover", credit: "Photo: Jo", width: 1200, height: 800 });
    assert.equal(block.html, "<p>Body.</p>\n");
    assert.equal(render('<img src="a.png" alt="x"> \n\nBody.').hero?.src, "a.png");
    assert.equal(render('Words <img src="a.png" alt="x">\n\nBody.').hero, undefined);
  });
  it("takes the frontmatter's [[link]] and drops the same image from the body", () => {
    const tokens = md.parse("![[Garden Photo.png]]\n\nBody.", {});
    const { hero, consumed } = extractHero(tokens, { image: "garden photo.png" });
    assert.equal(hero?.src, "garden photo.png");
    assert.ok(consumed > 0);
  });
  it("reads the size from the image's address", () => {
    assert.deepEqual(render("![A](https://example.org/wp/photo-1200x675.jpg)\n\nBody.").hero?.width, 1200);
    const { hero } = render("![A](https://cdn.example.org/x.jpg?w=800&h=600)\n\nBody.");
    assert.deepEqual([hero?.width, hero?.height], [800, 600]);
    assert.equal(render("![A](https://cdn.example.org/x.jpg?w=2048)\n\nBody.").hero?.width, undefined);
  });
});

describe("related links at the end of a note", () => {
  it("makes a trailing heading over a list of links an aside", () => {
    const { html } = render("Text.\n\n## See also\n\n- [A](https://a.example)\n- [B](https://b.example)\n");
    assert.match(html, /^<p>Text\.<\/p>\n<aside class="related">\n<p class="related__label">See also<\/p>\n<ul class="related__list">\n<li><a href="https:\/\/a\.example"[^>]*>A<\/a><\/li>\n<li><a href="https:\/\/b\.example"/);
  });
  it("takes a plain or bold label with several links", () => {
    assert.match(render("Text.\n\nRead more: [A](https://a.example), [B](https://b.example)").html, /<p class="related__label">Read more<\/p>[\s\S]*<li>[^\n]*>A<\/a><\/li>\n<li>[^\n]*>B<\/a><\/li>/);
    assert.match(render("Text.\n\n**Related**: [A](https://a.example)").html, /<p class="related__label">Related<\/p>/);
  });
  it("leaves ordinary closing text and links in the middle of the note alone", () => {
    assert.doesNotMatch(render("Related: not a link").html, /aside/);
    assert.doesNotMatch(render("**More on X:** [A](https://a.example) and more words").html, /aside/);
    assert.doesNotMatch(render("**More on X:** [A](https://a.example)\n\nThe end.").html, /aside/);
  });
});

describe("reading time and dek", () => {
  it("counts the words readers see, and rounds minutes at 230 a minute", () => {
    // Inline code is read; a code block is not prose.
    assert.equal(wordCount(md.parse("One two [three](x) `code`\n\n```\nnot words\n```\n\nDon't stop — 42.", {})), 7);
    assert.equal(readingMinutes(0), 1);
    assert.equal(readingMinutes(1150), 5);
    assert.equal(readingMinutes(1300), 6);
    assert.equal(dekOf("A summary of the piece.", "The first paragraph says something else."), "A summary of the piece.");
    assert.equal(dekOf("The first paragraph", "The first paragraph, which goes on."), undefined);
    assert.equal(dekOf("The first paragraph, which goes on and on…", "The first paragraph, which goes on and on and on."), undefined);
  });
});

describe("an opening image with an id", () => {
  it("stays in the body, where links to its block land", () => {
    const { hero, html } = render("![[pic.png]]\n^pic-block\n\nBody.");
    assert.equal(hero, undefined);
    assert.match(html, /^<p id="\^pic-block">/);
  });
});
