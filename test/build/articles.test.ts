/**
 * Builds test/fixtures/articles with the real command: a Web Clipper note with every property
 * the clipper writes, heroes written every way an author writes them, a hero whose host does
 * not answer, and captions without a hero; each page is checked for its figure, dek, byline,
 * source, dates and JSON-LD.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { validationErrors } from "../helpers/validate.ts";
import { fixture, readSite, runTrellis, tempDir, type RunResult } from "../helpers/cli.ts";

let result: RunResult;
let site: Map<string, string>;

function page(file: string): string {
  const html = site.get(file);
  assert.ok(html !== undefined, `${file} was not built`);
  return html;
}

const figureOf = (html: string) => html.match(/<figure class="hero[^"]*"[\s\S]*?<\/figure>/)?.[0];
const headerOf = (html: string) => html.match(/<header class="article__header">[\s\S]*?<\/header>/)?.[0] ?? "";
const bodyOf = (html: string) => html.match(/<div class="article__body">\n([\s\S]*?)\n {2}<\/div>/)?.[1] ?? "";

function jsonLd(html: string): Record<string, unknown> {
  const json = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
  assert.ok(json, "the page has no JSON-LD");
  return JSON.parse(json) as Record<string, unknown>;
}

before(async () => {
  const dir = await tempDir("articles");
  const out = path.join(dir, "site");
  result = await runTrellis(["build", fixture("articles"), "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(result.code, 0, result.stderr);
  site = await readSite(out);
});

describe("a Web Clipper note", () => {
  let html: string;
  before(() => {
    html = page("clippings/how-seed-banks-keep-the-future/index.html");
  });

  it("shows the description as a dek under the headline", () => {
    assert.match(headerOf(html), /<\/h1>\s*<p class="article__dek">Inside the vaults that hold a copy of every crop, and the people who keep them cold\.<\/p>/);
  });

  it("credits its authors: a published author note linked, a private one as plain text", () => {
    const byline = headerOf(html).match(/<p class="article__byline">([\s\S]*?)<\/p>/)?.[1] ?? "";
    assert.equal(byline, 'By <a class="internal-link" href="/people/ann-lee/" rel="author">Ann Lee</a>, <span>Bo Chen</span>, and <span>Cy Diaz</span>');
    assert.equal(site.has("people/bo-chen/index.html"), false);
    for (const [file, text] of site) assert.ok(!text.includes("Pumpernickelquartz"), `${file} shows the private author note's text`);
  });

  it("names the source's site, linked, with the original publication date apart from the clip's", () => {
    const meta = headerOf(html).match(/<p class="article__meta"[^>]*>([\s\S]*?)<\/p>/)?.[1] ?? "";
    assert.match(meta, /<span class="article__source">Published in <a class="external" href="https:\/\/www\.example\.com\/science\/2025\/05\/seed-banks" rel="noopener">example\.com<\/a> on <time datetime="2025-05-02T00:00:00\.000Z">May 2, 2025<\/time><\/span>/);
    assert.match(meta, /<span>Clipped <time datetime="2025-05-10T00:00:00\.000Z">May 10, 2025<\/time><\/span>/);
    assert.doesNotMatch(meta, /utm_source/, "the clipper's campaign tags are not part of the source's address");
    assert.match(meta, /<span>1 min read<\/span>/);
  });

  it("takes the opening image, its caption line and its Photo: line as the hero, out of the body", () => {
    const figure = figureOf(html) ?? assert.fail("no hero");
    assert.match(figure, /<span class="hero__text">The vault door at Svalbard, in March\.<\/span>/);
    assert.match(figure, /<span class="hero__credit">Photo: Dag Holm \/ Example News<\/span>/);
    assert.doesNotMatch(bodyOf(html), /Svalbard, in March|Dag Holm/);
    assert.match(bodyOf(html), /^<p>Deep in a mountain on Svalbard/);
  });

  it("ends with its related link as an aside, and without the share line", () => {
    assert.match(bodyOf(html), /<aside class="related">\n<p class="related__label">More on seeds<\/p>\n<ul class="related__list">\n<li><a href="https:\/\/www\.example\.com\/food\/heirloom-tomatoes"[^>]*><em>Why Heirloom Tomatoes Taste Better<\/em><\/a><\/li>\n<\/ul>\n<\/aside>\n*$/);
    assert.doesNotMatch(html, /Share this article/i);
  });

  it("is a NewsArticle by its real authors, based on the source, with ISO 8601 dates", () => {
    const data = jsonLd(html);
    assert.equal(data["@type"], "NewsArticle");
    assert.deepEqual(data["author"], [
      { "@type": "Person", name: "Ann Lee", url: "https://garden.example/people/ann-lee/" },
      { "@type": "Person", name: "Bo Chen" },
      { "@type": "Person", name: "Cy Diaz" },
    ]);
    assert.equal(data["isBasedOn"], "https://www.example.com/science/2025/05/seed-banks");
    assert.equal(data["datePublished"], "2025-05-02T00:00:00.000Z");
    // The last change: the clip's date, or the note's last commit where the fixture is in git.
    const modified = String(data["dateModified"]);
    assert.match(modified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(modified >= "2025-05-10T00:00:00.000Z", modified);
    assert.deepEqual(data["image"], ["http://127.0.0.1:9/images/vault-1600x900.jpg"]);
    assert.deepEqual(data["publisher"], { "@type": "Organization", name: "Trellis Garden", url: "https://garden.example/" });
  });
});

describe("an Obsidian-embed hero with caption and credit lines", () => {
  let html: string;
  before(() => {
    html = page("embed-hero/index.html");
  });

  it("is an eager, responsive figure with the caption and the credit once", () => {
    const figure = figureOf(html) ?? assert.fail("no hero");
    assert.match(figure, /<picture><source type="image\/webp"[^>]*><img [^>]*alt="Boats at rest in the harbour" decoding="async" fetchpriority="high"/);
    assert.doesNotMatch(figure, /loading="lazy"/);
    assert.match(figure, /<figcaption class="hero__caption">\s*<span class="hero__text">Boats at rest in the harbour<\/span><span class="hero__credit">Photo: Jane Doe<\/span>\s*<\/figcaption>/);
    assert.equal(html.split("Photo: Jane Doe").length - 1, 1, "the credit line and image-credit say the same: shown once");
  });

  it("leaves the body without the caption and credit lines, and its other images lazy", () => {
    const body = bodyOf(html);
    assert.match(body, /^<p>The harbour is quiet before the ferries start/);
    assert.doesNotMatch(body, /Boats at rest|Jane Doe/);
    assert.match(body, /<img [^>]*loading="lazy"/);
    assert.doesNotMatch(body, /fetchpriority/);
  });

  it("is an Article with the hero as its image and the site as publisher", () => {
    const data = jsonLd(html);
    assert.equal(data["@type"], "Article");
    assert.deepEqual(data["image"], ["https://garden.example/assets/attachments/garden-photo.jpg"]);
    assert.equal(data["isBasedOn"], undefined);
    assert.equal((data["publisher"] as Record<string, unknown>)["name"], "Trellis Garden");
  });
});

describe("a frontmatter [[link]] hero", () => {
  it("shows the linked attachment with the frontmatter's caption and credit", () => {
    const html = page("link-hero/index.html");
    const figure = figureOf(html) ?? assert.fail("no hero");
    assert.match(figure, /<img [^>]*alt="The harbour, from the frontmatter" decoding="async" fetchpriority="high"/);
    assert.match(figure, /<span class="hero__text">The harbour, from the frontmatter<\/span><span class="hero__credit">Image by the author<\/span>/);
    // A plain-text author; no source, so no dek line, no clip date; equal created and updated dates are shown once.
    const header = headerOf(html);
    assert.match(header, /<p class="article__byline">By <span>Ann Lee<\/span><\/p>/);
    assert.match(header, /<span>Published <time datetime="2025-03-01T00:00:00\.000Z">March 1, 2025<\/time><\/span>/);
    assert.doesNotMatch(header, /Updated|Clipped|article__dek|article__source/);
    const data = jsonLd(html);
    assert.equal(data["@type"], "Article");
    assert.deepEqual(data["author"], [{ "@type": "Person", name: "Ann Lee" }]);
    assert.equal(data["datePublished"], "2025-03-01T00:00:00.000Z");
  });

  it("reads an unquoted YAML [[link]] too", () => {
    assert.match(figureOf(page("unquoted-cover/index.html")) ?? "", /<picture>/);
  });
});

describe("an HTML <img> hero", () => {
  it("is the figure, with its Photograph: line as the credit, and leaves the body", () => {
    const html = page("html-hero/index.html");
    const figure = figureOf(html) ?? assert.fail("no hero");
    assert.match(figure, /<picture>[\s\S]*alt="The harbour, written in HTML" decoding="async" fetchpriority="high"/);
    assert.match(figure, /<span class="hero__credit">Photograph: Lee Marsh<\/span>/);
    assert.equal(bodyOf(html), "<p>A note that opens with the author’s own HTML image.</p>\n");
  });
});

describe("a remote hero that cannot be fetched", () => {
  let html: string;
  before(() => {
    html = page("remote-hero/index.html");
  });

  it("keeps a clean figure of the image's shape with the caption and credit, showing the image from its own address over it", () => {
    const figure = figureOf(html) ?? assert.fail("no hero");
    assert.match(figure, /^<figure class="hero hero--unavailable"/);
    assert.match(figure, /<div class="hero__media hero__placeholder" style="aspect-ratio: 1200 \/ 800">/);
    assert.match(figure, /<span class="hero__text">A field of sunflowers<\/span><span class="hero__credit">Credit: Example Agency<\/span>/);
    // The reader's browser may reach what the build could not; src/client/hero.js removes it if it cannot load (test/browser/remote-hero.test.ts).
    assert.match(figure, /<img class="hero__remote" src="http:\/\/127\.0\.0\.1:9\/photo-1200x800\.jpg" alt="A field of sunflowers" width="1200" height="800"/);
    assert.match(html, /<script type="module" src="\/js\/page\.js"><\/script>/);
  });

  it("is reported, naming the note", () => {
    assert.match(result.stderr, /warning: .*Remote Hero\.md:4: could not fetch or read the image http:\/\/127\.0\.0\.1:9\/photo-1200x800\.jpg .*the hero is shown as a box/);
  });
});

describe("the article pages", () => {
  it("warn about a caption without a hero, with the file and line", () => {
    assert.match(result.stderr, /warning: .*Orphan Caption\.md:4: `image-caption` is set but the note has no hero image/);
    assert.doesNotMatch(page("orphan-caption/index.html"), /Nothing to caption/);
  });

  it("are valid HTML", async () => {
    assert.deepEqual(await validationErrors(site), []);
  });
});
