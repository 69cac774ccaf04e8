import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { detectLayout, vaultPathOf, vaultSource } from "../../src/read/layout.ts";
import { listVaultFiles } from "../../src/read/files.ts";
import { tempDir } from "../helpers/cli.ts";

async function tree(files: string[]): Promise<string> {
  const root = await tempDir("layout");
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), "x");
  }
  return root;
}

describe("detectLayout", () => {
  it("reads a Digital Garden repository from src/site/notes, with src/site/img/user at img/user", async () => {
    const root = await tree(["src/site/notes/Home.md", "src/site/img/user/Folder/pic.png", "src/site/img/user/notes.md", "package.json"]);
    const expected = { kind: "digital-garden", notes: path.join(root, "src/site/notes"), mounts: [{ at: "img/user", dir: path.join(root, "src/site/img/user") }], repository: root };
    assert.deepEqual(detectLayout(root), expected);
    assert.deepEqual(detectLayout(path.join(root, "src/site/notes")), expected, "the notes folder itself is recognised too");
    assert.deepEqual(detectLayout(path.join(root, "src/site")), expected, "src/site is recognised too: its notes folder is the explorer's root");
    const files = await listVaultFiles(expected.notes, expected.mounts);
    // A note file among the images is not a note of the garden.
    assert.deepEqual(files, { notes: ["Home.md"], attachments: ["img/user/Folder/pic.png"], skippedLinks: [], unreadable: [] });
    assert.equal(vaultSource(expected.notes, expected.mounts, "img/user/Folder/pic.png"), path.join(root, "src/site/img/user/Folder/pic.png"));
    assert.equal(vaultSource(expected.notes, expected.mounts, "Home.md"), path.join(root, "src/site/notes/Home.md"));
    assert.equal(vaultPathOf(expected.notes, expected.mounts, path.join(root, "src/site/img/user/Folder/pic.png")), "img/user/Folder/pic.png");
    assert.equal(vaultPathOf(expected.notes, expected.mounts, path.join(root, "src/site/notes/Home.md")), "Home.md");
    assert.equal(vaultPathOf(expected.notes, expected.mounts, path.join(root, "src/site/img/other.png")), "../img/other.png");
  });
  it("reads a Quartz checkout from content/", async () => {
    const root = await tree(["quartz.config.ts", "content/index.md"]);
    assert.deepEqual(detectLayout(root), { kind: "quartz", notes: path.join(root, "content"), mounts: [] });
  });
  it("reads any other folder as the vault", async () => {
    const root = await tree(["notes/Home.md", "content/a.md"]);
    assert.deepEqual(detectLayout(root), { kind: "vault", notes: root, mounts: [] });
    assert.deepEqual(detectLayout(path.join(root, "notes")), { kind: "vault", notes: path.join(root, "notes"), mounts: [] });
  });
});
