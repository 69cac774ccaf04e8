/**
 * Broken and hostile notes, generated into a temporary vault: each gives its exact message,
 * none crashes or hangs the build, and nothing is written outside the output folder.
 */
import assert from "node:assert/strict";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { listFiles, readSite, runTrellis, tempDir, type RunResult } from "../helpers/cli.ts";

const PUBLISH = "---\ndg-publish: true\n---\n";

/** Notes the build must publish, however odd they are. */
const MESSY: Record<string, string | Buffer> = {
  "bom.md": `\ufeff${PUBLISH}A note saved with a byte-order mark.\n`,
  "crlf.md": "---\r\ndg-publish: true\r\ntitle: CRLF note\r\n---\r\nLine one\r\nLine two\r\n",
  "bad-utf8.md": Buffer.concat([Buffer.from(`${PUBLISH}bytes `), Buffer.from([0xff, 0xfe]), Buffer.from(" end\n")]),
  "empty.md": "",
  "frontmatter-only.md": PUBLISH,
  "big.md": PUBLISH + "A line of a very long note, with a [[big]] link and a #tag.\n\n".repeat(170_000),
  "deep-list.md": PUBLISH + Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n"),
  "deep-quote.md": `${PUBLISH}${">".repeat(5000)} deep\n`,
  "many-links.md": PUBLISH + Array.from({ length: 100_000 }, (_, i) => `[[note ${i}]]`).join(" "),
  "hash#name.md": `${PUBLISH}hash\n`,
  "percent%20name.md": `${PUBLISH}percent\n`,
  "question?name.md": `${PUBLISH}question\n`,
  'quote"name.md': `${PUBLISH}quote\n`,
  "emoji 🌱 name.md": `${PUBLISH}emoji\n`,
  "rtl עברית name.md": `${PUBLISH}right to left\n`,
  "escape.md": `${PUBLISH}![[../../etc/passwd]] ![hosts](../../../etc/hosts) [passwd](/etc/passwd) [[../../../../etc/shadow]]\n`,
};

/** Notes that stop the build, with the message each must give. */
const BROKEN: Record<string, [string, RegExp]> = {
  "bad-yaml.md": ["---\ndg-publish: true\ntitle: [unclosed\n---\nx\n", /error: .*bad-yaml\.md:\d+: frontmatter cannot be read: .*; the note is not published/],
  "unclosed.md": ["---\ndg-publish: true\ntitle: never closed\nbody text here\n", /error: .*unclosed\.md:\d+: frontmatter cannot be read/],
  "bad-json.md": ['---\n{"dg-publish": true, "title": "x",, }\n---\nx\n', /error: .*bad-json\.md:\d+: frontmatter cannot be read/],
  "escape-permalink.md": ["---\ndg-publish: true\ndg-permalink: ../../x\n---\nx\n", /error: .*escape-permalink\.md:3: `dg-permalink` "\.\.\/\.\.\/x" contains a "\.\." segment/],
};

async function writeVault(dir: string, files: Record<string, string | Buffer>): Promise<string> {
  const vault = path.join(dir, "vault");
  await mkdir(vault, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(vault, name), content);
  await symlink("/etc", path.join(vault, "outside-link"));
  return vault;
}

