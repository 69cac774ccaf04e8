/** A project's `trellis.config.*` file: the site's settings without an `.eleventy.ts`, found from the project's folder. */
import assert from "node:assert/strict";
import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, REPO, runTrellis, tempDir } from "../helpers/cli.ts";

/** A project folder holding the steering vault as `notes/`, and the config file given. */
async function project(file: string, text: string): Promise<string> {
  const root = await tempDir("project");
  await cp(fixture("steering"), path.join(root, "notes"), { recursive: true });
  await writeFile(path.join(root, file), text);
  return root;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe("trellis.config.json", () => {
  it("builds the notes folder it names into _site of the project, with its settings", async () => {
    const root = await project("trellis.config.json", JSON.stringify({ contentDir: "notes", site: { title: "Config Garden", language: "de" } }));
    const built = await runTrellis(["build"], { cwd: root, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    const page = await readFile(path.join(root, "_site", "template-notes", "index.html"), "utf8");
    assert.match(page, /<title>Template notes · Config Garden<\/title>/);
    assert.match(page, /<html lang="de"/);
    assert.doesNotMatch(page, /Trellis Garden/, "the settings of .eleventy.ts were used");
    assert.match(built.stdout, /Built _site in /);
    assert.ok((await readdir(path.join(root, ".cache", "trellis"))).length > 0, "the cache is the project's");
  });

  it("lists every problem in the file, with its name, and builds nothing", async () => {
    const config = { contentDir: "notes", sitee: {}, site: { title: 3, language: "en us", url: "example.org", theme: { accent: "red;}" } } };
    const root = await project("trellis.config.json", JSON.stringify(config));
    const result = await runTrellis(["build"], { cwd: root });
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stderr, /the Trellis options in trellis\.config\.json have problems:/);
    for (const problem of [/unknown setting `sitee`/, /`site\.title` must be a string, not a number/, /`site\.language` "en us" is not a language tag/, /site url "example\.org" is not an absolute address/, /`site\.theme\.accent` "red;}" is not a colour/]) {
      assert.match(result.stderr, problem);
    }
    assert.equal(await exists(path.join(root, "_site")), false);

    await writeFile(path.join(root, "trellis.config.json"), "{ contentDir: notes }");
    const broken = await runTrellis(["check"], { cwd: root });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /trellis\.config\.json is not valid JSON/);
  });

  it("is refused beside another config file, and --config names one that must exist", async () => {
    const root = await project("trellis.config.json", "{}");
    await writeFile(path.join(root, "trellis.config.mjs"), "export default {};\n");
    const two = await runTrellis(["check"], { cwd: root });
    assert.equal(two.code, 2);
    assert.match(two.stderr, /2 config files \(trellis\.config\.json, trellis\.config\.mjs\)/);
    const missing = await runTrellis(["check", "--config", "nope.json"], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /config file nope\.json does not exist/);
  });
});

describe("trellis new in a project", () => {
  it("writes the note into the notes folder of the config file", async () => {
    const root = await project("trellis.config.json", JSON.stringify({ contentDir: "notes" }));
    const created = await runTrellis(["new", "Fresh idea"], { cwd: root });
    assert.equal(created.code, 0, created.stderr);
    assert.equal(await exists(path.join(root, "notes", "Fresh idea.md")), true);
    assert.equal(await exists(path.join(root, "content")), false);
  });
});

describe("trellis.config.mjs given with --config", () => {
  it("makes the file's folder the project, wherever the command runs; --title and --language override it", async () => {
    const root = await project("trellis.config.mjs", 'export default { contentDir: "notes", site: { title: "Module Garden", language: "fr" } };\n');
    const elsewhere = await tempDir("elsewhere");
    const config = path.relative(elsewhere, path.join(root, "trellis.config.mjs"));
    const built = await runTrellis(["build", "--config", config, "--title", "Flag Garden", "--language", "nl"], { cwd: elsewhere, env: { TRELLIS_CACHE: undefined } });
    assert.equal(built.code, 0, built.stderr);
    const page = await readFile(path.join(root, "_site", "template-notes", "index.html"), "utf8");
    assert.match(page, /<title>Template notes · Flag Garden<\/title>/);
    assert.match(page, /<html lang="nl"/);
    assert.deepEqual(await readdir(elsewhere), [], "nothing is written where the command runs");
    assert.equal(await exists(path.join(REPO, "_site", "template-notes")), false);

    const bad = await runTrellis(["check", "--config", config, "--language", "x y"], { cwd: elsewhere });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--language: "x y" is not a language tag/);
  });
});
