/**
 * Faults of the machine, not of the notes: each gets Trellis's own message and exit code, the
 * previous site stays, and nothing is left behind.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, describe, it } from "node:test";
import { fixture, REPO, runTrellis, tempDir } from "../helpers/cli.ts";

/** A 4.4 MB file system, big enough for the pages and too small for the search index; or a read-only one. */
function smallDisk(options = "size=4400k"): string | undefined {
  const dir = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Runs the command without the power to read files whatever their permissions (root's
 * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so that a file with no read permission is
 * unreadable to it; undefined where that cannot be done.
 */
function withoutReadOverride(): ((args: string[], env: NodeJS.ProcessEnv) => Promise<{ code: number | null; output: string }>) | undefined {
  // Any other user obeys file permissions already.
  if (process.getuid?.() !== 0) return (args, env) => runTrellis(args, { env }).then(({ code, stdout, stderr }) => ({ code, output: `${stdout}${stderr}` }));
  const setpriv = ["--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"];
  try {
    execFileSync("setpriv", [...setpriv, process.execPath, path.join(REPO, "src/cli/bin.js"), "--help"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  return (args, env) =>
    new Promise((resolve) => {
      const child = execFile("setpriv", [...setpriv, process.execPath, path.join(REPO, "src/cli/bin.js"), ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1", ...env } }, (_, stdout, stderr) =>
        resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
      );
    });
}

describe("faults", { timeout: 300_000 }, () => {
  const restricted = withoutReadOverride();
  it("a note that cannot be read is an error naming it, in check and build, never a crash or a silent skip", { skip: restricted ? false : "needs setpriv, to run a command that obeys file permissions" }, async () => {
    const dir = await tempDir("unreadable");
    const vault = path.join(dir, "vault");
    await mkdir(vault);
    await writeFile(path.join(vault, "Open.md"), "---\ndg-publish: true\n---\nOpen.\n");
    await writeFile(path.join(vault, "Closed.md"), "---\ndg-publish: true\n---\nClosed.\n");
    await chmod(path.join(vault, "Closed.md"), 0o000);
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    for (const args of [["check", vault], ["build", vault, "--out", path.join(dir, "site")]]) {
      const result = await (restricted ?? assert.fail())(args, env);
      assert.equal(result.code, 1, `${args[0]}:\n${result.output}`);
      assert.match(result.output, /error: .*vault\/Closed\.md: the note cannot be read \(EACCES: permission denied\), so whether it is to be published is not known\n {4}fix: make the file readable/, args[0]);
      assert.doesNotMatch(result.output, /\n\s+at .+:\d+:\d+|could not be written/, args[0]);
    }
    assert.deepEqual((await readdir(dir)).sort(), ["cache", "vault"], "the build wrote a site");
  });

  it("a search indexer that dies stops the build with a message, not a silent exit", async () => {
    // What the build waits on when Pagefind's process dies: a promise that never settles.
    const script = `import { IndexerWatch } from ${JSON.stringify(path.join(REPO, "src/emit/search-index.ts"))};
      // As many waits at once as a build keeps pages in flight, and more: all fail, and Node warns of no listener leak.
      process.on("warning", (warning) => console.error("warning: " + warning.name));
      const watch = new IndexerWatch();
      const waits = Array.from({ length: 40 }, () => watch.orStopped(new Promise(() => {})));
      const results = await Promise.allSettled(waits);
      const failed = results.filter((result) => result.status === "rejected");
      console.error("failed: " + failed.length);
      console.error("caught: " + failed[0].reason.message); process.exitCode = 1;`;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: REPO }, (_, __, stderr) => resolve({ code: child.exitCode, stderr }));
    });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /caught: the search indexer \(Pagefind\) stopped before it finished/);
    assert.match(result.stderr, /failed: 40\n/);
    assert.doesNotMatch(result.stderr, /warning:/);
  });

  it("a folder of the vault or an attachment that cannot be read is the vault's problem, named, never the output's", { skip: restricted ? false : "needs setpriv, to run a command that obeys file permissions" }, async () => {
    const dir = await tempDir("unreadable-folder");
    const vault = path.join(dir, "vault");
    await mkdir(path.join(vault, "sub"), { recursive: true });
    await writeFile(path.join(vault, "Open.md"), "---\ndg-publish: true\n---\nOpen, with ![[photo.png]].\n");
    await writeFile(path.join(vault, "sub", "Inside.md"), "---\ndg-publish: true\n---\nInside.\n");
    await writeFile(path.join(vault, "photo.png"), "not read");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    await chmod(path.join(vault, "photo.png"), 0o000);
    const checked = await (restricted ?? assert.fail())(["check", vault, "--json"], env);
    assert.equal(checked.code, 0, checked.output);
    const report = JSON.parse(checked.output.slice(checked.output.indexOf("{"))) as { attachments: Array<{ path: string }>; diagnostics: Array<{ file: string; message: string }> };
    assert.deepEqual(report.attachments, [], "an unreadable attachment is listed as published");
    assert.ok(report.diagnostics.some((d) => d.file === "photo.png" && /cannot be read \(EACCES/.test(d.message)), checked.output);
    await chmod(path.join(vault, "sub"), 0o000);
    for (const args of [["check", vault], ["build", vault, "--out", path.join(dir, "site")]]) {
      const result = await (restricted ?? assert.fail())(args, env);
      assert.equal(result.code, 1, `${args[0]}:\n${result.output}`);
      assert.match(result.output, /error: .*vault\/sub: the folder cannot be read \(EACCES: permission denied\)[^\n]*\n {4}fix: make the folder readable/, args[0]);
      assert.doesNotMatch(result.output, /could not be written|\n\s+at .+:\d+:\d+/, args[0]);
    }
    await chmod(path.join(vault, "sub"), 0o755);
  });

  it("a cache path that is a file is said as the cache's problem, with the fix, not printed raw", async () => {
    const dir = await tempDir("cache-file");
    const cache = path.join(dir, "cache");
    await writeFile(cache, "a file where the cache folder should be");
    const result = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: cache } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /trellis: the cache in .*cache could not be written: a part of its path is a file, not a folder \(ENOTDIR\)\.\n {4}fix: remove or rename that file, or use another folder \(TRELLIS_CACHE names another cache folder\)/);
    assert.doesNotMatch(result.stderr, /\n\s+at .+:\d+:\d+|Error:/);
    assert.deepEqual((await readdir(dir)).sort(), ["cache"], "the failed build left files behind");
  });

  it("a previous site made read-only is replaced, and every later build succeeds", { skip: restricted ? false : "needs setpriv, to run a command that obeys file permissions" }, async () => {
    const dir = await tempDir("read-only-site");
    const out = path.join(dir, "site");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const build = () => (restricted ?? assert.fail())(["build", fixture("garden"), "--out", out], env);
    assert.equal((await build()).code, 0);
    execFileSync("chmod", ["-R", "a-w", out]);
    for (let round = 1; round <= 2; round++) {
      const result = await build();
      assert.equal(result.code, 0, `build ${round}:\n${result.output}`);
      assert.doesNotMatch(result.output, /EACCES|\n\s+at .+:\d+:\d+/);
      assert.deepEqual((await readdir(dir)).sort(), ["cache", "site"], `build ${round} left something beside the site`);
    }
  });

  const disk = smallDisk();
  after(() => {
    // Unmounted lazily: a process still closing a file there must not fail the run.
    if (disk) execFileSync("umount", ["-l", disk], { stdio: "ignore" });
  });
  const readOnly = smallDisk("ro,size=1m");
  after(() => {
    if (readOnly) execFileSync("umount", ["-l", readOnly], { stdio: "ignore" });
  });
  it("a read-only disk is a usage error naming the folder, in build and serve, before any work", { skip: readOnly ? false : "needs a read-only tmpfs, which only root can mount" }, async () => {
    const out = path.join(readOnly ?? "", "site");
    const dir = await tempDir("read-only");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const built = await runTrellis(["build", fixture("garden"), "--out", out], { env });
    assert.equal(built.code, 2, built.stderr);
    assert.match(built.stderr, /trellis: cannot write beside the output folder .*\/site \(EROFS\); choose a folder you can write to with --out/);
    const served = await runTrellis(["serve", fixture("garden"), "--out", out, "--port", "0"], { env });
    assert.equal(served.code, 2, served.stderr);
    assert.match(served.stderr, /trellis: cannot write the output folder .*\/site \(EROFS\); serve into a folder you can write to with --out/);
  });

  const cacheDisk = smallDisk("size=1m");
  after(() => {
    if (cacheDisk) execFileSync("umount", ["-l", cacheDisk], { stdio: "ignore" });
  });
  it("a full disk under the cache is said as the cache's, not the output's", { skip: cacheDisk ? false : "needs a small tmpfs, which only root can mount" }, async () => {
    const root = cacheDisk ?? "";
    // The cache's disk is full before the build starts.
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${path.join(root, "filler")}`, "bs=64k", "count=64"], { stdio: "ignore" });
    } catch {
      // dd stops when the disk is full, which is the point
    }
    const dir = await tempDir("cache-full");
    const result = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: path.join(root, "cache") } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /trellis: the cache in .* could not be written: the disk is full \(ENOSPC\)/);
    assert.doesNotMatch(result.stderr, /the site could not be written/);
    assert.deepEqual(await readdir(dir), [], "the failed build left files behind");
  });

  it("a full disk stops the build with the reason and the fix, and leaves the previous site", { skip: disk ? false : "needs a small tmpfs, which only root can mount" }, async () => {
    const root = disk ?? "";
    const out = path.join(root, "site");
    await mkdir(out);
    await writeFile(path.join(out, ".trellis"), "a site an earlier build wrote\n");
    await writeFile(path.join(out, "index.html"), "the previous site");
    const dir = await tempDir("full-disk");
    const result = await runTrellis(["build", fixture("garden"), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^trellis: the site could not be written in .*: the disk is full \(ENOSPC\)\.\n {4}fix: free some space/m);
    // Trellis says what happened first: nothing of Pagefind's comes before its message.
    assert.match(result.stderr, /^[^\n]*trellis: the site could not be written/);
    assert.doesNotMatch(result.stderr, /\n\s+at .+:\d+:\d+/, "a stack trace was printed");
    assert.equal(await readFile(path.join(out, "index.html"), "utf8"), "the previous site");
    assert.deepEqual((await readdir(root)).sort(), ["site"], "the failed build left files behind");
  });
});
