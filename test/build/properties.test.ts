/**
 * What an author writes in frontmatter reaches the reader as Obsidian shows it
 * (test/fixtures/properties): property values of every kind, links resolved like wikilinks and
 * private ones never named, and files named only in frontmatter published like embedded ones.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { fixture, readSite, runTrellis, tempDir, type RunResult } from "../helpers/cli.ts";
import { validationErrors } from "../helpers/validate.ts";

let site: Map<string, string>;
let built: RunResult;

before(async () => {
  const dir = await tempDir("properties");
  const out = path.join(dir, "site");
  built = await runTrellis(["build", fixture("properties"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache"), NO_COLOR: "1" } });
  assert.equal(built.code, 0, built.stderr);
  site = await readSite(out);
});

/** The HTML of each property the page shows, by name. */
function properties(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<div><dt>([^<]+)<\/dt><dd>([\s\S]*?)<\/dd><\/div>/g)].map((match) => [match[1] ?? "", match[2] ?? ""]));
}

describe("properties", () => {
  it("draws each kind of value as Obsidian shows it", () => {
    const shown = properties(site.get("book/index.html") ?? "");
    assert.equal(shown.get("related"), '<ul class="property__list"><li><a class="internal-link" href="/feast/">A Moveable Feast</a></li><li><a class="internal-link" href="/feast/">The feast</a></li></ul>');
    assert.equal(shown.get("website"), '<a class="external" href="https://example.org/book" rel="noopener">https://example.org/book</a>');
    assert.equal(shown.get("started"), '<time datetime="2024-03-05">Mar 5, 2024</time>');
    assert.match(shown.get("finished_at") ?? "", /^<time datetime="2024-03-07T18:30:00\.000Z">Mar 7, 2024, \d{1,2}:30\s?[AP]M<\/time>$/);
    assert.equal(shown.get("rating"), '<span class="property__number">4.5</span>');
    assert.equal(shown.get("pages"), '<span class="property__number">1024</span>');
    assert.equal(shown.get("read"), '<input type="checkbox" class="property__checkbox" disabled checked aria-label="read">');
    assert.equal(shown.get("lent"), '<input type="checkbox" class="property__checkbox" disabled aria-label="lent">');
    assert.equal(shown.get("tags"), '<a class="tag" href="/tags/books/">#books</a>');
    assert.equal(shown.get("authors"), '<ul class="property__list"><li>Ernest Hemingway</li><li>Someone Else</li></ul>');
  });

  it("shows a private or missing note as the label the author wrote, and nothing of its path or name", () => {
    const shown = properties(site.get("book/index.html") ?? "");
    assert.equal(shown.get("reading_notes"), '<span class="property__unpublished">Notes from the reading</span>');
    // Without a label there is nothing a reader may see: the property is left out.
    assert.equal(shown.has("private_link"), false);
    assert.equal(shown.has("missing"), false);
    for (const [file, text] of site) {
      assert.doesNotMatch(text, /Secret Notes|Private\/|Quinceharbor/i, `${file} names the private note`);
    }
  });

  it("counts a linked note's page as linked from the note, as Obsidian does", () => {
    assert.match(site.get("feast/index.html") ?? "", /<section class="backlinks"[\s\S]*href="\/book\/"[\s\S]*<p class="backlinks__context">related: Feast<\/p>/);
  });

  it("publishes files named only in frontmatter as heroes, and warns of one that is missing, on its line", () => {
    assert.ok(site.has("assets/out-of-control.jpg"), "the cover is not published");
    assert.match(site.get("book/index.html") ?? "", /<figure class="hero"[\s\S]*?<img[^>]+src="\/img\/[^"]+"/);
    assert.match(site.get("cover/index.html") ?? "", /<figure class="hero"[\s\S]*?<img[^>]+src="\/img\/[^"]+"/);
    assert.ok(site.has("assets/b.png"), "the image is not published");
    assert.match(built.stderr, /Book\.md:19: dead link: photo: \[\[lighthouse\.png\]\] matches no published note or file/);
  });

  it("lists the files frontmatter names in trellis check --json", async () => {
    const check = JSON.parse((await runTrellis(["check", fixture("properties"), "--json"])).stdout) as { attachments: Array<{ path: string; url: string }> };
    assert.deepEqual(check.attachments.map((attachment) => attachment.path).sort(), ["b.png", "out-of-control.jpg"]);
  });

  it("writes pages that html-validate accepts", async () => {
    assert.deepEqual(await validationErrors(site), []);
  });
});
