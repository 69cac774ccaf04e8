/** A garden whose every note is hidden: no search index is written, so no page offers search. */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

describe("a garden with no listed note", () => {
  it("has no search button, search script or search index, and no page asks for Pagefind's files", async () => {
    const dir = await tempDir("no-listed");
    const vault = path.join(dir, "vault");
    await mkdir(vault);
    await writeFile(path.join(vault, "Hidden.md"), "---\ndg-publish: true\ndg-hide: true\n---\nA hidden note.\n");
    const out = path.join(dir, "site");
    const result = await runTrellis(["build", vault, "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
    const files = await listFiles(out);
    assert.ok(!files.some((file) => file.startsWith("pagefind/")), "a search index was written");
    const pages = [...(await readSite(out))].filter(([file]) => file.endsWith(".html"));
    assert.ok(pages.length >= 3, pages.map(([file]) => file).join(" "));
    for (const [file, html] of pages) {
      assert.doesNotMatch(html, /data-search-open|\/js\/search\.js|pagefind-ui/, `${file} offers search`);
    }
  });
});
