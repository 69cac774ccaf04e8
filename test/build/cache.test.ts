/**
 * The cache kept across builds (rendered bodies, images, the history of addresses) is an
 * optimisation only: a build with a warm cache writes exactly what a build from an empty one
 * writes, and a damaged cache is reported, rebuilt and never published.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fixture, listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";
import { randomNote, randomVault, writeRandomVault } from "../helpers/random-vault.ts";

async function build(vault: string, out: string, cache: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return runTrellis(["build", vault, "--out", out], { env: { TRELLIS_CACHE: cache } });
}

async function copyHistory(from: string, to: string): Promise<void> {
  for (const vault of await readdir(from).catch(() => [] as string[])) {
    const history = path.join(from, vault, "urls.json");
    if (!existsSync(history)) continue;
    await mkdir(path.join(to, vault), { recursive: true });
    await copyFile(history, path.join(to, vault, "urls.json"));
  }
}

async function assertSameSite(actual: string, expected: string, what: string): Promise<void> {
  const [a, e] = [await readSite(actual), await readSite(expected)];
  assert.deepEqual([...a.keys()], [...e.keys()], `${what}: other files`);
  for (const [file, text] of e) assert.equal(a.get(file), text, `${what}: ${file} differs`);
}

describe("the build cache", { timeout: 300_000 }, () => {
  it("a warm build after random edits writes what a cold build writes", async () => {
    await fc.assert(
      fc.asyncProperty(randomVault, fc.array(randomNote, { minLength: 1, maxLength: 3 }), async (notes, edits) => {
        const dir = await tempDir("cache-warm");
        const vault = path.join(dir, "vault");
        await writeRandomVault(vault, notes);
        const first = await build(vault, path.join(dir, "warm-site"), path.join(dir, "warm"));
        await writeRandomVault(vault, edits);
        // Over the first build's site: its unchanged pages and search bundles are taken over.
        const warm = await build(vault, path.join(dir, "warm-site"), path.join(dir, "warm"));
        // The addresses notes had before are the garden's history, not a cache: the cold build
        // starts with the same history (a note whose address changed gets its redirect in both).
        await copyHistory(path.join(dir, "warm"), path.join(dir, "cold"));
        const cold = await build(vault, path.join(dir, "cold-site"), path.join(dir, "cold"));
        assert.equal(warm.code, cold.code, `${warm.stderr}\n---\n${cold.stderr}`);
        if (first.code !== 0 || cold.code !== 0) return;
        await assertSameSite(path.join(dir, "warm-site"), path.join(dir, "cold-site"), "warm and cold builds");
      }),
      // A failure is reported as found: shrinking would rebuild vaults for minutes.
      { numRuns: Number(process.env["PROPERTY_RUNS"] ?? 3), seed: Number(process.env["PROPERTY_SEED"] ?? 1), endOnFailure: true },
    );
  });

  it("reports damaged entries, renders them again, and publishes nothing of them", async () => {
    const dir = await tempDir("cache-damaged");
    const cache = path.join(dir, "cache");
    const first = await build(fixture("garden"), path.join(dir, "first"), cache);
    assert.equal(first.code, 0, first.stderr);
    const [vaultFolder] = await readdir(cache);
    const bodies = path.join(cache, vaultFolder ?? "", "bodies");
    const entries = await listFiles(bodies);
    assert.ok(entries.length >= 10, `only ${entries.length} bodies were cached`);
    // Garbage, a truncated entry, and an entry whose text was changed but not its checksum.
    await writeFile(path.join(bodies, entries[0] ?? ""), "\u0000\u0001garbage");
    const second = await readFile(path.join(bodies, entries[1] ?? ""), "utf8");
    await writeFile(path.join(bodies, entries[1] ?? ""), second.slice(0, 20));
    for (const entry of entries.slice(2)) {
      const text = await readFile(path.join(bodies, entry), "utf8");
      await writeFile(path.join(bodies, entry), text.replace(/<p>/, "<p>INJECTED "));
    }
    const again = await build(fixture("garden"), path.join(dir, "again"), cache);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /warning: the cache of rendered notes in .* held damaged entries; they were rendered again and replaced/);
    await assertSameSite(path.join(dir, "again"), path.join(dir, "first"), "a build over a damaged cache");
    const third = await build(fixture("garden"), path.join(dir, "third"), cache);
    assert.doesNotMatch(third.stderr, /damaged/, "the damaged entries were not replaced");
  });

  it("--fresh reads no note or body an earlier build kept, and still keeps them for the next", async () => {
    const dir = await tempDir("cache-fresh");
    const cache = path.join(dir, "cache");
    const first = await build(fixture("garden"), path.join(dir, "first"), cache);
    assert.equal(first.code, 0, first.stderr);
    const [vaultFolder] = await readdir(cache);
    const folder = path.join(cache, vaultFolder ?? "");
    // Both caches made unreadable: a build that read either would say so.
    await writeFile(path.join(folder, "notes.v8"), "\u0000\u0001garbage");
    for (const entry of await listFiles(path.join(folder, "bodies"))) await writeFile(path.join(folder, "bodies", entry), "garbage");
    const fresh = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "fresh"), "--fresh"], { env: { TRELLIS_CACHE: cache } });
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stderr, /damaged/);
    await assertSameSite(path.join(dir, "fresh"), path.join(dir, "first"), "a fresh build");
    // What the fresh build read and rendered is the cache of the next build, whole again.
    const next = await build(fixture("garden"), path.join(dir, "next"), cache);
    assert.equal(next.code, 0, next.stderr);
    assert.doesNotMatch(next.stderr, /damaged/);
  });

  it("takes the previous site's unchanged pages and search index over, and writes what a cold build writes", async () => {
    const dir = await tempDir("cache-reuse");
    const vault = path.join(dir, "vault");
    await cp(fixture("garden"), vault, { recursive: true });
    const [site, cache] = [path.join(dir, "site"), path.join(dir, "cache")];
    const first = await build(vault, site, cache);
    assert.equal(first.code, 0, first.stderr);
    const pages = Number(/Pages: (\d+) rendered, 0 taken over/.exec(first.stdout)?.[1]);
    assert.ok(pages > 5, first.stdout);
    const [vaultFolder] = await readdir(cache);
    const bodies = async () => (await listFiles(path.join(cache, vaultFolder ?? "", "bodies"))).length;
    const cached = await bodies();
    assert.ok(cached > 5, `only ${cached} bodies were cached`);

    // One note's text changes; a page of the previous site has gone missing meanwhile.
    const note = (await listFiles(vault)).find((file) => file.endsWith(".md") && /publish: true/.test(readFileSync(path.join(vault, file), "utf8")));
    assert.ok(note);
    await appendFile(path.join(vault, note), "\nA sentence with the word quorble, added later.\n");
    const gone = (await listFiles(site)).find((file) => file.endsWith("/index.html") && !file.startsWith("tags/"));
    assert.ok(gone);
    await rm(path.join(site, gone));

    const warm = await build(vault, site, cache);
    assert.equal(warm.code, 0, warm.stderr);
    const [rendered, reused] = (/Pages: (\d+) rendered, (\d+) taken over/.exec(warm.stdout) ?? []).slice(1).map(Number);
    assert.ok(reused !== undefined && rendered !== undefined && reused > 0 && rendered < pages && rendered + reused === pages, warm.stdout);
    // The same cache (the manifest's keys name optimised images by their place in it), read nothing of.
    const cold = await runTrellis(["build", vault, "--out", path.join(dir, "cold"), "--fresh"], { env: { TRELLIS_CACHE: cache } });
    assert.equal(cold.code, 0, cold.stderr);
    await assertSameSite(site, path.join(dir, "cold"), "a warm build over the previous site");

    // Nothing changed: every page and the search index are taken over.
    const again = await build(vault, site, cache);
    assert.match(again.stdout, new RegExp(`Pages: 0 rendered, ${pages} taken over from the previous build; search: 0 pages indexed, 1 bundle taken over`));
    await assertSameSite(site, path.join(dir, "cold"), "a build of nothing changed");
    // The bodies of the pages taken over stay cached, for the build that renders them again.
    assert.equal(await bodies(), cached, "bodies of pages taken over were removed from the cache");

    // A file of the search index has gone from the site: its bundle is indexed anew, whole.
    const fragment = (await listFiles(path.join(site, "pagefind", "fragment")))[0];
    assert.ok(fragment);
    await rm(path.join(site, "pagefind", "fragment", fragment));
    const mended = await build(vault, site, cache);
    assert.match(mended.stdout, /search: \d+ pages indexed, 0 bundles taken over/);
    await assertSameSite(site, path.join(dir, "cold"), "a build over a site missing a file of its index");
  });

  it("a page taken over reports the problems its rendering found, as the build that rendered it did", async () => {
    const dir = await tempDir("cache-problems");
    const [site, cache] = [path.join(dir, "site"), path.join(dir, "cache")];
    const warnings = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("warning:"));
    const first = await build(fixture("bases"), site, cache);
    assert.equal(first.code, 0, first.stderr);
    // Problems a base's rendering finds, on its line.
    assert.ok(warnings(first.stderr).some((line) => /Books\.base:8: base: formula\.broken/.test(line)), first.stderr);
    const again = await build(fixture("bases"), site, cache);
    assert.match(again.stdout, /Pages: 0 rendered, \d+ taken over/);
    assert.deepEqual(warnings(again.stderr), warnings(first.stderr));
    // Without the record of those problems, nothing is taken over: every page is rendered, and says so.
    const [vaultFolder] = await readdir(cache);
    await rm(path.join(cache, vaultFolder ?? "", "problems.json"));
    const without = await build(fixture("bases"), site, cache);
    assert.match(without.stdout, /Pages: \d+ rendered, 0 taken over/);
    assert.deepEqual(warnings(without.stderr), warnings(first.stderr));
  });
});
