/**
 * The output folder: a build replaces only a folder Trellis wrote, holds a lock while it works,
 * and a build that was killed never costs the previous site nor leaves its leftovers behind.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { generateVault } from "../../scripts/bench/generate-vault.ts";
import { fixture, listFiles, REPO, runTrellis, tempDir } from "../helpers/cli.ts";

/** Where in its work a build is stopped, as seen from outside: the files it has made so far. */
type Point = "lock" | "staging" | "pages" | "indexing";

/**
 * Runs a build and sends it `signal` as soon as it reaches `point`, watched with the file
 * system's own notifications (the lock holds its pid; the folder it builds in exists; the
 * first page is written into that folder).
 */
async function stoppedBuild(vault: string, out: string, env: NodeJS.ProcessEnv, signal: NodeJS.Signals, point: Point, command = trellisBuild(vault, out)): Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null; sent: boolean; stderr: string }> {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const pid = child.pid ?? 0;
  const staging = `${out}.trellis-build-${pid}`;
  let sent = false;
  const watchers: FSWatcher[] = [];
  const reached = (): boolean => {
    if (point === "lock") return readFileSafe(`${out}.trellis-lock`) === String(pid);
    if (!existsSync(staging)) return false;
    if (point === "staging") return true;
    if (watchers.length === 1) watchers.push(watch(staging, look));
    if (point !== "indexing") return readdirSafe(staging).length > 0;
    // Pagefind writes its index once every page is made: its fragments are its first files.
    const index = path.join(staging, "pagefind");
    if (watchers.length === 2 && existsSync(index)) watchers.push(watch(index, look));
    return existsSync(path.join(index, "fragment"));
  };
  function look(): void {
    if (sent || child.exitCode !== null || !reached()) return;
    sent = child.kill(signal);
  }
  watchers.push(watch(path.dirname(out), look));
  look();
  const [code, exitSignal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (c, s) => resolve([c, s])));
  for (const watcher of watchers) watcher.close();
  return { pid, code, signal: exitSignal, sent, stderr };
}

/** A build, as a command run in a folder. */
interface BuildCommand {
  args: string[];
  cwd: string;
}

function trellisBuild(vault: string, out: string): BuildCommand {
  return { args: [path.join(REPO, "src/cli/bin.js"), "build", vault, "--out", out], cwd: REPO };
}

/**
 * An Eleventy site of its own with a garden mounted at /garden/ (the plugin from Trellis's
 * sources): Eleventy builds it into `host/_site`, the garden into `host/_site/garden`.
 */
async function hostSite(dir: string): Promise<{ host: string; garden: string; build: BuildCommand }> {
  const host = path.join(dir, "host");
  await mkdir(path.join(host, "src"), { recursive: true });
  await cp(fixture("garden"), path.join(host, "notes"), { recursive: true });
  await writeFile(path.join(host, "src", "index.njk"), "<h1>The host site</h1>\n");
  await writeFile(
    path.join(host, "eleventy.config.js"),
    [
      `import { trellis } from ${JSON.stringify(path.join(REPO, "src/eleventy/plugin.ts"))};`,
      "export default function (eleventyConfig) {",
      '  eleventyConfig.addPlugin(trellis, { contentDir: "notes", mount: "/garden/", site: { title: "Host Garden" } });',
      '  return { dir: { input: "src" } };',
      "}",
      "",
    ].join("\n"),
  );
  await writeFile(path.join(host, "package.json"), JSON.stringify({ name: "host-site", private: true, type: "module" }));
  // tsx, found from here, loads Trellis's TypeScript sources; the host has no node_modules of its own.
  const build = { args: ["--import", import.meta.resolve("tsx"), path.join(REPO, "node_modules/@11ty/eleventy/cmd.cjs"), "--quiet"], cwd: host };
  return { host, garden: path.join(host, "_site", "garden"), build };
}

