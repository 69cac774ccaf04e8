/** Dates from git history fill in what a note's frontmatter does not say; a shallow clone is said to give wrong ones. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { VaultReader } from "../../src/read/vault-reader.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { tempDir } from "../helpers/cli.ts";

/** git in `cwd`, with the dates of the commit it makes (if any) fixed. */
function git(cwd: string, args: string[], date = "2024-03-05T10:00:00Z"): string {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: "A", GIT_AUTHOR_EMAIL: "a@example.org", GIT_COMMITTER_NAME: "A", GIT_COMMITTER_EMAIL: "a@example.org" };
  return execFileSync("git", args, { cwd, env, encoding: "utf8" });
}

const NOTE = "---\ndg-publish: true\n---\n\nWords.\n";

async function readVault(contentDir: string) {
  const reader = new VaultReader(contentDir, createMarkdown(), "flag");
  const listing = await reader.list();
  const read = await reader.read("Dated.md");
  return { listing, note: read?.note };
}

describe("dates from git", () => {
  it("are a note's first and last commit, in the vault's folder of a repository", async () => {
    const repo = await tempDir("git-dates");
    const vault = path.join(repo, "notes");
    await mkdir(vault);
    git(repo, ["init", "-q"]);
    await writeFile(path.join(vault, "Dated.md"), NOTE);
    git(repo, ["add", "."]);
    git(repo, ["commit", "-qm", "first"], "2024-03-05T10:00:00Z");
    await writeFile(path.join(vault, "Dated.md"), `${NOTE}More words.\n`);
    git(repo, ["commit", "-qam", "second"], "2024-06-07T10:00:00Z");

    const { listing, note } = await readVault(vault);
    assert.deepEqual(listing.notes, ["Dated.md"]);
    assert.deepEqual(listing.diagnostics, []);
    assert.equal(note?.created?.toISOString(), "2024-03-05T10:00:00.000Z");
    assert.equal(note?.updated?.toISOString(), "2024-06-07T10:00:00.000Z");

    // A shallow clone knows only its last commit: its dates are kept, with a warning.
    const clone = await tempDir("git-dates-shallow");
    git(clone, ["clone", "-q", "--depth", "1", `file://${repo}`, "site"]);
    const shallow = await readVault(path.join(clone, "site", "notes"));
    assert.match(shallow.listing.diagnostics.map((d) => d.message).join("\n"), /shallow clone/);
    assert.equal(shallow.note?.created?.toISOString(), "2024-06-07T10:00:00.000Z");
  });

  it("are none outside a repository, without a warning", async () => {
    const vault = await tempDir("git-dates-none");
    await writeFile(path.join(vault, "Dated.md"), NOTE);
    const { listing, note } = await readVault(vault);
    assert.deepEqual(listing.diagnostics, []);
    assert.equal(note?.created, undefined);
    assert.equal(note?.updated, undefined);
  });
});
