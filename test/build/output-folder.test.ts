/**
 * The output folder: a build replaces only a folder Trellis wrote, holds a lock while it works,
 * and a build that was killed never costs the previous site nor leaves its leftovers behind.
 */
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, listFiles, runTrellis, tempDir } from "../helpers/cli.ts";

describe("the output folder", { timeout: 120_000 }, () => {
  it("is never a folder of somebody else's files, unless --force says so", async () => {
    const dir = await tempDir("out-foreign");
    const out = path.join(dir, "gh-pages");
    await mkdir(path.join(out, ".git"), { recursive: true });
    await writeFile(path.join(out, "CNAME"), "garden.example\n");
    await writeFile(path.join(out, ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
    const refused = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /output folder .*gh-pages holds files that Trellis did not write .*--force/);
    assert.deepEqual(await listFiles(out), [".git/HEAD", "CNAME"], "the folder was touched");

    const forced = await runTrellis(["build", fixture("garden"), "--out", out, "--force"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok((await listFiles(out)).includes(".trellis"), "a build marks the folder it wrote");
    // Now it is Trellis's: the next build replaces it without --force.
    const again = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(again.code, 0, again.stderr);
  });

  it("is locked while a build writes it: a second build stops with a clear message", async () => {
    const dir = await tempDir("out-locked");
    const out = path.join(dir, "site");
    // A lock held by a live process (this one).
    await writeFile(`${out}.trellis-lock`, String(process.pid));
    const second = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, new RegExp(`another Trellis build \\(process ${process.pid}\\) is writing`));
    assert.deepEqual(await readdir(dir), ["site.trellis-lock"], "the second build wrote something");
  });

  it("puts back the previous site a killed build moved aside, and removes what killed builds left", async () => {
    const dir = await tempDir("out-killed");
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    assert.equal((await runTrellis(["build", fixture("garden"), "--out", out], { env })).code, 0);
    const before = await readFile(path.join(out, "index.html"), "utf8");
    // A build killed between its two renames (pid 2^22 + 1 is beyond Linux's pid_max: never alive),
    // with its half-written folder and its lock.
    const dead = 4194305;
    await rename(out, `${out}.trellis-old-${dead}`);
    await mkdir(`${out}.trellis-build-${dead}/half`, { recursive: true });
    await writeFile(`${out}.trellis-lock`, String(dead));
    // The next build fails (a broken note), so what is left is what recovery made of it.
    const vault = path.join(dir, "vault");
    await mkdir(vault);
    await writeFile(path.join(vault, "Broken.md"), "---\ndg-publish: true\ndg-permalink: /what?/\n---\nBroken.\n");
    const failed = await runTrellis(["build", vault, "--out", out], { env });
    assert.equal(failed.code, 1, failed.stderr);
    assert.equal(await readFile(path.join(out, "index.html"), "utf8"), before, "the previous site was not put back");
    assert.deepEqual((await readdir(dir)).sort(), ["cache", "site", "vault"], "leftovers of the killed build remain");
  });
});