function runCommand(command: BuildCommand): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command.args, { cwd: command.cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

describe("the output folder", { timeout: 600_000 }, () => {
  it("is never a folder of somebody else's files, unless --force says so", async () => {
    const dir = await tempDir("out-foreign");
    const out = path.join(dir, "gh-pages");
    await mkdir(path.join(out, ".git"), { recursive: true });
    await writeFile(path.join(out, "CNAME"), "garden.example\n");
    await writeFile(path.join(out, ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
    const refused = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /output folder .*gh-pages holds files that Trellis did not write .*--force/);
    assert.deepEqual(await listFiles(out), [".git/HEAD", "CNAME"], "the folder was touched");

    const forced = await runTrellis(["build", fixture("garden"), "--out", out, "--force"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok((await listFiles(out)).includes(".trellis"), "a build marks the folder it wrote");
    // Now it is Trellis's: the next build replaces it without --force.
    const again = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(again.code, 0, again.stderr);
  });

  it("is locked while a build writes it: a second build stops with a clear message", async () => {
    const dir = await tempDir("out-locked");
    const out = path.join(dir, "site");
    // A lock held by a live process (this one).
    await writeFile(`${out}.trellis-lock`, String(process.pid));
    const second = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, new RegExp(`another Trellis build \\(process ${process.pid}\\) is writing`));
    assert.deepEqual(await readdir(dir), ["site.trellis-lock"], "the second build wrote something");
  });

  it("puts back the previous site a killed build moved aside, and removes what killed builds left", async () => {
    const dir = await tempDir("out-killed");
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    assert.equal((await runTrellis(["build", fixture("garden"), "--out", out], { env })).code, 0);
    const before = await readFile(path.join(out, "index.html"), "utf8");
    // A build killed between its two renames (pid 2^22 + 1 is beyond Linux's pid_max: never alive),
    // with its half-written folder and its lock.
    const dead = 4194305;
    await rename(out, `${out}.trellis-old-${dead}`);
    await mkdir(`${out}.trellis-build-${dead}/half`, { recursive: true });
    await writeFile(`${out}.trellis-lock`, String(dead));
    // The next build fails (a broken note), so what is left is what recovery made of it.
    const vault = path.join(dir, "vault");
    await mkdir(vault);
    await writeFile(path.join(vault, "Broken.md"), "---\ndg-publish: true\ndg-permalink: /what?/\n---\nBroken.\n");
    const failed = await runTrellis(["build", vault, "--out", out], { env });
    assert.equal(failed.code, 1, failed.stderr);
    assert.equal(await readFile(path.join(out, "index.html"), "utf8"), before, "the previous site was not put back");
    assert.deepEqual((await readdir(dir)).sort(), ["cache", "site", "vault"], "leftovers of the killed build remain");
  });

  it("holds a manifest of exactly the files the build wrote, each with the digest of the key it was made from", async () => {
    const dir = await tempDir("out-manifest");
    const out = path.join(dir, "site");
    const built = await runTrellis(["build", fixture("garden"), "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(built.code, 0, built.stderr);
    const manifest = JSON.parse(await readFile(path.join(out, ".trellis"), "utf8")) as { files: Record<string, string> };
    const files = await listFiles(out);
    assert.deepEqual(Object.keys(manifest.files), files.filter((file) => file !== ".trellis"));
    assert.ok(files.some((file) => file.startsWith("pagefind/")) && files.includes("css/site.css") && files.includes("404.html"), "the search index, the style sheet and the 404 page are the writer's too");
    assert.ok(Object.values(manifest.files).every((key) => /^[\w-]{22}$/.test(key)));
  });

  it("keeps the previous site through builds killed or stopped at any point, and the next build leaves nothing behind", async () => {
    const dir = await tempDir("out-stopped");
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    assert.equal((await runTrellis(["build", fixture("garden"), "--out", out], { env })).code, 0);
    const before = await listFiles(out);
    const home = await readFile(path.join(out, "index.html"), "utf8");
    const cases: Array<[NodeJS.Signals, Point]> = [["SIGKILL", "lock"], ["SIGKILL", "staging"], ["SIGKILL", "pages"], ["SIGTERM", "pages"]];
    for (const [signal, point] of cases) {
      const stopped = await stoppedBuild(fixture("garden"), out, env, signal, point);
      const what = `${signal} at ${point}`;
      assert.ok(stopped.sent, `${what}: the build ended before it got there:\n${stopped.stderr}`);
      if (signal === "SIGKILL") assert.equal(stopped.signal, "SIGKILL", what);
      else {
        // Stopped, not killed: it cleans up after itself at once.
        assert.equal(stopped.code, 143, `${what}:\n${stopped.stderr}`);
        assert.match(stopped.stderr, /Build stopped \(SIGTERM\); .* was left as it was/);
        const beside = (await readdir(dir)).filter((entry) => entry.includes(String(stopped.pid)) || entry.endsWith(".trellis-lock"));
        assert.deepEqual(beside, [], `${what}: it left ${beside.join(", ")}`);
      }
      assert.deepEqual(await listFiles(out), before, `${what}: the previous site changed`);
      assert.equal(await readFile(path.join(out, "index.html"), "utf8"), home, what);
    }
    const next = await runTrellis(["build", fixture("garden"), "--out", out], { env });
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual((await readdir(dir)).sort(), ["cache", "site"], "leftovers of the stopped builds remain");
    assert.deepEqual(await listFiles(out), before);
  });

  it("stops a build cleanly while Pagefind writes its index, every time: the previous site stays and nothing is left beside it", async () => {
    const dir = await tempDir("out-indexing");
    const vault = path.join(dir, "vault");
    // Enough notes that Pagefind takes a while to write its index.
    await generateVault(vault, { notes: 600, seed: 7 });
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const first = await runTrellis(["build", vault, "--out", out], { env });
    assert.equal(first.code, 0, first.stderr);
    const before = await listFiles(out);
    // Ten builds stopped while Pagefind writes; one that finished before the signal reached it
    // (a busy machine) stopped nothing, and is not counted.
    let attempts = 0;
    for (let run = 1; run <= 10; run++) {
      const signal: NodeJS.Signals = run % 2 === 0 ? "SIGINT" : "SIGTERM";
      const stopped = await stoppedBuild(vault, out, env, signal, "indexing");
      const what = `run ${run}, ${signal} while indexing`;
      assert.ok(++attempts <= 15, `builds kept finishing before the signal reached them:\n${stopped.stderr}`);
      if (stopped.code === 0) {
        run--;
        continue;
      }
      assert.ok(stopped.sent, `${what}: the build ended before Pagefind wrote:\n${stopped.stderr}`);
      assert.equal(stopped.code, signal === "SIGINT" ? 130 : 143, `${what}:\n${stopped.stderr}`);
      assert.match(stopped.stderr, new RegExp(`Build stopped \\(${signal}\\)`), what);
      assert.doesNotMatch(stopped.stderr, /ENOTEMPTY|Error:|\n\s+at .+:\d+:\d+/, what);
      const beside = (await readdir(dir)).filter((entry) => entry.startsWith("site."));
      assert.deepEqual(beside, [], `${what}: it left ${beside.join(", ")}`);
      assert.deepEqual(await listFiles(out), before, `${what}: the previous site changed`);
    }
  });

  it("lets two builds into one folder at once end with one whole site: the second waits its turn or stops with a clear message", async () => {
    const dir = await tempDir("out-twice");
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const results = await Promise.all([runTrellis(["build", fixture("garden"), "--out", out], { env }), runTrellis(["build", fixture("garden"), "--out", out], { env })]);
    assert.ok(results.some((result) => result.code === 0), results.map((result) => result.stderr).join("\n"));
    for (const result of results.filter((one) => one.code !== 0)) {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /another Trellis build \(process \d+\) is writing/);
    }
    assert.deepEqual((await readdir(dir)).sort(), ["cache", "site"]);
    assert.ok((await listFiles(out)).includes("index.html"));
  });

  it("keeps a garden mounted in a host Eleventy site through builds killed at any point, and the next build leaves nothing behind", async () => {
    const { host, garden, build } = await hostSite(await tempDir("out-mounted"));
    const first = await runCommand(build);
    assert.equal(first.code, 0, first.stderr);
    const before = await listFiles(garden);
    assert.ok(before.includes("index.html") && before.includes(".trellis"), before.join(" "));
    const home = await readFile(path.join(garden, "index.html"), "utf8");
    for (const [signal, point] of [["SIGKILL", "lock"], ["SIGKILL", "staging"], ["SIGKILL", "pages"], ["SIGTERM", "pages"]] as Array<[NodeJS.Signals, Point]>) {
      const stopped = await stoppedBuild("", garden, {}, signal, point, build);
      const what = `${signal} at ${point}`;
      assert.ok(stopped.sent, `${what}: the build ended before it got there:\n${stopped.stderr}`);
      assert.deepEqual(await listFiles(garden), before, `${what}: the previous garden changed`);
      assert.equal(await readFile(path.join(garden, "index.html"), "utf8"), home, what);
    }
    const next = await runCommand(build);
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual((await readdir(path.join(host, "_site"))).sort(), ["garden", "index.html"], "leftovers of the killed builds remain");
    assert.deepEqual(await listFiles(garden), before);
  });

  it("lets two builds of a host site with a mounted garden at once end with one whole garden", async () => {
    const { host, garden, build } = await hostSite(await tempDir("out-mounted-twice"));
    const results = await Promise.all([runCommand(build), runCommand(build)]);
    assert.ok(results.some((result) => result.code === 0), results.map((result) => result.stderr).join("\n"));
    for (const result of results.filter((one) => one.code !== 0)) assert.match(result.stderr, /another Trellis build \(process \d+\) is writing/);
    assert.deepEqual((await readdir(path.join(host, "_site"))).sort(), ["garden", "index.html"]);
    const files = await listFiles(garden);
    const manifest = JSON.parse(await readFile(path.join(garden, ".trellis"), "utf8")) as { files: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.files), files.filter((file) => file !== ".trellis"));
  });
});
