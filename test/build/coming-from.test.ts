/** Repositories and vaults laid out for other publishers (the Digital Garden template, Obsidian Publish) build as they are. */
import assert from "node:assert/strict";
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { brokenLinks } from "../helpers/links.ts";
import { fixture, listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";

async function build(folder: string, ...flags: string[]) {
  const dir = await tempDir("coming-from");
  const out = path.join(dir, "site");
  // A cache of its own: no redirect from an address an earlier build gave.
  const result = await runTrellis(["build", folder, "--out", out, ...flags], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  assert.equal(result.code, 0, result.stderr);
  return { result, out, site: await readSite(out), cache: path.join(dir, "cache") };
}

describe("a Digital Garden repository", () => {
  const repo = fixture("digital-garden");
  for (const [name, folder] of [["the repository", repo], ["its notes folder", path.join(repo, "src/site/notes")]] as const) {
    it(`builds from ${name}: notes from src/site/notes, the images they use at /img/user/, the gardenEntry note at /`, async () => {
      const { result, out, site } = await build(folder);
      assert.match(result.stdout, /^Digital Garden repository: notes from test\/fixtures\/digital-garden\/src\/site\/notes, images from test\/fixtures\/digital-garden\/src\/site\/img\/user at \/img\/user\/$/m);
      const files = (await listFiles(out)).filter((file) => !/^(pagefind|js|css|fonts)\/|^img\/[^/]+$/.test(file));
      assert.deepEqual(files, [".trellis", "404.html", "_redirects", "explorer.json", "favicon.svg", "folder/note/index.html", "graph.json", "graph/index.html", "img/user/Folder/pic.png", "img/user/wide pic.png", "index.html", "robots.txt", "sitemap.xml", "tags/index.html", "tags/topic/index.html"]);
      const home = site.get("index.html") ?? "";
      assert.match(home, /<h1 class="article__title" id="welcome">Welcome<\/h1>/);
      assert.match(home, /<img src="\/img\/user\/Folder\/pic\.png" alt="" width="200" loading="lazy" decoding="async">/);
      assert.match(site.get("folder/note/index.html") ?? "", /<img src="\/img\/user\/wide%20pic\.png" alt="" width="300" height="100" loading="lazy" decoding="async">/);
      // The explorer starts at the notes, not at a "notes" folder.
      // The plugin's pre-rendered HTML links to notes by their .md files: they lead to the pages, or are dead-link text.
      assert.match(home, /<a data-tooltip-position="top" aria-label="Folder\/Note" href="\/folder\/note\/" class="internal-link" target="_blank" rel="noopener">Note<\/a>/);
      assert.match(home, /<td><span><span class="dead-link">Private Note<\/span><\/span><\/td>/);
      assert.match(site.get("folder/note/index.html") ?? "", /From <a href="\/" class="internal-link">000 Home<\/a>, with <img src="\/img\/user\/Folder\/pic\.png" alt="pic\.png" \/>/);
      assert.deepEqual(brokenLinks(site), []);
      for (const [file, text] of site) assert.ok(!/Xylophonic|Private Note\.md|data-href/.test(text), `${file} shows the private note or a vault path`);
      assert.match(result.stderr, /^warning: test\/fixtures\/digital-garden\/src\/site\/notes\/000 Home\.md:12: dead link: Folder\/Private Note matches no published note or file; it is shown as plain text$/m);
      assert.match(result.stdout, /3 notes found, 2 published \(0 hidden\), 1 skipped as unpublished, 1 dead link, 2 warnings\./);
      assert.equal(site.get("explorer.json"), '{"tree":{"name":"","folders":[{"name":"Folder","folders":[],"notes":[{"title":"Note","url":"/folder/note/"}]}],"notes":[]}}');
    });
  }
});

describe("building a Digital Garden repository into a folder of its own", () => {
  it("writes dist/ inside the repository, as the template does, but never into the notes or images", async () => {
    const dir = await tempDir("dg-dist");
    const repo = path.join(dir, "garden");
    await cp(fixture("digital-garden"), repo, { recursive: true });
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const built = await runTrellis(["build", repo, "--out", path.join(repo, "dist")], { env });
    assert.equal(built.code, 0, built.stderr);
    assert.ok((await listFiles(path.join(repo, "dist"))).includes("img/user/Folder/pic.png"));
    const inside = await runTrellis(["build", repo, "--out", path.join(repo, "src/site/img/user/site")], { env });
    assert.equal(inside.code, 2);
    assert.match(inside.stderr, /is inside the images folder .*src\/site\/img\/user; choose one outside it/);
  });
});

describe("trellis check on a Digital Garden repository", () => {
  it("lists exactly the notes and images a build of it publishes", async () => {
    const repo = fixture("digital-garden");
    const { out, cache } = await build(repo);
    const check = JSON.parse((await runTrellis(["check", repo, "--json"], { env: { TRELLIS_CACHE: cache } })).stdout) as { notes: Array<{ url: string }>; attachments: Array<{ path: string; url: string }>; files: string[] };
    assert.deepEqual(check.notes.map((note) => note.url), ["/", "/folder/note/"]);
    assert.deepEqual(check.attachments, [
      { path: "img/user/Folder/pic.png", url: "/img/user/Folder/pic.png" },
      { path: "img/user/wide pic.png", url: "/img/user/wide pic.png" },
    ]);
    const built = new Set(await listFiles(out));
    assert.deepEqual(check.files.filter((file) => !built.has(file)), []);
  });
});

describe("an Obsidian Publish vault", () => {
  it("builds with --publish all: the permalink: / note is home, notes at /tags/ and /graph/ keep them and the listings move to /_tags/ and /_graph/", async () => {
    const { result, out, site } = await build(fixture("publish-vault"), "--publish", "all");
    assert.doesNotMatch(result.stdout, /repository/);
    const pages = (await listFiles(out)).filter((file) => file.endsWith("index.html"));
    assert.deepEqual(pages, ["_graph/index.html", "_tags/index.html", "graph/index.html", "guides/getting-started/index.html", "index.html", "tags/guide/index.html", "tags/index.html", "tags/reference/index.html"]);
    assert.match(site.get("index.html") ?? "", /<h1 class="article__title" id="obsidian-help">Obsidian Help<\/h1>/);
    assert.match(site.get("tags/index.html") ?? "", /<h1 class="article__title" id="tags">Tags<\/h1>[\s\S]*The author’s own page of tags/);
    assert.match(site.get("graph/index.html") ?? "", /How the graph works\./);
    assert.match(site.get("_tags/index.html") ?? "", /href="\/tags\/guide\/"/);
    // The navigation and the tag pages' breadcrumbs lead to the listings where they are now.
    assert.match(site.get("index.html") ?? "", /<a href="\/">Home<\/a>\n\s*<a href="\/_tags\/">Tags<\/a>\n\s*<a href="\/_graph\/">Graph<\/a>/);
    assert.match(site.get("tags/guide/index.html") ?? "", /<ol><li><a href="\/_tags\/">Tags<\/a><\/li><\/ol>/);
    assert.deepEqual(
      result.stderr.split("\n").filter((line) => line.startsWith("warning: test/")),
      [
        "warning: test/fixtures/publish-vault/Tags.md:2: the note's page is at /tags/, the address of the tag index, which is published at /_tags/ instead",
        "warning: test/fixtures/publish-vault/Graph view.md:2: the note's page is at /graph/, the address of the graph page, which is published at /_graph/ instead",
      ],
    );
    assert.deepEqual(brokenLinks(site), []);
    for (const [file, text] of site) assert.ok(!text.includes("Xylophonic"), `${file} shows the unpublished note`);
  });

  it("stops on a note at the address of a file the site needs, naming the note", async () => {
    const dir = await tempDir("publish-clash");
    const vault = path.join(dir, "vault");
    await cp(fixture("publish-vault"), vault, { recursive: true });
    await writeFile(path.join(vault, "Sitemap.md"), "---\npermalink: sitemap.xml\n---\nMy sitemap\n");
    const result = await runTrellis(["build", vault, "--out", path.join(dir, "site"), "--publish", "all"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error: .*vault\/Sitemap\.md:2: \/sitemap\.xml\/, an address of the note Sitemap\.md \(its page or an old address that redirects to it\), would make a folder where the site has the file sitemap\.xml/);
  });
});
