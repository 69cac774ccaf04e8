/**
 * A tag on many notes lists them a page at a time, so no page of the site grows with the garden.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { readSite, runTrellis, tempDir } from "../helpers/cli.ts";
import { brokenLinks } from "../helpers/links.ts";
import { validationErrors } from "../helpers/validate.ts";

const NOTES = 230;
let site: Map<string, string>;

before(async () => {
  const dir = await tempDir("tag-pages");
  const vault = path.join(dir, "vault");
  await mkdir(vault, { recursive: true });
  await Promise.all(
    Array.from({ length: NOTES }, (_, i) =>
      writeFile(path.join(vault, `Note ${i + 1}.md`), `---\ndg-publish: true\ntags: [many${i < 3 ? ", few, many/page/2" : ""}]\nupdated: 2026-01-01T00:00:${String(i % 60).padStart(2, "0")}Z\n---\nNote ${i + 1}.\n`),
    ),
  );
  const out = path.join(dir, "site");
  const result = await runTrellis(["build", vault, "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  site = await readSite(out);
});

const items = (html: string) => [...html.matchAll(/class="note-list__link" href="([^"]+)"/g)].map((match) => match[1]);

describe("tag pages", () => {
  it("list a long tag 100 notes a page, every note once", () => {
    const pages = ["tags/many/index.html", "tags/many/page_2/index.html", "tags/many/page_3/index.html"].map((file) => site.get(file) ?? assert.fail(`${file} is missing`));
    assert.deepEqual(pages.map((html) => items(html).length), [100, 100, 30]);
    assert.equal(new Set(pages.flatMap(items)).size, NOTES);
    assert.equal(site.has("tags/many/page_4/index.html"), false);
    assert.match(pages[1] ?? "", /<title>#many \(page 2 of 3\)/);
    assert.match(pages[1] ?? "", /href="\/tags\/many\/" rel="prev"/);
    assert.match(pages[1] ?? "", /href="\/tags\/many\/page_3\/" rel="next"/);
  });

  it("never take the address of a nested tag (#many/page/2 has its own page)", () => {
    const html = site.get("tags/many/page/2/index.html") ?? assert.fail("the nested tag's page is missing");
    assert.equal(items(html).length, 3);
    assert.match(html, /<title>#many\/page\/2 ·/);
  });

  it("keep a short tag on one page, without a pager", () => {
    const html = site.get("tags/few/index.html") ?? assert.fail("tags/few is missing");
    assert.equal(items(html).length, 3);
    assert.doesNotMatch(html, /class="pager"/);
    assert.equal(site.has("tags/few/page_2/index.html"), false);
  });

  it("link only to pages that exist, in valid HTML", async () => {
    assert.deepEqual(brokenLinks(site), []);
    const tagPages = new Map([...site].filter(([file]) => file.startsWith("tags/")));
    assert.deepEqual(await validationErrors(tagPages), []);
  });
});
