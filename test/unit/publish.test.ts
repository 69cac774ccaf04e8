import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isHidden, isHomeNote, isPublished, publishDecision, toBoolean } from "../../src/read/publish.ts";

describe("toBoolean", () => {
  for (const yes of [true, "true", "True", " yes ", "on", "1", 1]) {
    it(`reads ${JSON.stringify(yes)} as true`, () => assert.equal(toBoolean(yes), true));
  }
  for (const no of [false, "false", "no", "", "0", 0, 2, null, undefined, "maybe", [], {}, ["true"]]) {
    it(`reads ${JSON.stringify(no)} as false`, () => assert.equal(toBoolean(no), false));
  }
});

describe("isPublished", () => {
  it("publishes with dg-publish or publish", () => {
    assert.equal(isPublished({ "dg-publish": true }), true);
    assert.equal(isPublished({ publish: "true" }), true);
    assert.equal(isPublished({ "dg-publish": "yes" }), true);
  });
  it("keeps notes without a flag private", () => {
    assert.equal(isPublished({}), false);
    assert.equal(isPublished({ title: "x", tags: ["publish"] }), false);
    assert.equal(isPublished({ "dg-publish": "false" }), false);
    assert.equal(isPublished({ Publish: true }), false);
  });
  it("keeps a note private when the two keys disagree, and says why", () => {
    const decision = publishDecision({ "dg-publish": true, publish: false });
    assert.equal(decision.published, false);
    assert.match(decision.conflict ?? "", /dg-publish.*publish/);
  });
});

describe("hidden and home notes", () => {
  it("reads hide and dg-hide", () => {
    assert.equal(isHidden({ hide: true }), true);
    assert.equal(isHidden({ "dg-hide": "true" }), true);
    assert.equal(isHidden({ hide: false }), false);
    assert.equal(isHidden({}), false);
  });
  it("reads dg-home", () => {
    assert.equal(isHomeNote({ "dg-home": true }), true);
    assert.equal(isHomeNote({ "dg-home": "no" }), false);
  });
});

describe("drafts", () => {
  it("are never published, whatever the other keys say, in either mode", () => {
    for (const mode of ["flag", "all"] as const) {
      assert.equal(publishDecision({ publish: true, draft: true }, mode).published, false, mode);
      assert.equal(publishDecision({ "dg-publish": "yes", draft: "true" }, mode).published, false, mode);
      assert.equal(publishDecision({ publish: true, draft: false }, mode).published, true, mode);
    }
    assert.equal(publishDecision({ draft: true }, "all").published, false);
  });
});
