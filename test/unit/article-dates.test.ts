/** The dates an article page shows never repeat or contradict each other. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { articleView, shownDates } from "../../src/render/article/view.ts";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { readNote } from "../../src/read/scan.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { resolveOptions } from "../../src/core/options.ts";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("an article's dates", () => {
  it("show Updated only a day or more after Published, and never before it", () => {
    assert.deepEqual(shownDates(day("2025-11-20"), day("2025-11-28")), { created: day("2025-11-20"), updated: day("2025-11-28") });
    assert.deepEqual(shownDates(day("2025-11-28"), day("2025-11-28")), { created: day("2025-11-28") }, "the same date twice");
    assert.deepEqual(shownDates(day("2025-11-28"), new Date("2025-11-28T20:00:00Z")), { created: day("2025-11-28") }, "an edit the same day");
    assert.deepEqual(shownDates(day("2025-11-28"), day("2025-11-20")), { created: day("2025-11-28") }, "an update before the publication");
    assert.deepEqual(shownDates(undefined, day("2025-11-20")), { updated: day("2025-11-20") });
    assert.deepEqual(shownDates(day("2025-11-20"), undefined), { created: day("2025-11-20") });
    assert.deepEqual(shownDates(undefined, undefined), {});
  });
});

describe("a web clip's dates and credits", () => {
  const md = createMarkdown();
  const read = (frontmatter: string) => {
    const diagnostics: Diagnostic[] = [];
    const note = readNote("Clip.md", `---\ndg-publish: true\n${frontmatter}\n---\n\nSome words of the clip.\n`, md, diagnostics);
    assert.ok(note);
    return { note, diagnostics };
  };
  const site = resolveOptions({ site: { title: "G", url: "https://g.example", language: "en" } }).site;

  it("publishes the original's date apart from the clip's, and credits the authors the author page resolver knows", () => {
    const { note } = read('source: "https://futurism.com/x"\nauthor:\n  - "[[Ann]]"\n  - "[[Private]]"\npublished: 2025-04-24\ncreated: 2025-05-01');
    const view = articleView(note, site, (src) => src, (linkpath) => (linkpath === "Ann" ? "/people/ann/" : undefined));
    assert.equal(view.published?.text, "April 24, 2025");
    assert.equal(view.created?.text, "May 1, 2025");
    assert.deepEqual(view.byline, [{ name: "Ann", href: "/people/ann/", before: "" }, { name: "Private", before: " and " }]);
    const data = JSON.parse(view.jsonLd) as Record<string, unknown>;
    assert.equal(data["@type"], "NewsArticle");
    assert.equal(data["datePublished"], "2025-04-24T00:00:00.000Z");
    assert.equal(data["dateModified"], "2025-05-01T00:00:00.000Z");
    assert.deepEqual(data["author"], [{ "@type": "Person", name: "Ann", url: "https://g.example/people/ann/" }, { "@type": "Person", name: "Private" }]);
  });

  it("reads published as a note's own date when it is not a clip, and a published: true flag without a warning", () => {
    const own = articleView(read("published: 2025-02-03").note, site);
    assert.equal(own.created?.text, "February 3, 2025");
    assert.equal(own.published, undefined);
    assert.equal(JSON.parse(own.jsonLd)["@type"], "Article");
    assert.deepEqual(read("published: true").diagnostics, []);
    assert.match(read("published: someday").diagnostics[0]?.message ?? "", /`published` "someday" is not a date/);
  });
});
