/** The `new` and `check` commands and `--version`, run as an author would. */
import assert from "node:assert/strict";
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, listFiles, REPO, runTrellis, tempDir } from "../helpers/cli.ts";

async function vaultCopy(name: string): Promise<string> {
  const dir = path.join(await tempDir(name), "vault");
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

describe("trellis new", () => {
  it("creates a note that the next build publishes, and never overwrites one", async () => {
    const vault = await vaultCopy("steering");
    const created = await runTrellis(["new", "My First Idea: Drafts?", "--folder", "Ideas", "--content", vault]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Ideas\/My First Idea- Drafts-\.md; the next build publishes it at \/my-first-idea-drafts\//);
    const source = await readFile(path.join(vault, "Ideas", "My First Idea- Drafts-.md"), "utf8");
    assert.match(source, /^---\ndg-publish: true\ntitle: "My First Idea: Drafts\?"\ndg-permalink: "\/my-first-idea-drafts\/"\n/);

    const again = await runTrellis(["new", "My First Idea: Drafts?", "--folder", "Ideas", "--content", vault]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(await readFile(path.join(vault, "Ideas", "My First Idea- Drafts-.md"), "utf8"), source);

    const out = path.join(path.dirname(vault), "site");
    const built = await runTrellis(["build", vault, "--out", out]);
    assert.equal(built.code, 0, built.stderr);
    assert.match(await readFile(path.join(out, "my-first-idea-drafts", "index.html"), "utf8"), /<h1 class="article__title">My First Idea: Drafts\?<\/h1>/);
  });

  it("numbers the permalink when another note has it", async () => {
    const vault = await vaultCopy("steering");
    const created = await runTrellis(["new", "Template notes", "--content", vault]);
    assert.equal(created.code, 1, "a note with that file name exists");
    const other = await runTrellis(["new", "Template Notes!", "--content", vault]);
    assert.equal(other.code, 0, other.stderr);
    assert.match(other.stdout, /publishes it at \/template-notes-2\//);
  });

  it("rejects folders outside the notes folder and missing titles", async () => {
    const vault = await vaultCopy("steering");
    assert.equal((await runTrellis(["new", "X", "--folder", "../escape", "--content", vault])).code, 2);
    assert.equal((await runTrellis(["new", "--content", vault])).code, 2);
    assert.equal((await runTrellis(["new", "   ", "--content", vault])).code, 2);
  });
});

describe("trellis check", () => {
  it("lists exactly what would be published, writes nothing, exits 0 without errors", async () => {
    const vault = await vaultCopy("garden");
    const before = await listFiles(path.dirname(vault));
    const result = await runTrellis(["check", vault, "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { notes: Array<{ path: string; url: string; hidden: boolean }>; attachments: Array<{ path: string }>; diagnostics: Array<{ severity: string; file: string; line?: number; message: string }> };
    assert.deepEqual(report.notes.map((n) => n.path).sort(), [
      "Alpha.md", "Cycle A.md", "Cycle B.md", "Delta.md", "Folder/Beta.md", "Folder/Folder.md", "Gamma.md", "Hidden note.md", "Home.md", "Other/Alpha.md", "Photo story.md",
    ]);
    assert.equal(report.notes.find((n) => n.path === "Hidden note.md")?.hidden, true);
    assert.deepEqual(report.attachments.map((a) => a.path).sort(), ["Attachments/clip.mp3", "Attachments/doc.pdf", "Attachments/harbour.jpg", "Attachments/my pic.png", "Attachments/pic.png"]);
    assert.ok(report.diagnostics.some((d) => d.file === "Home.md" && d.line === 9 && /dead link: \[\[Secret\]\]/.test(d.message)));
    assert.ok(report.diagnostics.some((d) => /embed cycle/.test(d.message)), "render-time warnings are included");
    assert.deepEqual(await listFiles(path.dirname(vault)), before, "check wrote files");
  });

  it("prints a readable list for people", async () => {
    const result = await runTrellis(["check", fixture("garden")]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Would publish 11 notes from test\/fixtures\/garden:/);
    assert.match(result.stdout, /\/hidden-note\/\s+Hidden note\.md {2}\(hidden: listed nowhere\)/);
    assert.match(result.stdout, /Would publish 5 attachments:/);
    assert.match(result.stdout, /No errors: 12 notes found, 11 published \(1 hidden\), 1 skipped as unpublished, 4 dead links/);
  });

  it("exits 1 when there are errors and 2 on wrong usage", async () => {
    const bad = await runTrellis(["check", fixture("bad-permalink")]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /error: test\/fixtures\/bad-permalink\/Question\.md:4: `dg-permalink`/);
    assert.equal((await runTrellis(["check", fixture("garden"), "--strict"])).code, 1);
    assert.equal((await runTrellis(["check", "/no/such/vault"])).code, 2);
    assert.equal((await runTrellis(["check", fixture("garden"), "--out", "x"])).code, 2);
    const help = await runTrellis(["check", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: trellis check/);
  });
});

describe("trellis --version", () => {
  it("prints the version in package.json, with or without a command", async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as { version: string };
    for (const args of [["--version"], ["build", "--version"]]) {
      const result = await runTrellis(args);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${version}\n`);
    }
  });
});
