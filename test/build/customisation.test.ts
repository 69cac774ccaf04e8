/**
 * The author's own look: style sheet, script, logo, favicon, layout slots and colours from the
 * project's config file, and an Obsidian Publish vault's publish.css, favicon and logo; the
 * pages keep their Content-Security-Policy.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import sharp from "sharp";
import { runTrellis, tempDir } from "../helpers/cli.ts";

const exists = (file: string) => stat(file).then(() => true, () => false);

const NOTE = `---
dg-publish: true
dg-home: true
title: Home
---
She said "it's here" -- see [the source](https://example.org/a/long/address) and [[Other]].
`;
const OTHER = `---\ndg-publish: true\n---\nAnother note.\n`;

async function project(files: Record<string, string | Buffer>): Promise<string> {
  const root = await tempDir("custom");
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#336699" } }).png().toBuffer();

/**
 * The one policy of a page, and a check that every script of the page is a file of the site but
 * the colour-scheme script in the head, which the policy allows by its hash alone.
 */
function checkPolicy(html: string, file: string): void {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replaceAll("&#39;", "'");
  assert.ok(policy, `${file} has a Content-Security-Policy`);
  const hashes = /script-src 'self' 'wasm-unsafe-eval' ('sha256-[A-Za-z0-9+/]{43}=');/.exec(policy)?.slice(1);
  assert.ok(hashes, `${file}: the policy's script-src is ${policy}`);
  assert.doesNotMatch(policy, /unsafe-inline'[^;]*;.*script|script-src[^;]*unsafe-inline/);
  const inline: string[] = [];
  for (const [, tag = "", body = ""] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    if (/type="application\/ld\+json"/.test(tag)) continue;
    if (/\ssrc="\//.test(tag)) continue;
    inline.push(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    assert.match(body, /^try\{var t=localStorage\.getItem\("trellis-theme"\)/, `${file}: an inline script that is not the colour scheme's: ${body.slice(0, 80)}`);
  }
  assert.deepEqual(inline, hashes, `${file}: the one inline script is the one the policy allows`);
}

describe("the author's look", () => {
  it("puts the style sheet, script, logo, favicon, slots and colours of the config in every page", async () => {
    const root = await project({
      "notes/Home.md": NOTE,
      "notes/Other.md": OTHER,
      "look/custom.css": ".site-title { letter-spacing: 0.1em; }\n",
      "look/custom.js": "document.documentElement.dataset.custom = 'yes';\n",
      "look/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
      "look/logo.png": await png(60, 30),
      "slots/head.html": '<meta name="author" content="Ada">\n<link rel="me" href="https://social.example/@ada">',
      "slots/header.html": '<a class="header-extra" href="/about/">About</a>',
      "slots/before.html": '<aside class="before-article">Before</aside>',
      "slots/after.html": '<aside class="after-article">After</aside>',
      "slots/footer.html": '<p class="my-footer">© Ada</p>',
      "trellis.config.json": JSON.stringify({
        contentDir: "notes",
        site: {
          title: "Ada's Garden",
          theme: { accent: "#aa3300", background: "#fffaf0", backgroundDark: "#101820", fontUi: "Inter, sans-serif" },
          custom: { css: "look/custom.css", js: "look/custom.js", logo: "look/logo.png", favicon: "look/icon.svg", slots: { head: "slots/head.html", header: "slots/header.html", beforeArticle: "slots/before.html", afterArticle: "slots/after.html", footer: "slots/footer.html" } },
        },
      }),
    });
    const built = await runTrellis(["build", "--quiet"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    const site = path.join(root, "_site");
    const home = await readFile(path.join(site, "index.html"), "utf8");
    const other = await readFile(path.join(site, "other", "index.html"), "utf8");

    for (const [file, page] of [["index.html", home], ["other/index.html", other]] as const) {
      checkPolicy(page, file);
      const order = ['<script>try{var t=localStorage', '<link rel="stylesheet" href="/css/site.css">', '<link rel="stylesheet" href="/css/custom.css">', '<script type="module" src="/js/page.js">', '<meta name="author" content="Ada">', "</head>", '<a class="header-extra"', '<aside class="before-article">', '<aside class="after-article">', '<p class="my-footer">© Ada</p>', '<script src="/js/custom.js" defer>'];
      const at = order.map((part) => page.indexOf(part));
      assert.ok(at.every((index) => index >= 0), `${file} has every part: ${order.filter((_, i) => (at[i] ?? -1) < 0).join(", ")}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, `${file}: in this order: ${order.join(" … ")}`);
      assert.ok(page.lastIndexOf("<script") === page.indexOf('<script src="/js/custom.js"'), `${file}: the author's script comes after Trellis's`);
      assert.match(page, /<link rel="icon" href="\/site-icon\.svg" type="image\/svg\+xml">/);
      assert.match(page, /<img class="site-logo" src="\/site-logo\.png" alt="" width="60" height="30">Ada&#39;s Garden<\/a>/);
      assert.doesNotMatch(page, /css\/(trellis|garden|markdown)\.css/, "one style sheet");
    }
    assert.equal(await readFile(path.join(site, "css/custom.css"), "utf8"), ".site-title { letter-spacing: 0.1em; }\n");
    assert.equal(await readFile(path.join(site, "js/custom.js"), "utf8"), "document.documentElement.dataset.custom = 'yes';\n");
    assert.ok(await exists(path.join(site, "site-icon.svg")));
    assert.ok(await exists(path.join(site, "site-logo.png")));
    assert.ok(await exists(path.join(site, "js/page.js")));
    assert.ok(await exists(path.join(site, "fonts/source-serif-4-latin-wght-normal.woff2")));
    const css = await readFile(path.join(site, "css/site.css"), "utf8");
    assert.match(css, /--accent: #aa3300/);
    assert.match(css, /\[data-theme=dark\]\)\{--bg: #101820\}/);
    assert.match(css, /--font-ui: Inter, sans-serif/);

    // Typography: curly quotes of the site's language, the dash as written, the external link's mark tied to its word.
    assert.match(home, /She said “it’s here” -- see <a href="https:\/\/example\.org\/a\/long\/address" class="external" rel="noopener">the source<\/a>/);
  });

  it("stops on a missing file and on a script in the head slot, naming each", async () => {
    const root = await project({
      "notes/Home.md": NOTE,
      "slots/head.html": "<script>alert(1)</script>",
      "trellis.config.json": JSON.stringify({ contentDir: "notes", site: { custom: { css: "nope.css", logo: "slots/head.html", slots: { head: "slots/head.html", footer: "missing.html" } } } }),
    });
    const built = await runTrellis(["build"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 2, built.stdout + built.stderr);
    for (const expected of [/the Trellis options in trellis\.config\.json have problems/, /`site\.custom\.css` "nope\.css": no such file/, /`site\.custom\.logo` "slots\/head\.html" must be a \.svg, \.png/, /`site\.custom\.slots\.footer` "missing\.html": no such file/, /`site\.custom\.slots\.head` slots\/head\.html: <script> is not allowed in the head slot/]) {
      assert.match(built.stderr, expected);
    }
    assert.equal(await exists(path.join(root, "_site")), false);
  });

  it("takes an Obsidian Publish vault's publish.css, favicon and logo", async () => {
    const root = await project({
      "vault/Home.md": NOTE,
      "vault/Other.md": OTHER,
      "vault/publish.css": "body { --accent: teal; }\n",
      "vault/favicon-32x32.png": await png(32, 32),
      "vault/favicon-192x192.png": await png(192, 192),
      "vault/logo.png": await png(40, 40),
    });
    const built = await runTrellis(["build", "vault", "--quiet"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    const site = path.join(root, "_site");
    const home = await readFile(path.join(site, "index.html"), "utf8");
    assert.match(home, /<link rel="stylesheet" href="\/css\/site\.css">\n<link rel="stylesheet" href="\/css\/custom\.css">/);
    assert.equal(await readFile(path.join(site, "css/custom.css"), "utf8"), "body { --accent: teal; }\n");
    assert.match(home, /<link rel="icon" href="\/site-icon\.png" type="image\/png">/);
    assert.equal((await sharp(path.join(site, "site-icon.png")).metadata()).width, 192, "the largest favicon");
    assert.match(home, /<img class="site-logo" src="\/site-logo\.png" alt="" width="40" height="40">/);
    // Without a footer slot, the footer says the site's name once.
    const footer = /<footer class="site-footer[^"]*">([\s\S]*?)<\/footer>/.exec(home)?.[1] ?? "";
    assert.equal(footer.match(/Trellis/g)?.length, 1, footer);
  });
});
