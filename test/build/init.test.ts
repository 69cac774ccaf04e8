/** `trellis init`: a ready project for a new or an existing vault, never overwriting a file. */
import assert from "node:assert/strict";
import { cp, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, listFiles, runTrellis, tempDir } from "../helpers/cli.ts";
import { buildCommand, FULL_HISTORY_SCRIPT, githubWorkflow, netlifyToml, wranglerToml } from "../../src/cli/deploy-recipes.ts";
import { REPO } from "../helpers/cli.ts";

const exists = (file: string) => stat(file).then(() => true, () => false);

describe("trellis init", () => {
  it("makes a new project that builds, titled after its folder, with the host's workflow", async () => {
    const root = path.join(await tempDir("init"), "Field Notes");
    const made = await runTrellis(["init", root, "--host", "github"]);
    assert.equal(made.code, 0, made.stderr);
    assert.deepEqual(await listFiles(root), [".github/workflows/deploy.yml", ".gitignore", "content/Welcome.md", "package.json", "trellis.config.json"]);
    const config = JSON.parse(await readFile(path.join(root, "trellis.config.json"), "utf8")) as { contentDir: string; site: { title: string } };
    assert.deepEqual(config, { contentDir: "content", site: { title: "Field Notes", language: "en" } });
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    assert.equal(manifest.name, "field-notes");
    assert.deepEqual(manifest.scripts, { build: "trellis build", serve: "trellis serve", check: "trellis check" });
    assert.ok(manifest.dependencies["trellis"], "depends on Trellis");
    assert.match(await readFile(path.join(root, ".gitignore"), "utf8"), /^_site\/\n\.cache\/\nnode_modules\/\n$/);
    const workflow = await readFile(path.join(root, ".github/workflows/deploy.yml"), "utf8");
    assert.match(workflow, /run: npm run build -- --url "\$\{\{ steps\.pages\.outputs\.base_url \}\}"/, "the config file names the notes folder");

    const built = await runTrellis(["build", "--quiet"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    const home = await readFile(path.join(root, "_site", "index.html"), "utf8");
    assert.match(home, /<title>Field Notes/);
  });

  it("makes a Digital Garden repository a project as it is: no sample note, the site named by its .env", async () => {
    const root = path.join(await tempDir("init-garden"), "garden");
    await cp(fixture("digital-garden"), root, { recursive: true });
    // The template's own scripts, which build it with its own Eleventy.
    const template = { name: "digital-garden", private: true, scripts: { start: "npm-run-all -p start:*", build: "npm-run-all -s build:*" }, dependencies: { "@11ty/eleventy": "^2.0.1" } };
    await writeFile(path.join(root, "package.json"), `${JSON.stringify(template, null, 4)}\n`);
    const made = await runTrellis(["init", root, "--host", "github"]);
    assert.equal(made.code, 0, made.stderr);
    assert.deepEqual(JSON.parse(await readFile(path.join(root, "trellis.config.json"), "utf8")), { contentDir: ".", site: {} });
    // The repository's package.json is the template's, whose build script is not Trellis.
    assert.match(await readFile(path.join(root, ".github/workflows/deploy.yml"), "utf8"), /- run: npx trellis build --url "\$\{\{ steps\.pages\.outputs\.base_url \}\}"/);
    assert.ok(!(await exists(path.join(root, "content"))), "a content folder was made beside the repository's notes");
    assert.match(made.stdout, /Kept the "build" script of .*package\.json: it runs something else; use npx trellis build/);
    // The template's scripts and dependencies stay as they were, in its indentation; Trellis's are added.
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as typeof template & { scripts: Record<string, string>; dependencies: Record<string, string> };
    assert.deepEqual(manifest.scripts, { ...template.scripts, serve: "trellis serve", check: "trellis check" });
    assert.equal(manifest.dependencies["@11ty/eleventy"], "^2.0.1");
    assert.match(manifest.dependencies["trellis"] ?? "", /^file:/);
    assert.match(await readFile(path.join(root, "package.json"), "utf8"), /^\{\n {4}"name"/);
    const built = await runTrellis(["build", "--quiet"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    assert.match(await readFile(path.join(root, "_site", "index.html"), "utf8"), /<title>The Fern Garden<\/title>/);
  });

  it("keeps every file already there, says so, and writes no sample note into a vault with notes", async () => {
    const root = await tempDir("init-existing");
    await mkdir(path.join(root, "notes", "Deep"), { recursive: true });
    await writeFile(path.join(root, "notes", "Deep", "Idea.md"), "---\ndg-publish: true\n---\nAn idea.\n");
    await writeFile(path.join(root, "package.json"), '{ "name": "mine" }\n');
    const made = await runTrellis(["init", "--host", "netlify", "--title", "My Garden"], { cwd: root });
    assert.equal(made.code, 0, made.stderr);
    // The project's package.json gains the scripts and a dependency that installs: the folder Trellis ran from.
    assert.match(made.stdout, /Added Trellis's scripts and dependency to package\.json/);
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    assert.equal(manifest.name, "mine");
    assert.deepEqual(manifest.scripts, { build: "trellis build", serve: "trellis serve", check: "trellis check" });
    assert.equal(path.resolve(root, (manifest.dependencies["trellis"] ?? "").replace(/^file:/, "")), REPO);
    assert.match(made.stdout, /outside this project: a deploy \(npm ci on the host\) will not find it/);
    assert.equal(await exists(path.join(root, "notes", "Welcome.md")), false);
    const config = JSON.parse(await readFile(path.join(root, "trellis.config.json"), "utf8")) as { contentDir: string; site: { title: string } };
    assert.equal(config.contentDir, "notes");
    assert.equal(config.site.title, "My Garden");
    assert.match(await readFile(path.join(root, "netlify.toml"), "utf8"), /command = "sh scripts\/deploy\/full-history\.sh && npm run build -- --url \\"\$URL\\""/);
    assert.equal(await readFile(path.join(root, "scripts/deploy/full-history.sh"), "utf8"), FULL_HISTORY_SCRIPT);

    const again = await runTrellis(["init", "--host", "cloudflare"], { cwd: root });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Kept trellis\.config\.json: it already exists/);
    assert.match(again.stdout, /Kept scripts\/deploy\/full-history\.sh: it already exists/);
    assert.match(await readFile(path.join(root, "wrangler.toml"), "utf8"), /--url https:\/\/trellis-init-existing-\w+\.pages\.dev/);
  });

  it("refuses a host it has no recipe for, and a folder that is itself the vault", async () => {
    const root = await tempDir("init-refused");
    const host = await runTrellis(["init", root, "--host", "vercel"]);
    assert.equal(host.code, 2);
    assert.match(host.stderr, /--host must be one of github, netlify, cloudflare, none, not "vercel"/);
    await writeFile(path.join(root, "Note.md"), "text\n");
    const vault = await runTrellis(["init", root]);
    assert.equal(vault.code, 2);
    assert.match(vault.stderr, /holds notes itself \(Note\.md\).*--content/);
    assert.deepEqual(await listFiles(root), ["Note.md"], "nothing was written");
  });
});

describe("deploy recipes", () => {
  it("are the ones this repository deploys its sample garden with", async () => {
    const read = (file: string) => readFile(path.join(REPO, file), "utf8");
    assert.equal(await read(".github/workflows/deploy.yml"), githubWorkflow(buildCommand("content")));
    assert.equal(await read("netlify.toml"), netlifyToml(buildCommand("content")));
    assert.equal(await read("wrangler.toml"), wranglerToml("trellis-garden", buildCommand("content"), "your-garden"));
    assert.equal(await read("scripts/deploy/full-history.sh"), FULL_HISTORY_SCRIPT);
  });
});
