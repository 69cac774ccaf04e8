/** Redirects from old addresses: aliases written as paths, redirect_from, and permalinks that changed. */
import assert from "node:assert/strict";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

function redirectTarget(html: string | undefined): string | undefined {
  return html?.match(/<meta http-equiv="refresh" content="0; url=([^"]+)">/)?.[1];
}

describe("redirects", () => {
  it("turn path aliases and redirect_from into redirect pages and a _redirects file", async () => {
    const out = path.join(await tempDir("redirects"), "site");
    const result = await runTrellis(["build", fixture("garden"), "--out", out]);
    assert.equal(result.code, 0, result.stderr);
    const site = await readSite(out);
    assert.equal(redirectTarget(site.get("old-alpha/index.html")), "/alpha/");
    assert.equal(redirectTarget(site.get("letters/a/index.html")), "/alpha/");
    assert.equal(site.get("_redirects"), "/letters/a/ /alpha/ 301\n/old-alpha/ /alpha/ 301\n");
    for (const line of (site.get("_redirects") ?? "").trim().split("\n")) {
      const target = line.split(" ")[1] ?? "";
      assert.ok(site.has(`${target.slice(1)}index.html`), `${line} points at no page`);
    }
    // A path alias is an address, not a name: it does not show in the page's search aliases.
    assert.doesNotMatch(site.get("sitemap.xml") ?? "", /old-alpha/);
  });

  it("remember a permalink that changed, across builds, and prefix everything under a sub-path", async () => {
    const dir = await tempDir("moved");
    const vault = path.join(dir, "vault");
    await cp(fixture("steering"), vault, { recursive: true });
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const first = await runTrellis(["build", vault, "--out", path.join(dir, "one"), "--path-prefix", "/repo/"], { env });
    assert.equal(first.code, 0, first.stderr);

    const note = path.join(vault, "Folder", "Own permalink.md");
    await writeFile(note, (await readFile(note, "utf8")).replace("permalink: /chosen-by-note/", "permalink: /renamed/"));
    const second = await runTrellis(["build", vault, "--out", path.join(dir, "two"), "--path-prefix", "/repo/"], { env });
    assert.equal(second.code, 0, second.stderr);
    const site = await readSite(path.join(dir, "two"));
    assert.ok(site.has("renamed/index.html"));
    assert.equal(redirectTarget(site.get("chosen-by-note/index.html")), "/repo/renamed/");
    assert.match(site.get("chosen-by-note/index.html") ?? "", /<a href="\/repo\/renamed\/">/);
    assert.equal(site.get("_redirects"), "/repo/chosen-by-note/ /repo/renamed/ 301\n");

    // Changing it back removes the redirect that would now shadow the page.
    await writeFile(note, (await readFile(note, "utf8")).replace("permalink: /renamed/", "permalink: /chosen-by-note/"));
    const third = await runTrellis(["build", vault, "--out", path.join(dir, "three"), "--path-prefix", "/repo/"], { env });
    assert.equal(third.code, 0, third.stderr);
    const back = await readSite(path.join(dir, "three"));
    assert.doesNotMatch(back.get("chosen-by-note/index.html") ?? "", /http-equiv="refresh"/);
    assert.equal(redirectTarget(back.get("renamed/index.html")), "/repo/chosen-by-note/");
  });

  it("are kept per vault, and a damaged history is reported and kept aside, never silently dropped", async () => {
    const dir = await tempDir("history");
    const cache = path.join(dir, "cache");
    const a = path.join(dir, "a");
    const b = path.join(dir, "b");
    await mkdir(a, { recursive: true });
    await mkdir(b, { recursive: true });
    await writeFile(path.join(a, "Note.md"), "---\ndg-publish: true\ndg-permalink: /acme-acquisition-plans/\n---\nA.\n");
    await writeFile(path.join(b, "Note.md"), "---\ndg-publish: true\n---\nB.\n");
    const env = { TRELLIS_CACHE: cache };
    assert.equal((await runTrellis(["build", a, "--out", path.join(dir, "site-a")], { env })).code, 0);
    const built = await runTrellis(["build", b, "--out", path.join(dir, "site-b")], { env });
    assert.equal(built.code, 0, built.stderr);
    const siteB = await readSite(path.join(dir, "site-b"));
    for (const [file, text] of siteB) assert.ok(!text.includes("acme-acquisition"), `vault A's address reached vault B's ${file}`);

    const folders = await readdir(cache);
    const history = (await Promise.all(folders.map(async (folder) => path.join(cache, folder, "urls.json")))).find((file) => file.includes(`${path.sep}a-`));
    assert.ok(history, `no history for vault a among ${folders.join(", ")}`);
    await writeFile(history, '{"notes": {"Note.md": {"url": "/acme-acq');
    const damaged = await runTrellis(["build", a, "--out", path.join(dir, "site-a")], { env });
    assert.equal(damaged.code, 0, damaged.stderr);
    assert.match(damaged.stderr, /warning: the history of old addresses .*urls\.json is damaged: .* it was kept as .*urls\.json\.damaged-\d+/);
    const kept = (await readdir(path.dirname(history))).filter((file) => file.startsWith("urls.json.damaged-"));
    assert.equal(kept.length, 1);
    assert.equal(await readFile(path.join(path.dirname(history), kept[0] ?? ""), "utf8"), '{"notes": {"Note.md": {"url": "/acme-acq');
  });
});
