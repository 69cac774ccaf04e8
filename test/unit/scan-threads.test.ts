/**
 * A vault of 1,000 notes or more is scanned by two threads. The Garden and its messages must be
 * the ones a single thread gives, in the same order.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import type { Garden } from "../../src/garden/garden.ts";
import { readFile } from "node:fs/promises";
import { readNoteFile, startScanWorker, type NoteRead } from "../../src/read/scan.ts";
import { scanVault } from "../../src/garden/garden-index.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { tempDir } from "../helpers/cli.ts";

const NOTES = 1200;

async function vault(): Promise<string> {
  const dir = await tempDir("scan-threads");
  await mkdir(path.join(dir, "Folder"), { recursive: true });
  await Promise.all(
    Array.from({ length: NOTES }, (_, i) => {
      const file = path.join(dir, i % 3 === 0 ? "Folder" : "", `Note ${i}.md`);
      // Private, broken and CJK notes among them: every kind of result crosses the thread boundary.
      const frontmatter = i % 17 === 0 ? "---\ndg-publish: [oops\n---\n" : `---\ndg-publish: ${i % 5 !== 0}\ntags: [t${i % 7}]\n---\n`;
      const body = `# Title ${i}\n\nLinks to [[Note ${(i + 1) % NOTES}]], [[Missing ${i}]] and #inline${i % 3}.${i % 11 === 0 ? " 读书笔记" : ""}\n`;
      return writeFile(file, frontmatter + body);
    }),
  );
  return dir;
}

function snapshot(garden: Garden) {
  return {
    notes: garden.notes.map((note) => ({ ...note })),
    diagnostics: garden.diagnostics,
    stats: garden.stats,
    backlinks: [...garden.backlinks].map(([target, list]) => [target.path, list.map((link) => [link.note.path, link.context])]),
  };
}

describe("scanning a large vault", () => {
  it("reads notes on the worker thread as on this one", async () => {
    const contentDir = await vault();
    const md = createMarkdown();
    // Published, private (5), broken frontmatter (34) and CJK (33) notes.
    const files = ["Folder/Note 0.md", "Note 1.md", "Folder/Note 3.md", "Note 5.md", "Folder/Note 33.md", "Note 34.md"];
    const here: NoteRead[] = await Promise.all(
      files.map(async (file) => {
        return readNoteFile(file, await readFile(path.join(contentDir, file)), md, "flag", { keepBody: false });
      }),
    );
    const worker = startScanWorker({ contentDir, publish: "flag", markdown: {} });
    try {
      assert.equal(await worker.ready, true, "the worker did not start");
      assert.deepEqual(await worker.read(files), here);
    } finally {
      worker.stop();
    }
  });

  it("gives the same Garden on two threads as on one", async () => {
    const contentDir = await vault();
    const md = createMarkdown();
    const one = await scanVault({ contentDir, md });
    const two = await scanVault({ contentDir, md, markdown: {} });
    assert.ok(one.notes.length > NOTES / 2, `${one.notes.length} notes published`);
    assert.ok(one.diagnostics.some((d) => d.severity === "error"), "the broken frontmatter is reported");
    assert.deepEqual(snapshot(two), snapshot(one));
  });
});
