/**
 * A garden large enough is built on several threads (the scan's reader, the bodies' renderer:
 * src/render/body-pool.ts); `TRELLIS_THREADS=1` keeps a build to one. Either way the site is the
 * same, byte for byte, warnings included.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { generateVault } from "../../scripts/bench/generate-vault.ts";
import { fixture, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

describe("a build on two threads", () => {
  it("makes the site a build on one thread makes", async () => {
    const dir = await tempDir("threads");
    const vault = path.join(dir, "vault");
    // Above the size from which bodies are rendered on a second thread (publisher.ts, WORKER_FROM).
    await generateVault(vault, { notes: 400, seed: 7 });
    // One cache, so that both find the same images; `--fresh`, so that the second renders every body again.
    const build = async (name: string, env: Record<string, string>) => {
      const out = path.join(dir, name);
      const built = await runTrellis(["build", vault, "--out", out, "--fresh"], { env: { TRELLIS_CACHE: path.join(dir, "cache"), ...env } });
      assert.equal(built.code, 0, built.stderr);
      return { site: await readSite(out), stderr: built.stderr };
    };
    // Four threads: the bodies' worker starts only when a build may use that many.
    const two = await build("two", { TRELLIS_THREADS: "4" });
    const one = await build("one", { TRELLIS_THREADS: "1" });
    assert.ok(two.site.size > 300, `${two.site.size} files`);
    assert.deepEqual([...two.site.keys()].sort(), [...one.site.keys()].sort());
    for (const [file, text] of one.site) assert.ok(two.site.get(file) === text, `${file} differs`);
    assert.match(one.stderr, /warning: /, "the generated vault's warnings are what this compares too");
    assert.equal(two.stderr.replace(/ in [\d.]+ s/, ""), one.stderr.replace(/ in [\d.]+ s/, ""));
  });

  it("refuses a number of threads that is not one, saying what it wants", async () => {
    const dir = await tempDir("threads-bad");
    const built = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "site")], { env: { TRELLIS_THREADS: "two" } });
    assert.equal(built.code, 2, built.stderr);
    assert.match(built.stderr, /TRELLIS_THREADS is "two": give a whole number of threads, 1 or more/);
  });
});
