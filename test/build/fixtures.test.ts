/** Builds small fixture vaults with the real command: notes are data, errors are clear, failures are safe. */
import assert from "node:assert/strict";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

describe("a note's text and frontmatter are data, never code", () => {
  it("prints template syntax verbatim and ignores Eleventy keys", async () => {
    const out = path.join(await tempDir("steering"), "site");
    const result = await runTrellis(["build", fixture("steering"), "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    const site = await readSite(out);
    const html = site.get("template-notes/index.html");
    assert.ok(html, `template-notes/index.html missing; built: ${[...site.keys()].join(", ")}`);
    assert.match(html, /\{\{ 7 \* 7 \}\}/);
    assert.match(html, /\{% set leaked = “LEAKED” %\}\{\{ leaked \}\}/);
    assert.match(html, /\{\{ page\.url \}\}/);
    assert.match(html, /&lt;%= 6 \* 7 %&gt;/);
    assert.match(html, /\$\{ 6 \* 7 \}/);
    assert.doesNotMatch(html, /\b49\b|\b42\b/);
    assert.match(html, /<h1 class="article__title">Template notes<\/h1>/);
    for (const [file, text] of site) {
      assert.ok(!text.includes("HACKED TITLE"), `${file} used eleventyComputed from a note`);
      assert.ok(!text.includes("Xylophonic"), `${file} contains an unpublished note`);
      assert.doesNotMatch(file, /elsewhere|secret-plans/, `${file} was written because a note asked Eleventy to`);
    }
    // `tags` are Trellis's tags: a tag page lists the note, no Eleventy collection is made.
    assert.match(site.get("tags/post/index.html") ?? "", /href="\/template-notes\/"/);
    // `permalink` is one of Trellis's own publishing keys.
    assert.ok(site.has("chosen-by-note/index.html"));
    assert.match(result.stdout, /3 notes found, 2 published \(0 hidden\), 1 skipped as unpublished/);
  });
});

describe("errors in notes", () => {
  it("stops on two notes at one URL, naming both, and keeps the previous site", async () => {
    const out = path.join(await tempDir("duplicate"), "site");
    const first = await runTrellis(["build", fixture("steering"), "--out", out]);
    assert.equal(first.code, 0, first.stderr);
    const before = await listFiles(out);

    const result = await runTrellis(["build", fixture("duplicate"), "--out", out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /duplicate\/Second\.md: published at \/same\/, the same URL as First\.md/);
    assert.match(result.stderr, /fix: /);
    assert.deepEqual(await listFiles(out), before, "the previous output was changed");
    // Nothing beside the site either: no temporary folder, old site or lock left behind.
    assert.deepEqual(await readdir(path.dirname(out)), ["site"]);
  });

  it("lists every invalid permalink at once with file, line and value", async () => {
    const out = path.join(await tempDir("bad-permalink"), "site");
    const result = await runTrellis(["build", fixture("bad-permalink"), "--out", out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error: test\/fixtures\/bad-permalink\/Question\.md:4: `dg-permalink` "\/what\?\/" contains a question mark/);
    assert.match(result.stderr, /error: test\/fixtures\/bad-permalink\/Escape\.md:3: `dg-permalink` "\.\.\/\.\.\/outside" contains a "\.\." segment/);
    await assert.rejects(readFile(path.join(out, "index.html")), "a failed build wrote output");
  });

  it("answers wrong usage with exit code 2", async () => {
    const missing = await runTrellis(["build", "/no/such/folder"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /notes folder \/no\/such\/folder does not exist/);
    const unknown = await runTrellis(["build", "--frobnicate"]);
    assert.equal(unknown.code, 2);
    const command = await runTrellis(["publish"]);
    assert.equal(command.code, 2);
    const help = await runTrellis(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /trellis <command>/);
  });

  it("refuses an output folder that holds the notes", async () => {
    const dir = await tempDir("overlap");
    await cp(fixture("steering"), path.join(dir, "notes"), { recursive: true });
    const before = await listFiles(dir);
    const result = await runTrellis(["build", path.join(dir, "notes"), "--out", dir]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /contains the notes/);
    assert.deepEqual(await listFiles(dir), before, "files of the notes folder changed");
  });
});

describe("building a folder outside the repository", () => {
  it("builds relative paths from the directory the command runs in", async () => {
    const dir = await tempDir("outside");
    await mkdir(path.join(dir, "vault", "Sub"), { recursive: true });
    await writeFile(path.join(dir, "vault", "Sub", "Outside Note.md"), "---\npublish: true\n---\n# Outside\n\nFrom another folder.\n");
    const result = await runTrellis(["build", "vault", "--out", "public-site"], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const html = await readFile(path.join(dir, "public-site", "sub", "outside-note", "index.html"), "utf8");
    assert.match(html, /<h1 class="article__title" id="outside">Outside<\/h1>/);
    assert.match(html, /From another folder\./);
  });
});
