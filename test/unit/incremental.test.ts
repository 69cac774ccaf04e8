/**
 * The engine after edits is the engine of a fresh build: random vaults are edited at random
 * (notes rewritten, added, deleted, published, hidden), each edit applied to the GardenIndex
 * as `trellis serve` applies it. After every edit the Garden equals the Garden of a fresh scan,
 * and every output whose key did not change renders exactly as before: the keys that decide
 * what serve writes again miss nothing.
 */
import { siteData } from "../../src/render/site-data.ts";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import path from "node:path";
import { it } from "node:test";
import fc from "fast-check";
import nunjucks from "nunjucks";
import { makeArtefacts } from "../../src/emit/artefacts.ts";
import { siteOutputs } from "../../src/emit/outputs.ts";
import { PageRenderer } from "../../src/render/page-renderer.ts";
import type { Garden } from "../../src/garden/garden.ts";
import { indexVault } from "../../src/garden/garden-index.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { DEFAULT_OPTIONS } from "../../src/core/options.ts";
import { REPO, tempDir } from "../helpers/cli.ts";
import { randomNote, randomVault, writeRandomVault, type RandomNote } from "../helpers/random-vault.ts";

const md = createMarkdown();
const site = { ...DEFAULT_OPTIONS.site, url: "https://example.org" };
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(REPO, "_includes")), { autoescape: true, trimBlocks: true, lstripBlocks: true });

type Edit = { kind: "write"; note: RandomNote } | { kind: "delete"; index: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  randomNote.map((note): Edit => ({ kind: "write", note })),
  fc.nat(6).map((index): Edit => ({ kind: "delete", index })),
);

/** What a Garden publishes and how its notes are woven, to compare two Gardens. */
function snapshot(garden: Garden) {
  return {
    notes: garden.notes.map((note) => [note.path, note.url, note.title, note.home, note.hidden, note.version]),
    listed: garden.listed.map((note) => note.path),
    backlinks: [...garden.backlinks].map(([target, links]) => [target.path, links.map((link) => [link.note.path, link.context])]).sort(),
    attachments: [...garden.attachments],
    tags: garden.tags.all.map((tag) => [tag.url, tag.notes.map((note) => note.path)]),
    explorer: garden.explorer,
    stats: garden.stats,
    diagnostics: garden.diagnostics.map((d) => [d.file, d.line, d.message]),
  };
}

/** Every rendered output of a Garden: its key and its text. */
async function renderAll(garden: Garden, cacheDir: string): Promise<Map<string, { key: string; text: string }>> {
  const made = await makeArtefacts(garden, { site, cacheDir, history: { notes: {} }, images: false });
  const data = siteData(garden, made.artefacts, site);
  const renderer = new PageRenderer({ md, data, env, transformHtml: async (html) => html, garden, artefacts: made.artefacts });
  const rendered = new Map<string, { key: string; text: string }>();
  for (const output of siteOutputs(garden, made.artefacts, data)) {
    if (output.kind === "render") rendered.set(output.file, { key: output.key(), text: (await output.render(renderer)).text });
  }
  return rendered;
}

it("an edited garden is the garden of a fresh build, and an output whose key is unchanged is unchanged", async () => {
  await fc.assert(
    fc.asyncProperty(randomVault, fc.array(edit, { minLength: 1, maxLength: 5 }), async (notes, edits) => {
      const dir = await tempDir("incremental");
      const vault = path.join(dir, "vault");
      await writeRandomVault(vault, notes);
      const { index, reader } = await indexVault({ contentDir: vault, md });
      let before = await renderAll(index.garden, dir);
      const names = notes.map((note) => note.name);
      for (const change of edits) {
        let file: string;
        if (change.kind === "write") {
          await writeRandomVault(vault, [change.note]);
          file = `${change.note.name}.md`;
          if (!names.includes(change.note.name)) names.push(change.note.name);
        } else {
          const name = names[change.index % names.length] ?? "Alpha";
          file = `${name}.md`;
          await rm(path.join(vault, file), { force: true });
        }
        const read = await reader.read(file);
        const known = index.file(file) !== undefined;
        index.apply(read && known ? { files: new Map([[file, read]]) } : { files: new Map([[file, read]]), listing: await reader.list() });

        const fresh = (await indexVault({ contentDir: vault, md })).index.garden;
        assert.deepEqual(snapshot(index.garden), snapshot(fresh), `after ${change.kind} ${file}`);
        const after = await renderAll(index.garden, dir);
        for (const [output, { key, text }] of after) {
          const was = before.get(output);
          if (was && was.key === key) assert.equal(text, was.text, `${output} changed after ${change.kind} ${file} though its key did not`);
        }
        before = after;
      }
    }),
    { numRuns: Number(process.env["PROPERTY_RUNS"] ?? 15), seed: Number(process.env["PROPERTY_SEED"] ?? 1) },
  );
});
