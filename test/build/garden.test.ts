/** Builds the garden fixture: Obsidian links, embeds, backlinks, tags, explorer and graph. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { validationErrors } from "../helpers/validate.ts";
import { fixture, readSite, runTrellis, tempDir, type RunResult } from "../helpers/cli.ts";
import { brokenLinks } from "../helpers/links.ts";

let result: RunResult;
let site: Map<string, string>;

function page(file: string): string {
  const html = site.get(file);
  assert.ok(html !== undefined, `${file} was not built; built: ${[...site.keys()].join(", ")}`);
  return html;
}

function body(file: string): string {
  return page(file).match(/<div class="article__body">([\s\S]*?)\n {2}<\/div>/)?.[1] ?? "";
}

before(async () => {
  const out = path.join(await tempDir("garden"), "site");
  // With a site address, as deployed: feeds and social cards are written, and scanned.
  result = await runTrellis(["build", fixture("garden"), "--out", out, "--url", "https://garden.example"]);
  assert.equal(result.code, 0, result.stderr);
  site = await readSite(out);
});

describe("links", () => {
  it("resolves wikilinks by name, path, case, alias and title", () => {
    const home = body("index.html");
    assert.match(home, /<a href="\/alpha\/" class="internal-link">Alpha<\/a>/);
    assert.match(home, /<a href="\/alpha\/" class="internal-link">lower case<\/a>/);
    assert.match(home, /<a href="\/folder\/beta\/" class="internal-link">Folder\/Beta<\/a>/);
    assert.match(home, /<a href="\/gamma\/" class="internal-link">shown text<\/a>/);
    assert.match(home, /<a href="\/gamma\/" class="internal-link">Gamma alias<\/a>/);
    assert.match(home, /<a href="\/delta\/" class="internal-link">Title Of Delta<\/a>/);
    assert.match(home, /<a href="\/alpha\/" class="internal-link">alpha in a table<\/a>/);
  });

  it("lands heading and block links on their anchors", () => {
    assert.match(body("index.html"), /href="\/folder\/beta\/#section-two"/);
    assert.match(body("index.html"), /href="\/folder\/beta\/#%5Eblk"/);
    assert.match(body("index.html"), /<a href="#local-heading">Local heading<\/a>/);
    // Alpha.md opens with `# Alpha`, which the page shows as its title.
    assert.match(page("alpha/index.html"), /<h1 class="article__title" id="alpha">Alpha<\/h1>/);
    const beta = page("folder/beta/index.html");
    assert.match(beta, /<h2 id="section-two">Section Two<\/h2>/);
    assert.match(beta, /<p id="\^blk">A block paragraph with block-marker\.<\/p>/);
  });

  it("resolves Markdown links to notes and files", () => {
    const home = body("index.html");
    assert.match(home, /<a href="\/folder\/beta\/" class="internal-link">beta by path<\/a>/);
    assert.match(home, /<a href="\/folder\/beta\/#section-two" class="internal-link">beta section<\/a>/);
    assert.match(home, /<a href="\/assets\/attachments\/doc\.pdf">the pdf<\/a>/);
  });

  it("links a hidden note but never lists it", () => {
    assert.match(body("index.html"), /href="\/hidden-note\/"/);
    assert.doesNotMatch(page("alpha/index.html"), /hidden-context-marker|Hidden note/);
    assert.doesNotMatch(page("explorer.json"), /hidden-note/);
    assert.doesNotMatch(page("graph.json"), /hidden-note/);
    assert.ok(!site.has("tags/hidden-only-tag/index.html"));
  });

  it("scans what a deployed site serves: the search index as the browser reads it, feeds, cards", () => {
    const fragments = [...site].filter(([file]) => /^pagefind\/fragment\/.+\.pf_fragment$/.test(file));
    assert.ok(fragments.some(([, text]) => text.includes("Alpha text.")), "the scans read no note text in the search index");
    assert.match(page("feed.xml"), /<feed /);
    assert.match(page("feed.json"), /"items"/);
    const cards = [...site.keys()].filter((file) => file.startsWith("og/"));
    assert.ok(cards.length > 0, "no social cards were made");
    // Every card is of a page that shows it: none is left of a note that is not published.
    const pages = [...site].filter(([file]) => file.endsWith(".html")).map(([, html]) => html).join("\n");
    for (const card of cards) assert.ok(pages.includes(`/${card}"`), `${card} is shown by no page`);
  });

  it("renders dead links as marked text, without the private note's title", () => {
    const home = body("index.html");
    assert.match(home, /<span class="dead-link">Secret<\/span>/);
    assert.match(home, /<span class="dead-link">Missing note<\/span>/);
    assert.match(home, /<span class="dead-link">secret by path<\/span>/);
    for (const [file, text] of site) {
      assert.ok(!/Zanzibar/i.test(text), `${file} shows the private note`);
      assert.doesNotMatch(file, /secret|private/i);
    }
  });

  it("leaves no internal link or asset that points nowhere", () => {
    assert.deepEqual(brokenLinks(site), []);
  });

  it("counts dead links and names ambiguous links' candidates", () => {
    assert.match(result.stdout, /4 dead links/);
    assert.match(result.stderr, /Home\.md:9: dead link: \[\[Secret\]\]/);
    assert.match(result.stderr, /ambiguous link: \[\[Alpha\]\] could mean Alpha\.md, Other\/Alpha\.md; using Alpha\.md/);
  });
});

describe("embeds", () => {
  it("embeds images, audio and PDFs, copying only the files published notes use", () => {
    const home = body("index.html");
    // Optimised pictures are tested in images.test.ts; an author's explicit size keeps the original file.
    assert.match(home, /<img src="\/img\/[\w-]+\.png" alt="pic" decoding="async" loading="lazy"/);
    assert.match(home, /<img src="\/assets\/attachments\/pic\.png" alt="pic" width="100" height="50"/);
    assert.match(home, /<img src="\/img\/[\w-]+\.png" alt="a spaced picture"/);
    assert.match(home, /<audio class="embed-audio" controls preload="metadata" src="\/assets\/attachments\/clip\.mp3">/);
    assert.match(home, /<iframe class="embed-pdf" src="\/assets\/attachments\/doc\.pdf" title="doc\.pdf"/);
    const assets = [...site.keys()].filter((file) => file.startsWith("assets/")).sort();
    assert.deepEqual(assets, ["assets/attachments/clip.mp3", "assets/attachments/doc.pdf", "assets/attachments/harbour.jpg", "assets/attachments/my-pic.png", "assets/attachments/pic.png"]);
  });

  it("transcludes a whole note and a section, with a link to the source", () => {
    const home = body("index.html");
    const [whole, section] = [...home.matchAll(/<div class="transclusion">([\s\S]*?)<p class="transclusion__source">(.*?)<\/p>/g)];
    assert.ok(whole && section);
    assert.match(whole[1] ?? "", /beta-body-marker[\s\S]*section-two-marker[\s\S]*section-three-marker/);
    assert.match(whole[2] ?? "", /href="\/folder\/beta\/"/);
    assert.doesNotMatch(section[1] ?? "", /beta-body-marker|section-three-marker/);
    assert.match(section[1] ?? "", /section-two-marker/);
  });

  it("shows a placeholder for a private note, never its content", () => {
    assert.match(body("index.html"), /<p class="embed embed--missing"><span class="dead-link">Secret<\/span><\/p>/);
  });

  it("stops embed cycles with a marker and one warning", () => {
    assert.match(body("index.html"), /Cycle A text[\s\S]*Cycle B text[\s\S]*class="embed-cycle"/);
    assert.equal(result.stderr.match(/embed cycle/g)?.length, 1);
  });
});

describe("garden pages", () => {
  it("lists backlinks from listed notes with an excerpt", () => {
    const alpha = page("alpha/index.html");
    const backlinks = alpha.match(/<section class="backlinks"[\s\S]*?<\/section>/)?.[0] ?? "";
    assert.match(backlinks, /<a class="internal-link" href="\/">Garden home<\/a>/);
    assert.match(backlinks, /<p class="backlinks__context">Links: Alpha, lower case/);
    assert.doesNotMatch(backlinks, /hidden/i);
    assert.doesNotMatch(backlinks, /Zanzibar/);
  });

  it("builds tag pages for frontmatter, inline and nested tags", () => {
    assert.match(page("tags/index.html"), /href="\/tags\/letters\/">#letters<\/a>/);
    assert.match(page("tags/letters/index.html"), /href="\/alpha\/"[\s\S]*href="\/folder\/beta\/"|href="\/folder\/beta\/"[\s\S]*href="\/alpha\/"/);
    assert.match(page("tags/topic/index.html"), /href="\/"/);
    assert.match(page("tags/topic/sub/index.html"), /href="\/"/);
    assert.match(body("index.html"), /<a class="tag" href="\/tags\/topic\/sub\/">#topic\/sub<\/a>/);
  });

  it("emits the explorer as one file per folder, with folder notes, and each page names the folders it opens", () => {
    type File = { folders: Array<{ name: string; id: string; url?: string }>; notes: Array<{ url: string }> };
    const root = JSON.parse(page("explorer.json")) as File;
    const folder = root.folders.find((f) => f.name === "Folder");
    assert.equal(folder?.url, "/folder/folder/");
    const inner = JSON.parse(page(`explorer/${folder?.id}.json`)) as File;
    assert.deepEqual(inner.notes.map((n) => n.url), ["/folder/beta/"]);
    assert.ok(root.notes.some((n) => n.url === "/alpha/"));
    assert.ok(!root.notes.some((n) => n.url === "/"), "the home note is the site title, not an entry");
    assert.ok(!root.notes.some((n) => n.url === "/folder/beta/"), "a folder's notes are in its own file");
    // A page in the folder opens it; a page at the root opens none.
    assert.match(page("folder/beta/index.html"), new RegExp(`data-current="/folder/beta/" data-open="${folder?.id}"`));
    assert.match(page("alpha/index.html"), /data-current="\/alpha\/">/);
    // Search's closest titles read every listed page's title.
    const titles = JSON.parse(page("explorer/titles.json")) as Array<{ title: string; url: string }>;
    assert.ok(titles.some((t) => t.url === "/folder/beta/") && titles.some((t) => t.url === "/alpha/"));
    // Pages load the files; none inlines the tree.
    for (const [file, html] of site) if (file.endsWith(".html")) assert.doesNotMatch(html, /"folders":/);
  });

  it("emits graph data of listed notes and their links", () => {
    const graph = JSON.parse(page("graph.json")) as { nodes: Array<{ id: number; url: string }>; links: Array<[number, number]> };
    const id = (url: string) => graph.nodes.find((n) => n.url === url)?.id;
    assert.ok(graph.links.some(([s, t]) => s === id("/") && t === id("/alpha/")));
    assert.ok(graph.links.some(([s, t]) => s === id("/alpha/") && t === id("/")));
    assert.equal(graph.nodes.length, 10);
    assert.match(page("graph/index.html"), /data-graph-src="\/graph\.json"/);
  });

  it("shows breadcrumbs through folders", () => {
    assert.match(page("folder/beta/index.html"), /<nav class="breadcrumbs"[\s\S]*<a href="\/">Home<\/a>[\s\S]*<a href="\/folder\/folder\/">Folder<\/a>/);
  });

  it("writes pages that html-validate accepts", async () => {
    assert.deepEqual(await validationErrors(site), []);
  });
});

describe("--strict", () => {
  it("makes dead links errors", async () => {
    const out = path.join(await tempDir("strict"), "site");
    const strict = await runTrellis(["build", fixture("garden"), "--out", out, "--strict"]);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /error: .*Home\.md:9: dead link: \[\[Secret\]\]/);
  });
});

describe("a site under a sub-path", () => {
  it("prefixes every internal link and asset, and makes absolute URLs with the site url", async () => {
    const out = path.join(await tempDir("prefix"), "site");
    const built = await runTrellis(["build", fixture("garden"), "--out", out, "--url", "https://user.github.io/repo"]);
    assert.equal(built.code, 0, built.stderr);
    const prefixed = await readSite(out);
    assert.deepEqual(brokenLinks(prefixed, "/repo/"), []);
    const home = prefixed.get("index.html") ?? "";
    assert.match(home, /<html lang="en" dir="ltr" data-base="\/repo\/"[ >]/);
    assert.match(home, /<link rel="stylesheet" href="\/repo\/css\/site\.css">/);
    assert.match(home, /<a href="\/repo\/alpha\/" class="internal-link">Alpha<\/a>/);
    assert.match(prefixed.get("alpha/index.html") ?? "", /<link rel="canonical" href="https:\/\/user\.github\.io\/repo\/alpha\/">/);
    assert.match(prefixed.get("sitemap.xml") ?? "", /<loc>https:\/\/user\.github\.io\/repo\/alpha\/<\/loc>/);
    // The shared data files keep site paths; the browser scripts add the prefix from data-base.
    assert.match(prefixed.get("explorer.json") ?? "", /"url":"\/alpha\/"/);
  });
});
