/** Repositories and vaults laid out for other publishers (the Digital Garden template, Obsidian Publish) build as they are. */
import assert from "node:assert/strict";
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { brokenLinks } from "../helpers/links.ts";
import { validationErrors } from "../helpers/validate.ts";
import { fixture, listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";
import { explorerTree } from "../helpers/explorer.ts";

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
      assert.match(result.stdout, /^Digital Garden repository: notes from test\/fixtures\/digital-garden\/src\/site\/notes, images from test\/fixtures\/digital-garden\/src\/site\/img\/user at \/img\/user\/, site settings from test\/fixtures\/digital-garden\/\.env \(title, language\)$/m);
      const files = (await listFiles(out)).filter((file) => !/^(pagefind|js|css|fonts|explorer)\/|^img\/[^/]+$/.test(file));
      assert.deepEqual(files, [".trellis", "404.html", "_redirects", "explorer.json", "favicon.svg", "folder/guide/index.html", "folder/note/index.html", "graph.json", "graph/index.html", "img/user/Folder/pic.png", "img/user/wide pic.png", "index.html", "quiet/index.html", "robots.txt", "sitemap.xml", "tags/index.html", "tags/topic/index.html"]);
      const home = site.get("index.html") ?? "";
      assert.match(home, /<h1 class="article__title" id="welcome">Welcome<\/h1>/);
      // The site's name from the plugin's .env.
      assert.match(home, /<a class="site-title" href="\/">The Fern Garden<\/a>/);
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
      assert.match(result.stdout, /5 notes found, 4 published \(0 hidden\), 1 skipped as unpublished, 1 dead link, 5 warnings\./);
      // Quiet says dg-hide-in-filetree; the pinned Guide comes first, with its icon.
      assert.deepEqual(explorerTree(site), { name: "", folders: [{ name: "Folder", folders: [], notes: [{ title: "Guide", url: "/folder/guide/", pinned: true, icon: "1" }, { title: "Note", url: "/folder/note/" }] }], notes: [] });
    });
  }
});

describe("a Digital Garden repository's .env", () => {
  it("names the site unless the author's flags or config file say otherwise", async () => {
    const repo = fixture("digital-garden");
    const flagged = await build(repo, "--title", "Mine");
    assert.match(flagged.site.get("index.html") ?? "", /<a class="site-title" href="\/">Mine<\/a>/);
    const project = await tempDir("coming-from-config");
    const config = path.join(project, "trellis.config.json");
    await writeFile(config, JSON.stringify({ site: { title: "From the config", language: "fr" } }));
    const configured = await build(repo, "--config", config);
    const home = configured.site.get("index.html") ?? "";
    assert.match(home, /<a class="site-title" href="\/">From the config<\/a>/);
    assert.match(home, /<html lang="fr"/);
  });
});

