/**
 * `trellis check` is the privacy review: what it lists must be exactly what `trellis build`
 * publishes, with the same settings, in both publish modes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { fixture, listFiles, runTrellis, tempDir } from "../helpers/cli.ts";

interface CheckJson {
  notes: Array<{ path: string; url: string }>;
  attachments: Array<{ path: string; url: string }>;
  files: string[];
}

/** Where a page is written for an address. */
const fileOf = (url: string) => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\/+/, "");

/** Files every site has whatever its notes: styles, scripts, icons, the search index. */
async function siteFurniture(): Promise<Set<string>> {
  const dir = await tempDir("furniture");
  const vault = path.join(dir, "vault");
  await mkdir(vault);
  await writeFile(path.join(vault, "Only.md"), "---\ndg-publish: true\n---\nThe only note.\n");
  const out = path.join(dir, "site");
  const result = await runTrellis(["build", vault, "--out", out]);
  assert.equal(result.code, 0, result.stderr);
  const check = JSON.parse((await runTrellis(["check", vault, "--json"])).stdout) as CheckJson;
  const listed = new Set(check.files);
  return new Set((await listFiles(out)).filter((file) => !listed.has(file)));
}

describe("trellis check and trellis build", { timeout: 180_000 }, () => {
  for (const mode of ["flag", "all"]) {
    it(`agree on every note and attachment published, and where (--publish ${mode})`, async () => {
      const furniture = await siteFurniture();
      const dir = await tempDir(`agree-${mode}`);
      const out = path.join(dir, "site");
      const args = ["--publish", mode, "--url", "https://example.org"];
      const checked = await runTrellis(["check", fixture("garden"), "--json", ...args]);
      assert.equal(checked.code, 0, checked.stderr);
      const report = JSON.parse(checked.stdout) as CheckJson;
      const built = await runTrellis(["build", fixture("garden"), "--out", out, ...args]);
      assert.equal(built.code, 0, built.stderr);
      const files = await listFiles(out);

      // Every file the build wrote is one check listed, the same in every site, or made from
      // what check listed: the search index of the pages, sizes of the images, the notes' cards
      // (check renders in memory and optimises no image).
      const listed = new Set(report.files);
      const derived = (file: string) => file.startsWith("pagefind/") || file.startsWith("img/") || file.startsWith("og/");
      const unexplained = files.filter((file) => !listed.has(file) && !furniture.has(file) && !derived(file));
      assert.deepEqual(unexplained, [], "the build wrote files check did not list");
      const written = new Set(files);
      assert.deepEqual(report.files.filter((file) => !written.has(file)), [], "check listed files the build did not write");

      // The notes' pages and the attachments are the ones check names, at the addresses it names.
      for (const note of report.notes) assert.ok(written.has(fileOf(note.url)), `${note.path} at ${note.url} was not built`);
      assert.deepEqual(files.filter((file) => file.startsWith("assets/")).sort(), report.attachments.map((a) => fileOf(a.url)).sort());
      const pages = files.filter((file) => file.endsWith(".html") && !listed.has(file));
      assert.deepEqual(pages.filter((file) => !furniture.has(file)), []);
      if (mode === "all") {
        assert.ok(report.notes.length > 11, `publish all published only ${report.notes.length} notes`);
        assert.ok(report.notes.some((note) => note.path === "Private/Secret.md"), "a note without publishing keys is published in mode all");
      }
    });
  }
});
