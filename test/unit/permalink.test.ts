import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizePermalink, slugFromPath, slugify, stripWrappingQuotes } from "../../src/read/permalink.ts";

function url(raw: unknown): string {
  const result = normalizePermalink(raw);
  assert.ok(result.ok, `expected ${JSON.stringify(raw)} to be accepted, got ${result.ok ? "" : result.reason}`);
  return result.url;
}

function rejected(raw: unknown): string {
  const result = normalizePermalink(raw);
  assert.equal(result.ok, false, `expected ${JSON.stringify(raw)} to be rejected`);
  return result.ok ? "" : result.reason;
}

describe("normalizePermalink", () => {
  it("publishes the sample note's value at /anthropic/", () => {
    // The Digital Garden plugin wrote "\"anthropic\"" (quotes inside the JSON string).
    assert.equal(url('"anthropic"'), "/anthropic/");
    assert.equal(url('/"anthropic"/'), "/anthropic/");
    assert.equal(url('\\"anthropic\\"'), "/anthropic/");
  });
  it("strips typographic and single quotes", () => {
    assert.equal(url("“anthropic”"), "/anthropic/");
    assert.equal(url("'notes/a'"), "/notes/a/");
    assert.equal(url("‘x’"), "/x/");
  });
  it("trims, collapses slashes and always ends with a slash", () => {
    assert.equal(url("  about  "), "/about/");
    assert.equal(url("//notes///deep//"), "/notes/deep/");
    assert.equal(url("/"), "/");
    assert.equal(url("/about.html"), "/about/");
    assert.equal(url("/about/index.html"), "/about/");
  });
  it("keeps Unicode letters readable", () => {
    assert.equal(url("/关于各种int类型比较/"), "/关于各种int类型比较/");
    assert.equal(url("café/Über"), "/café/Über/");
  });
  it("turns spaces into dashes and decodes percent escapes", () => {
    assert.equal(url("my note"), "/my-note/");
    assert.equal(url("/my%20note/"), "/my-note/");
  });
  it("accepts numbers", () => assert.equal(url(2024), "/2024/"));
  it("rejects segments that leave the site", () => {
    assert.match(rejected("../etc/passwd"), /\.\./);
    assert.match(rejected("/a/../../b/"), /\.\./);
    assert.match(rejected("/a/%2e%2e/b/"), /\.\./);
    assert.match(rejected("/./"), /"\."/);
  });
  it("rejects backslashes, control characters, ? and #", () => {
    assert.match(rejected("a\\b"), /backslash/);
    assert.match(rejected("a\u0000b"), /control/);
    assert.match(rejected("a\nb"), /control/);
    assert.match(rejected("/a?b=1/"), /question mark/);
    assert.match(rejected("/a#b/"), /hash/);
  });
  it("rejects quote marks left inside", () => {
    assert.match(rejected('/say-"hi"-there/'), /quote/);
    assert.match(rejected("/it's/"), /quote/);
    assert.match(rejected("/a“b/"), /quote/);
  });
  it("rejects values that are not text", () => {
    assert.match(rejected(["a"]), /list/);
    assert.match(rejected({ a: 1 }), /object/);
    assert.match(rejected(true), /boolean/);
  });
  it("rejects a part too long for a folder name", () => assert.match(rejected("x".repeat(300)), /too long/));
});

describe("stripWrappingQuotes", () => {
  it("strips nested wrappers", () => assert.equal(stripWrappingQuotes(`"'x'"`), "x"));
  it("leaves unbalanced quotes", () => assert.equal(stripWrappingQuotes(`"x`), `"x`));
});

describe("slugFromPath", () => {
  it("lower-cases and joins words with dashes", () => {
    assert.equal(slugFromPath("Folder/My Note.md"), "/folder/my-note/");
    assert.equal(slugFromPath("Anthropic CEO Admits We Have No Idea How AI Works.md"), "/anthropic-ceo-admits-we-have-no-idea-how-ai-works/");
  });
  it("keeps Unicode letters and drops punctuation", () => {
    assert.equal(slugFromPath("Notes/关于各种int类型比较.md"), "/notes/关于各种int类型比较/");
    assert.equal(slugFromPath("Don't panic! (2nd ed.).md"), "/dont-panic-2nd-ed/");
  });
  it("never yields an empty segment", () => assert.equal(slugify("???"), "untitled"));
  it("every slug is accepted by normalizePermalink unchanged", () => {
    for (const file of ["A/B c.md", "关于/x y.md", "Ünïcödé — dash.md", "'quoted'.md", "a..b.md"]) {
      const slug = slugFromPath(file);
      assert.equal(url(slug), slug);
    }
  });
});
