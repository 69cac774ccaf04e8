/**
 * A page loads the styles of callouts, highlighted code and videos only when a note it shows
 * (its own, or one it embeds) has one; the sheets and the icons they name are in the site.
 */
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { runTrellis, tempDir } from "../helpers/cli.ts";

const NOTES: Record<string, string> = {
  "Plain.md": "Just text.",
  "Callout.md": "> [!tip] A tip\n> Water in the morning.",
  "Code.md": "```js\nconst x = 1;\n```",
  "Host.md": "Before.\n\n![[Callout]]",
  "Video.md": "![A talk](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
};

const SHEETS = { callouts: "/css/features/callouts.css", code: "/css/features/code.css", videos: "/css/features/video.css" };

describe("style sheets of what only some notes show", () => {
  let out = "";
  const page = (url: string) => readFile(path.join(out, url, "index.html"), "utf8");
  const sheetsOf = (html: string) => Object.entries(SHEETS).filter(([, href]) => html.includes(`<link rel="stylesheet" href="${href}">`)).map(([name]) => name);

  before(async () => {
    const dir = await tempDir("page-assets");
    const vault = path.join(dir, "vault");
    await mkdir(vault);
    for (const [file, body] of Object.entries(NOTES)) await writeFile(path.join(vault, file), `---\ndg-publish: true\n---\n${body}\n`);
    out = path.join(dir, "site");
    const result = await runTrellis(["build", vault, "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
  });

  it("are linked by the pages that show one, an embedding page included, and by no other", async () => {
    assert.deepEqual(sheetsOf(await page("plain")), []);
    assert.deepEqual(sheetsOf(await page("callout")), ["callouts"]);
    assert.deepEqual(sheetsOf(await page("code")), ["code"]);
    assert.deepEqual(sheetsOf(await page("host")), ["callouts"]);
    assert.deepEqual(sheetsOf(await page("video")), ["videos"]);
  });

  it("are in the site, minified, with the icons they name", async () => {
    for (const href of Object.values(SHEETS)) {
      const css = await readFile(path.join(out, href), "utf8");
      assert.ok(css.length > 0 && !css.includes("\n  "), `${href} is minified`);
      for (const [, url] of css.matchAll(/url\("?([^")]+)"?\)/g)) {
        await assert.doesNotReject(stat(path.join(out, path.dirname(href), url ?? "")), `${href} names ${url}`);
      }
    }
    assert.match(await readFile(path.join(out, SHEETS.callouts), "utf8"), /\.callout-tip\{/);
  });
});
