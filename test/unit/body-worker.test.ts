/**
 * Note bodies rendered on the second thread (src/render/body-pool.ts) are the bodies the main
 * thread renders, with the same problems reported: the worker assembles its own Garden from the
 * parts the main thread's was assembled from.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveOptions } from "../../src/core/options.ts";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import { indexVault } from "../../src/garden/garden-index.ts";
import { renderArticleBody } from "../../src/render/article/render.ts";
import { BodyWorker } from "../../src/render/body-pool.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";
import { fixture } from "../helpers/cli.ts";

describe("the body worker", () => {
  it("renders every note's body as the main thread does, problems included", async () => {
    const markdown = {};
    const md = createMarkdown(markdown);
    const { index } = await indexVault({ contentDir: fixture("garden"), md, markdown });
    const garden = index.garden;
    const site = resolveOptions({ site: { title: "G", url: "https://g.example", language: "en" } }).site;
    const worker = BodyWorker.start({ parts: index.parts(), markdown });
    assert.ok(worker, "the garden's parts could not be sent to a worker");
    try {
      assert.equal(worker.artefacts(new Map(), site), true);
      assert.equal(await worker.loaded, true);
      let problems = 0;
      for (const note of garden.notes) {
        const diagnostics: Diagnostic[] = [];
        const html = renderArticleBody(md, note, garden, new Map(), diagnostics, site);
        const there = await worker.render(note.path);
        assert.ok(there, `${note.path} was not rendered by the worker`);
        assert.equal(there.html, html, note.path);
        assert.deepEqual(there.diagnostics, diagnostics, note.path);
        problems += diagnostics.length;
      }
      assert.ok(garden.notes.length > 10 && problems > 0, `${garden.notes.length} notes, ${problems} problems: the fixture no longer shows what this compares`);
      assert.equal(await worker.render("No such note.md"), undefined);
    } finally {
      await worker.stop();
    }
    assert.equal(worker.ready, false);
    assert.equal(await worker.render(garden.notes[0]?.path ?? ""), undefined, "a stopped worker leaves the body to this thread");
  });
});