describe("the Digital Garden plugin's settings in each note", () => {
  const repo = fixture("digital-garden");
  let built: Awaited<ReturnType<typeof build>>;
  before(async () => {
    built = await build(repo);
  });
  const page = (file: string) => built.site.get(file) ?? "";

  it("shows every part of the page where the note keeps the site's defaults", () => {
    const guide = page("folder/guide/index.html");
    assert.match(guide, /<h1 class="article__title" id="guide" data-note-icon="1">Guide<\/h1>/);
    assert.match(guide, /<a class="tag" href="\/tags\/topic\/">#topic<\/a>/);
    assert.match(guide, /<section class="backlinks"[\s\S]*<a class="internal-link" href="\/quiet\/" data-note-icon="3">Quiet<\/a>/);
    assert.match(guide, /<details class="local-graph"/);
    assert.match(guide, /<nav class="explorer"/);
    assert.match(guide, /<html [^>]*data-previews[ >]/);
    assert.match(guide, /<button type="button" class="search-button"/);
    assert.match(guide, /<a href="\/">Home<\/a>/);
  });

  it("leaves out each part a note switches off, and nothing else", () => {
    const quiet = page("quiet/index.html");
    // dg-show-inline-title: false keeps the headline for screen readers and for links to it.
    assert.match(quiet, /<h1 class="article__title visually-hidden" id="quiet" data-note-icon="3">Quiet<\/h1>/);
    for (const [key, shown] of [
      ["dg-show-tags", /class="article__tags"/],
      ["dg-show-backlinks", /class="backlinks"/],
      ["dg-show-local-graph", /class="local-graph"/],
      ["dg-show-file-tree", /class="explorer"|explorer-toggle/],
      ["dg-link-preview", /data-previews/],
      ["dg-enable-search", /search-button|search-dialog/],
      ["dg-home-link", /<a href="\/">Home<\/a>/],
      ["dg-show-toc", /class="toc"/],
    ] as const) {
      assert.doesNotMatch(quiet, shown, `${key}: false still shows it`);
    }
    // It has a backlink (Guide links to it) and three headings: what is absent was switched off.
    assert.match(quiet, /<h2 id="one">One<\/h2>/);
    assert.match(quiet, /<a href="\/tags\/">Tags<\/a>/);
    assert.match(quiet, /<a href="\/folder\/guide\/" class="internal-link" data-note-icon="1">guide<\/a>/);
  });

  it("gives a note with three or more headings a table of contents whose links land on its headings", () => {
    const guide = page("folder/guide/index.html");
    assert.match(guide, /<article class="article wide-page cards article--toc" data-pagefind-body>/);
    const toc = /<details class="toc"[\s\S]*?<\/details>/.exec(guide)?.[0] ?? "";
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((match) => decodeURIComponent(match[1] ?? ""));
    assert.deepEqual(targets, ["planting", "watering", "mornings", "harvest"]);
    for (const id of targets) assert.match(guide, new RegExp(`<h[2-6] id="${id}">`), `no heading #${id}`);
    // Its script is part of the page script every page loads.
    assert.match(guide, /<script type="module" src="\/js\/page\.js"><\/script>/);
    // Two headings or none: no table of contents unless the note asks for one.
    assert.doesNotMatch(page("folder/note/index.html"), /class="toc"/);
  });

  it("adds the note's meta tags, escaped, and drops those the page sets itself, with warnings", () => {
    const guide = page("folder/guide/index.html");
    assert.match(guide, /<meta name="author" content="Ada">/);
    assert.match(guide, /<meta name="keywords" content="&quot;quoted&quot; &lt;b&gt;words&lt;\/b&gt; &amp; more">/);
    assert.match(guide, /<meta name="description" content="A guide to the garden\.">/);
    assert.match(guide, /<meta property="og:image" content="https:\/\/example\.org\/guide\.png">/);
    assert.equal(guide.match(/<meta name="description"/g)?.length, 1);
    assert.equal(guide.match(/<meta name="viewport"/g)?.length, 1);
    assert.doesNotMatch(guide, /http-equiv="refresh"|content="width=10"/);
    const warnings = built.result.stderr.split("\n").filter((line) => line.startsWith("warning: test/fixtures/digital-garden/src/site/notes/Folder/Guide.md"));
    assert.deepEqual(warnings, [
      'warning: test/fixtures/digital-garden/src/site/notes/Folder/Guide.md:2: `dg-content-classes`: "bad\\"class" is not a CSS class name; it is left out',
      'warning: test/fixtures/digital-garden/src/site/notes/Folder/Guide.md:2: `dg-metatags`: the meta tag "viewport" is left out: the page sets it itself, for its layout or its security',
      'warning: test/fixtures/digital-garden/src/site/notes/Folder/Guide.md:2: `dg-metatags`: the meta tag "http-equiv" is left out: the page sets it itself, for its layout or its security',
    ]);
  });

  it("shows the plugin's created and updated timestamps", () => {
    const guide = page("folder/guide/index.html");
    assert.match(guide, /Published <time datetime="2023-01-24T13:49:12\.123Z">January 24, 2023<\/time>/);
    assert.match(guide, /Updated <time datetime="2023-03-02T08:10:00\.000Z">March 2, 2023<\/time>/);
  });

  it("leaves a dg-hide-in-graph note out of the graph only, and lists a pinned note first with a pin", () => {
    const graph = JSON.parse(page("graph.json")) as { nodes: Array<{ url: string }> };
    assert.deepEqual(graph.nodes.map((node) => node.url).sort(), ["/", "/folder/guide/", "/folder/note/"]);
    assert.ok(built.site.has("quiet/index.html"));
    assert.match(page("index.html"), /<li class="note-list__item note-list__item--pinned">\s*<a class="note-list__link" href="\/folder\/guide\/" data-note-icon="1">Guide<\/a> <span class="explorer__pin">Pinned<\/span>/);
    const list = page("index.html").match(/note-list__link" href="([^"]+)"/g) ?? [];
    assert.equal(list[0], 'note-list__link" href="/folder/guide/"');
  });

  it("writes valid HTML with every part on and every part off", async () => {
    const pages = new Map([...built.site].filter(([file]) => file === "folder/guide/index.html" || file === "quiet/index.html" || file === "index.html"));
    assert.equal(pages.size, 3);
    assert.deepEqual(await validationErrors(pages), []);
  });

  it("serves the icons the template names", async () => {
    const files = await listFiles(built.out);
    for (const name of ["note-icon-1.svg", "note-icon-2.svg", "note-icon-3.svg", "pin.svg"]) assert.ok(files.includes(`css/icons/${name}`), name);
    assert.match(built.site.get("css/site.css") ?? "", /\[data-note-icon="1"\]:+before\{content:"";background-image:url\(icons\/note-icon-1\.svg\)\}/);
  });
});

describe("site defaults for the plugin's settings", () => {
  it("applies the site's features, date format, explorer order and default icon where notes say nothing", async () => {
    const dir = await tempDir("dg-defaults");
    const config = path.join(dir, "trellis.config.json");
    await writeFile(config, JSON.stringify({ site: { dateFormat: "iso", explorerOrder: ["Folder/Note.md"], noteIcon: "2", features: { tags: false, toc: false, backlinks: false } } }));
    const { site } = await build(fixture("digital-garden"), "--config", config);
    const guide = site.get("folder/guide/index.html") ?? "";
    assert.match(guide, /Published <time datetime="2023-01-24T13:49:12\.123Z">2023-01-24<\/time>/);
    assert.doesNotMatch(guide, /class="toc"|class="article__tags"|class="backlinks"/);
    // Notes without an icon get the site's; a note's own icon wins.
    assert.match(site.get("folder/note/index.html") ?? "", /<h1 class="article__title" id="note" data-note-icon="2">/);
    assert.match(guide, /<h1 class="article__title" id="guide" data-note-icon="1">/);
    assert.match(site.get("index.html") ?? "", /<a href="\/folder\/note\/" class="internal-link" data-note-icon="2">the note<\/a>/);
    assert.deepEqual(explorerTree(site), { name: "", folders: [{ name: "Folder", folders: [], notes: [{ title: "Note", url: "/folder/note/", icon: "2" }, { title: "Guide", url: "/folder/guide/", pinned: true, icon: "1" }] }], notes: [] });
  });

  it("stops on a date format or icon it cannot use, naming the setting", async () => {
    const dir = await tempDir("dg-bad-defaults");
    const config = path.join(dir, "trellis.config.json");
    await writeFile(config, JSON.stringify({ site: { dateFormat: "dd.MM.yyyy", noteIcon: "<svg>" } }));
    const result = await runTrellis(["build", fixture("digital-garden"), "--config", config, "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /`site\.dateFormat` must be one of "full", "long", "medium", "short", "iso", not "dd\.MM\.yyyy"/);
    assert.match(result.stderr, /`site\.noteIcon` "<svg>" is not an icon name/);
  });
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
    assert.deepEqual(check.notes.map((note) => note.url), ["/", "/folder/guide/", "/folder/note/", "/quiet/"]);
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
    assert.match(site.get("index.html") ?? "", /<a href="\/" aria-current="page">Home<\/a>\n\s*<a href="\/_tags\/">Tags<\/a>\n\s*<a href="\/_graph\/">Graph<\/a>/);
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
