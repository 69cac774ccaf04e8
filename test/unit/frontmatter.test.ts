import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFrontmatter } from "../../src/read/frontmatter.ts";
import { authorsField, heroOverrides, propertyLink, sourceField } from "../../src/read/fields.ts";

describe("parseFrontmatter", () => {
  it("reads JSON frontmatter like the sample note's", () => {
    const result = parseFrontmatter('---\n{"dg-publish":true,"dg-permalink":"\\"anthropic\\"","hide":true}\n---\n\nBody');
    assert.ok(result.ok);
    assert.deepEqual(result.data, { "dg-publish": true, "dg-permalink": '"anthropic"', hide: true });
    assert.equal(result.body.trim(), "Body");
    assert.equal(result.bodyLine, 4);
  });
  it("reads YAML and keeps unknown keys", () => {
    const result = parseFrontmatter("---\ndg-publish: yes\nmood: sunny\ntags:\n  - a\n---\nText");
    assert.ok(result.ok);
    assert.equal(result.data["dg-publish"], "yes");
    assert.equal(result.data["mood"], "sunny");
    assert.deepEqual(result.data["tags"], ["a"]);
  });
  it("reads a note without frontmatter", () => {
    const result = parseFrontmatter("Just text");
    assert.ok(result.ok);
    assert.deepEqual(result.data, {});
    assert.equal(result.bodyLine, 1);
  });
  it("never runs JavaScript frontmatter", () => {
    (globalThis as Record<string, unknown>)["trellisRan"] = false;
    const result = parseFrontmatter("---js\n{ publish: (globalThis.trellisRan = true) }\n---\nx");
    assert.equal(result.ok, false);
    assert.equal((globalThis as Record<string, unknown>)["trellisRan"], false);
    assert.match(result.ok ? "" : result.reason, /code/);
  });
  it("reports the line of a YAML error", () => {
    const result = parseFrontmatter("---\ntitle: ok\nbad: [unclosed\n---\nx");
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.line !== undefined && result.line >= 3, `line was ${result.ok ? "" : result.line}`);
  });
  it("rejects frontmatter that is not key/value pairs", () => {
    const result = parseFrontmatter("---\n- a\n- b\n---\nx");
    assert.equal(result.ok, false);
  });
});

describe("hero frontmatter", () => {
  it("reads image, cover and banner as a path, a URL or a [[link]]", () => {
    assert.equal(heroOverrides({ image: "pics/a.png" }).image, "pics/a.png");
    assert.equal(heroOverrides({ cover: "https://example.org/a.jpg" }).image, "https://example.org/a.jpg");
    assert.equal(heroOverrides({ banner: "[[garden photo.png]]" }).image, "garden photo.png");
    assert.equal(heroOverrides({ image: "![[garden photo.png|300]]" }).image, "garden photo.png");
    // Unquoted in YAML, [[photo.png]] is a list in a list.
    assert.equal(heroOverrides({ image: [["photo.png"]] }).image, "photo.png");
    assert.equal(heroOverrides({ image: ["[[first.png]]", "[[second.png]]"] }).image, "first.png");
    assert.deepEqual(heroOverrides({ image: "x.jpg", "image-width": 1600, "image-height": "900" }), { image: "x.jpg", width: 1600, height: 900 });
    assert.deepEqual(propertyLink("[[People/Ann Lee|Ann]]"), { linkpath: "People/Ann Lee", label: "Ann" });
    assert.equal(propertyLink("Ann Lee"), undefined);
  });
});

describe("Web Clipper frontmatter", () => {
  it("reads authors as names, links or lists of either, each once", () => {
    assert.deepEqual(authorsField({ author: ["[[Ann Lee]]", "[[People/Bo Chen|Bo]]", "Cy Diaz", "ann lee"] }), [
      { name: "Ann Lee", linkpath: "Ann Lee" },
      { name: "Bo", linkpath: "People/Bo Chen" },
      { name: "Cy Diaz" },
    ]);
    assert.deepEqual(authorsField({ authors: [["Ann Lee"]] }), [{ name: "Ann Lee", linkpath: "Ann Lee" }]);
    assert.deepEqual(authorsField({ author: "Dee Ray" }), [{ name: "Dee Ray" }]);
    assert.deepEqual(authorsField({}), []);
  });
  it("reads the source as a web address named by its site, without campaign tags", () => {
    assert.deepEqual(sourceField({ source: "https://www.futurism.com/a?utm_source=x&id=2" }), { url: "https://www.futurism.com/a?id=2", site: "futurism.com" });
    assert.equal(sourceField({ source: "not a url" }), undefined);
    assert.equal(sourceField({ source: "javascript:alert(1)" }), undefined);
  });
});
