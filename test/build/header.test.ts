/** The site's header marks the page the reader is on; the home page is no article, with no date. */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

describe("the site's header", () => {
  it("marks the current page among its links, and the home page shows no date", async () => {
    const dir = await tempDir("header");
    const out = path.join(dir, "site");
    const result = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
    const site = await readSite(out);
    const nav = (file: string) => site.get(file)?.match(/<nav class="site-nav"[\s\S]*?<\/nav>/)?.[0] ?? "";
    const current = (file: string) => [...nav(file).matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((match) => match[1]);
    assert.deepEqual(current("index.html"), ["/"]);
    assert.deepEqual(current("tags/index.html"), ["/tags/"]);
    assert.deepEqual(current("graph/index.html"), ["/graph/"]);
    const note = [...site.keys()].find((file) => file.endsWith("/index.html") && !["index.html", "tags/index.html", "graph/index.html"].includes(file) && site.get(file)?.includes('class="article'));
    assert.ok(note);
    assert.deepEqual(current(note), [], `${note} marks a link as the current page`);
    // A note's page shows its dates (the check below can fail): the home page alone does not.
    assert.match(site.get(note) ?? "", /class="article__meta"/);
    assert.doesNotMatch(site.get("index.html") ?? "", /class="article__meta"/, "the home page shows a date");
  });
});
