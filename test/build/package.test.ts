/**
 * Trellis as an author installs it: `npm pack`, the tarball installed into an empty project, and
 * used from there, as the `trellis` command and as the plugin of an existing Eleventy 3 site.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { brokenLinks, references } from "../helpers/links.ts";
import { listFiles, readSite, REPO, tempDir } from "../helpers/cli.ts";

const run = promisify(execFile);

/** The environment of a shell of the author's: no setting of this repository's test run leaks in. */
function authorEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TRELLIS_") && !name.startsWith("npm_")));
  // npm and the project's scripts run on the Node that runs the tests.
  return { ...env, NO_COLOR: "1", PATH: `${path.dirname(process.execPath)}${path.delimiter}${env["PATH"] ?? ""}` };
}

async function sh(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, { cwd, env: authorEnv(), maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`);
  }
}

const NOTES: Record<string, string> = {
  "Math.md": "---\npublish: true\n---\n# Math\n\nThe square $x^2$ and [[Diagram]].\n\n$$\\int_0^1 x\\,dx$$\n",
  "Diagram.md": "---\npublish: true\n---\n# Diagram\n\n```mermaid\ngraph TD\n  A --> B\n```\n\nBack to [[Math]], tagged #shapes.\n",
  "Private.md": "# Private\n\nNot published.\n",
};

async function writeVault(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(NOTES)) await writeFile(path.join(folder, name), text);
}

/** Every file of the site a page, a style sheet or a script asks for, as site paths ("/css/x.css"). */
function requestedAssets(site: Map<string, string>): Set<string> {
  const wanted = new Set<string>();
  const add = (url: string, from: string) => {
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url) || url === "") return;
    const pathname = decodeURIComponent(url.split(/[?#]/)[0] ?? "");
    wanted.add(pathname.startsWith("/") ? pathname : path.posix.join("/", path.posix.dirname(from), pathname));
  };
  for (const [file, text] of site) {
    if (file.endsWith(".html")) for (const url of references(text)) if (/\.(css|js|woff2|svg|png|webp|json)$/.test(url.split(/[?#]/)[0] ?? "")) add(url, file);
    if (file.endsWith(".css")) {
      // Of a font's `src` list a browser fetches the first format it reads (WOFF2, which every one does).
      const fetched = text.replace(/(src\s*:\s*url\([^)]*\))[^;}]*/g, "$1");
      for (const match of fetched.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) if (!match[1]?.startsWith("data:")) add(match[1] ?? "", file);
    }
    if (file.startsWith("js/") && file.endsWith(".js")) {
      // Modules and scripts a script loads: root-relative strings, and paths under the page's base.
      for (const match of text.matchAll(/["'`](\/(?:js|css)\/[\w./-]+\.(?:js|css))["'`]/g)) add(match[1] ?? "", file);
      for (const match of text.matchAll(/\$\{base\}((?:js|css)\/[\w./-]+\.(?:js|css))/g)) add(`/${match[1]}`, file);
      // And files beside the script, by its own address (`new URL("x.js", script.src)`).
      for (const match of text.matchAll(/new URL\(["']([\w.-]+\.(?:js|css))["']/g)) add(match[1] ?? "", file);
    }
  }
  return wanted;
}

describe("Trellis installed from its package", () => {
  let project = "";
  let installed = "";
  let tarball = "";

  before(async () => {
    const root = await tempDir("package");
    const packed = JSON.parse((await sh("npm", ["pack", "--json", "--pack-destination", root], REPO)).stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(root, packed[0]?.filename ?? "");
    const shipped = packed[0]?.files.map((file) => file.path) ?? [];
    assert.ok(shipped.includes("dist/cli/trellis.js") && shipped.includes("dist/eleventy/plugin.js"), "the compiled command and plugin are packed");
    const stray = shipped.filter((file) => /^(test|scripts|content|docs)\//.test(file) || /\.ts$/.test(file.replace(/\.d\.ts$/, "")));
    assert.deepEqual(stray, [], "only what runs is packed");
    project = path.join(root, "project");
    await mkdir(project);
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "my-garden", private: true }));
    await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], project);
    installed = path.join(project, "node_modules", "trellis");
  });

  it("npx trellis build publishes the vault with the project's settings and every asset its pages ask for, writing nothing into the package", async () => {
    await writeVault(path.join(project, "vault"));
    await writeFile(path.join(project, "trellis.config.json"), JSON.stringify({ contentDir: "vault", site: { title: "Packaged Garden" } }));
    const before = new Map(await Promise.all((await listFiles(installed)).map(async (file) => [file, (await stat(path.join(installed, file))).mtimeMs] as const)));

    await sh("npx", ["--no-install", "trellis", "build"], project);

    const site = await readSite(path.join(project, "_site"));
    assert.match(site.get("math/index.html") ?? "", /<title>Math · Packaged Garden<\/title>/);
    assert.ok(!site.has("private/index.html"), "an unpublished note was published");
    const wanted = requestedAssets(site);
    for (const asset of ["/css/katex/katex.min.css", "/js/mermaid.min.js", "/js/graph.js", "/js/vendor/d3-force.min.js", "/js/vendor/d3-timer.min.js"]) {
      assert.ok(wanted.has(asset), `no page or script asks for ${asset}`);
    }
    assert.ok([...wanted].some((asset) => /^\/css\/katex\/fonts\/KaTeX_Main-Regular\.woff2$/.test(asset)), "KaTeX's style sheet asks for its fonts");
    const missing = [...wanted].filter((asset) => !site.has(asset.slice(1)));
    assert.deepEqual(missing, [], "assets the pages ask for are not in the site");
    assert.deepEqual(brokenLinks(site), []);

    const after = await listFiles(installed);
    assert.deepEqual(after, [...before.keys()], "files were added to or removed from the installed package");
    for (const file of after) assert.equal((await stat(path.join(installed, file))).mtimeMs, before.get(file), `${file} of the installed package was written`);
    assert.ok((await stat(path.join(project, ".cache", "trellis"))).isDirectory(), "the cache is the project's");
  });

  it("follows the README's route from an empty folder: npm init, the tarball installed, trellis init, npm run build", async () => {
    const dir = path.join(path.dirname(tarball), "route");
    await mkdir(dir);
    await sh("npm", ["init", "-y"], dir);
    await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], dir);
    const written = (JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["trellis"];
    const { stdout } = await sh("npx", ["--no-install", "trellis", "init", "--host", "github", "--title", "Route Garden"], dir);
    assert.match(stdout, /\nNext: npm run serve\n/, "init says what to run, in this folder, with nothing to install");
    // npm's own entries stay; Trellis's scripts are added; the dependency is what npm wrote.
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    assert.equal(manifest.name, "route");
    assert.equal(manifest.dependencies["trellis"], written);
    assert.match(written ?? "", /^file:\.\.\/trellis-[\d.]+\.tgz$/);
    assert.deepEqual({ build: manifest.scripts["build"], serve: manifest.scripts["serve"], check: manifest.scripts["check"] }, { build: "trellis build", serve: "trellis serve", check: "trellis check" });
    assert.ok(manifest.scripts["test"], "npm's test script was kept");
    assert.match(stdout, /installs Trellis from .*trellis-[\d.]+\.tgz, outside this project/, "the deploy's missing tarball is said");
    assert.match(await readFile(path.join(dir, ".github/workflows/deploy.yml"), "utf8"), /- run: npm run build -- --url/);

    await sh("npm", ["run", "build"], dir);
    const home = await readFile(path.join(dir, "_site", "index.html"), "utf8");
    assert.match(home, /<title>Route Garden/);
    assert.match(home, /Run <code>npm run serve<\/code>/);
  });

  it("installs one sharp, shared with eleventy-img", async () => {
    const { stdout } = await sh("npm", ["ls", "sharp", "--all", "--parseable"], project);
    const copies = new Set(stdout.split("\n").filter((line) => line.trim() !== "").map((line) => path.relative(project, line)));
    assert.deepEqual([...copies], [path.join("node_modules", "sharp")]);
  });

  it("is a plugin of an existing Eleventy 3 site, mounted at /garden/: the host's pages and layouts stay its own", async () => {
    const host = path.join(project, "host");
    await writeVault(path.join(host, "notes"));
    // The host has an includes folder of its own, with a layout named like one of Trellis's.
    await mkdir(path.join(host, "src", "_includes", "layouts"), { recursive: true });
    await writeFile(path.join(host, "src", "_includes", "layouts", "base.njk"), '<!doctype html><html><head><title>{{ title }}</title></head><body class="host">{{ content | safe }}</body></html>\n');
    await writeFile(path.join(host, "src", "index.njk"), '---\nlayout: layouts/base.njk\ntitle: Host home\n---\n<h1>The host site</h1>\n<a href="/garden/">My garden</a> <a href="/about/">About</a>\n');
    await writeFile(path.join(host, "src", "about.njk"), "---\nlayout: layouts/base.njk\ntitle: About\npermalink: /about/\n---\n<p>About <a href=\"/\">home</a>.</p>\n");
    await writeFile(
      path.join(host, "eleventy.config.js"),
      [
        'import { trellis } from "trellis/plugin";',
        "export default function (eleventyConfig) {",
        '  eleventyConfig.addPlugin(trellis, { contentDir: "notes", mount: "/garden/", site: { title: "Host Garden" } });',
        '  return { dir: { input: "src", includes: "_includes" } };',
        "}",
        "",
      ].join("\n"),
    );
    await writeFile(path.join(host, "package.json"), JSON.stringify({ name: "host-site", private: true, type: "module" }));

    await sh(process.execPath, [path.join(project, "node_modules", "@11ty", "eleventy", "cmd.cjs"), "--quiet"], host);

    const site = await readSite(path.join(host, "_site"));
    const home = site.get("index.html") ?? "";
    assert.match(home, /<body class="host">\s*<h1>The host site<\/h1>/, "the host's page is not printed by its own layout");
    assert.doesNotMatch(home, /data-base/, "Trellis's layout printed the host's page");
    assert.match(site.get("garden/math/index.html") ?? "", /<title>Math · Host Garden<\/title>/);
    assert.match(site.get("garden/math/index.html") ?? "", /data-base="\/garden\/"/);
    assert.ok(site.has("garden/index.html") && site.has("garden/graph/index.html") && site.has("garden/404.html") && site.has("garden/css/site.css"));
    const outside = [...site.keys()].filter((file) => !file.startsWith("garden/") && !["index.html", "about/index.html"].includes(file));
    assert.deepEqual(outside, [], "the garden wrote outside /garden/");
    // Pages ask for /garden/…, checked with the links below; style sheets and scripts ask for
    // paths under the page's base, which are the garden's own.
    const garden = new Map([...site].filter(([file]) => file.startsWith("garden/") && !file.endsWith(".html")).map(([file, text]) => [file.slice("garden/".length), text]));
    const missing = [...requestedAssets(garden)].filter((asset) => !site.has(`garden${asset}`));
    assert.ok(requestedAssets(garden).has("/js/vendor/d3-force.min.js"));
    assert.deepEqual(missing, [], "assets the garden's style sheets and scripts ask for are missing");
    assert.deepEqual(brokenLinks(site), []);
    assert.ok((await stat(path.join(host, ".cache", "trellis"))).isDirectory(), "the cache is the host project's");
  });
});