describe("messy notes", () => {
  let dir: string;
  let result: RunResult;
  let site: Map<string, string>;

  before(async () => {
    dir = await tempDir("messy");
    const vault = await writeVault(dir, MESSY);
    result = await runTrellis(["build", vault, "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr.slice(0, 4000));
    site = await readSite(path.join(dir, "site"));
  });

  it("publishes every note that can be read, and reports the odd ones", () => {
    assert.match(result.stdout, /16 notes found, 15 published \(0 hidden\), 1 skipped as unpublished/);
    assert.match(site.get("bom/index.html") ?? "", /A note saved with a byte-order mark\./);
    assert.match(site.get("crlf/index.html") ?? "", /<h1 class="article__title">CRLF note<\/h1>[\s\S]*Line one<br>\s*Line two/);
    assert.match(site.get("bad-utf8/index.html") ?? "", /bytes �� end/);
    assert.match(result.stderr, /warning: .*bad-utf8\.md: the note is not valid UTF-8/);
    assert.ok(site.has("frontmatter-only/index.html"));
    assert.ok((site.get("big/index.html")?.length ?? 0) > 5_000_000);
    assert.ok(site.has("deep-list/index.html") && site.has("deep-quote/index.html") && site.has("many-links/index.html"));
  });

  it("lists warnings once, errors first, and counts the rest", () => {
    assert.match(result.stdout, /100004 dead links/);
    assert.match(result.stderr, /… and \d+ more warnings; `trellis check` lists them all/);
    assert.ok(result.stderr.split("\n").length < 200, "the build printed every one of 100,000 warnings");
  });

  it("gives odd file names safe addresses", () => {
    const pages = [...site.keys()].filter((file) => file.endsWith("/index.html"));
    for (const page of pages) assert.doesNotMatch(page, /[#?%"'\\]/, page);
    for (const page of ["hash-name", "percent-20name", "question-name", "quote-name", "emoji-name", "rtl-עברית-name"]) {
      assert.ok(site.has(`${page}/index.html`), `${page} is missing; pages: ${pages.join(", ")}`);
    }
  });

  it("never follows links or embeds out of the vault", async () => {
    assert.match(result.stderr, /warning: .*outside-link: symbolic link not followed/);
    const escape = site.get("escape/index.html") ?? "";
    assert.match(escape, /<span class="dead-link">\.\.\/\.\.\/etc\/passwd<\/span>/);
    assert.match(escape, /<span class="dead-link">passwd<\/span>/);
    for (const [file, text] of site) {
      assert.doesNotMatch(text, /root:x:0:0|localhost/, `${file} holds a file from outside the vault`);
      assert.doesNotMatch(file, /passwd|hosts|shadow|outside-link/);
    }
    const around = await listFiles(dir);
    assert.ok(around.every((file) => /^(vault|site|cache)\//.test(file)), `files written outside the output: ${around.filter((f) => !/^(vault|site|cache)\//.test(f)).join(", ")}`);
  });
});

describe("broken notes", () => {
  it("stop the build with every error listed at once, and keep the previous site", async () => {
    const dir = await tempDir("broken");
    const vault = await writeVault(dir, { "good.md": `${PUBLISH}good\n`, ...Object.fromEntries(Object.entries(BROKEN).map(([name, [text]]) => [name, text])) });
    const out = path.join(dir, "site");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "previous site");
    await writeFile(path.join(out, ".trellis"), "a site an earlier build wrote\n");
    const result = await runTrellis(["build", vault, "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 1);
    for (const [name, [, message]] of Object.entries(BROKEN)) assert.match(result.stderr, message, name);
    const lines = result.stderr.split("\n");
    const firstWarning = lines.findIndex((line) => line.startsWith("warning:"));
    const lastError = lines.map((line) => line.startsWith("error:")).lastIndexOf(true);
    assert.ok(firstWarning === -1 || lastError < firstWarning, "errors come before warnings");
    assert.deepEqual(await listFiles(out), [".trellis", "index.html"]);
  });
});

describe("notes that must stay private", () => {
  it("a draft is never published, and a canvas or base is never copied as it is, nor shows a private note", async () => {
    const dir = await tempDir("private-keys");
    const vault = path.join(dir, "vault");
    await mkdir(vault, { recursive: true });
    await writeFile(path.join(vault, "Home.md"), `${PUBLISH}Links to [[Plan]], [[Board.canvas]] and [[Board]]; embeds ![[Board.canvas]] and [[Query.base]].\n`);
    await writeFile(path.join(vault, "Plan.md"), "---\npublish: true\ndraft: true\ntitle: Draft-title-marker\n---\nDraft-text-marker.\n");
    await writeFile(path.join(vault, "Secret.md"), "---\ntitle: Canvas-secret-title\n---\nCanvas-secret-text.\n");
    const canvas = { nodes: [{ id: "a", type: "file", file: "Secret.md", x: 0, y: 0, width: 10, height: 10 }, { id: "b", type: "text", text: "Canvas-own-text, and [[Secret]]", x: 0, y: 0, width: 10, height: 10 }], edges: [] };
    await writeFile(path.join(vault, "Board.canvas"), JSON.stringify(canvas));
    await writeFile(path.join(vault, "Query.base"), "filters: Canvas-secret-text\n");
    for (const mode of ["flag", "all"]) {
      const out = path.join(dir, `site-${mode}`);
      const result = await runTrellis(["build", vault, "--out", out, "--publish", mode], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
      assert.equal(result.code, 0, result.stderr);
      const site = await readSite(out);
      assert.ok(![...site.keys()].some((file) => /\.(canvas|base)$/.test(file)), `${mode}: a canvas or base was copied`);
      for (const [file, text] of site) {
        for (const marker of ["Draft-title-marker", "Draft-text-marker", ...(mode === "flag" ? ["Canvas-secret-text", "Canvas-secret-title"] : [])]) {
          assert.ok(!text.includes(marker), `${mode}: ${file} shows ${marker}`);
        }
      }
      // The canvas is drawn on a page of its own (its own text there), and never names the private note it shows.
      assert.match(site.get("home/index.html") ?? "", /<a href="\/board\.canvas\/"[^>]*>Board\.canvas<\/a>/, `${mode}: the link to the canvas does not lead to its page`);
      assert.match(site.get("board.canvas/index.html") ?? "", /Canvas-own-text/, `${mode}: the canvas's page does not show its text`);
      assert.match(result.stderr, /dead link: \[\[Plan\]\]/, `${mode}: the link to the draft is not reported dead`);
    }
  });
});

describe("notes that claim Trellis's own files", () => {
  it("are errors naming the note, never a crash or a file written over", async () => {
    const dir = await tempDir("claims");
    const vault = await writeVault(dir, {
      // The tag index gives way to a note (a listing, site-pages.ts); a tag's page does not.
      "Tags.md": "---\ndg-publish: true\ndg-permalink: /tags/t/\ntags: [t]\n---\nA\n",
      "Script.md": "---\ndg-publish: true\ndg-permalink: /js/app/\n---\nB\n",
      "Sitemap.md": "---\ndg-publish: true\ndg-permalink: /sitemap.xml\n---\nC\n",
      "Feed.md": "---\ndg-publish: true\nredirect_from: /feed.xml\n---\nD\n",
      "Icon.md": "---\ndg-publish: true\ntags: [x]\naliases: [Icon, /favicon.svg/]\n---\nE\n",
      "Styles.md": "---\ndg-publish: true\ndg-permalink: /css/\n---\nF\n",
      "Fine.md": `${PUBLISH}Fine\n`,
    });
    const result = await runTrellis(["build", vault, "--out", path.join(dir, "site"), "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 1, result.stderr);
    // Each names the note and the line of the key that gave it the address.
    assert.match(result.stderr, /error: .*Tags\.md:3: \/tags\/t\/, an address of the note Tags\.md .* is already a file of the site \(tags\/t\/index\.html\)/);
    assert.match(result.stderr, /error: .*Script\.md:3: the address \/js\/app\/ is inside \/js\/, a folder of the site's own files/);
    assert.match(result.stderr, /error: .*Sitemap\.md:3: \/sitemap\.xml\/, .* would make a folder where the site has the file sitemap\.xml/);
    assert.match(result.stderr, /error: .*Feed\.md:3: \/feed\.xml\/, .* would make a folder where the site has the file feed\.xml/);
    // Files copied from Trellis's public/ folder are the site's too.
    assert.match(result.stderr, /error: .*Icon\.md:4: \/favicon\.svg\/, .* would make a folder where the site has the file favicon\.svg/);
    assert.match(result.stderr, /error: .*Styles\.md:3: the address \/css\/ is \/css\/, a folder of the site's own files/);
    assert.doesNotMatch(result.stderr, /EEXIST|\n\s+at .+:\d+:\d+/);
  });

  it("tags that share an address share a page, and a title with control characters still gets its card", async () => {
    const dir = await tempDir("tag-slugs");
    const vault = await writeVault(dir, {
      "One.md": "---\ndg-publish: true\ntags: [to_read]\n---\nOne\n",
      "Two.md": "---\ndg-publish: true\ntags: [to-read]\n---\nTwo\n",
      "Bell.md": "---\ndg-publish: true\ntitle: \"Ring \\u0007 the bell \\u001b[31m\"\n---\nBell\n",
    });
    const out = path.join(dir, "site");
    const result = await runTrellis(["build", vault, "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
    const site = await readSite(out);
    const tagPages = [...site.keys()].filter((file) => /^tags\/.+\/index\.html$/.test(file));
    assert.deepEqual(tagPages, ["tags/to-read/index.html"]);
    const page = site.get("tags/to-read/index.html") ?? "";
    assert.match(page, /href="\/one\/"/);
    assert.match(page, /href="\/two\/"/);
    assert.match(site.get("bell/index.html") ?? "", /<meta property="og:image" content="https:\/\/garden\.example\/og\/[\w-]+\.jpg">/);
  });
});
