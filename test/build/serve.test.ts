/**
 * `trellis serve` run as an author runs it: after the first build an edit to a note updates
 * the pages it changes, without a build, and the pages are the ones a full build writes.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { launchBrowser } from "../helpers/browser.ts";
import { fileVersion } from "../../src/read/note.ts";
import { fixture, listFiles, REPO, runTrellis, tempDir } from "../helpers/cli.ts";

const BIN = path.join(REPO, "src/cli/bin.js");
const WAIT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Served {
  dir: string;
  vault: string;
  out: string;
  url: string;
  env: NodeJS.ProcessEnv;
  /** Everything the server printed so far. */
  output(): string;
  /** Lines saying the site was built or updated ("Built … in N s: …"). */
  builds(): number;
  /** Full builds Eleventy did ("[11ty] … Wrote N file(s)"). */
  eleventyBuilds(): number;
  page(sitePath: string): Promise<string>;
  /** Waits until the served page at `sitePath` passes `check`. */
  until(sitePath: string, check: (html: string) => boolean, what: string): Promise<string>;
  /**
   * Waits until the server has read every note file as the test last wrote, moved or removed
   * it (its --verbose lines name each file an update read, with the digest of its text), and
   * has written what that update changed.
   */
  settled(): Promise<void>;
  /** Waits until the search index has been made again after the last update that changed it. */
  searchSettled(): Promise<void>;
  /** Waits until the server prints a line that matches, after the `from`-th character of its output. */
  printed(pattern: RegExp, from: number): Promise<void>;
  write(file: string, text: string): Promise<void>;
  edit(file: string, change: (source: string) => string): Promise<void>;
  remove(file: string): Promise<void>;
  move(from: string, to: string): Promise<void>;
  stop(): Promise<void>;
}

/** Where a served vault lives: a copy of a fixture, or folders a test made. */
interface ServedFolders {
  dir: string;
  vault: string;
  out: string;
  env: NodeJS.ProcessEnv;
}

async function fixtureCopy(name: string): Promise<ServedFolders> {
  const dir = await tempDir(`serve-${name}`);
  const vault = path.join(dir, "vault");
  await cp(fixture(name), vault, { recursive: true });
  return { dir, vault, out: path.join(dir, "site"), env: { ...process.env, NO_COLOR: "1", TRELLIS_CACHE: path.join(dir, "cache") } };
}

/** Serves a vault; `args` are more options for `trellis serve`. */
async function serveCopy(folders: ServedFolders, args: string[] = []): Promise<Served> {
  const { dir, vault, out, env } = folders;
  const port = await freePort();
  // A process group of its own, so that stopping it stops everything it started.
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve", vault, "--out", out, "--port", String(port), "--verbose", ...args], {
    cwd: REPO,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  /** Called after each line the server prints. */
  const listeners = new Set<() => void>();
  const read = (line: string) => {
    log += `${line}\n`;
    for (const listener of listeners) listener();
  };
  /** Resolves once `done()` holds, looking again after every line the server prints. */
  const whenLogged = (done: () => boolean, what: () => string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        finish();
        resolve();
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${what()} within ${WAIT_MS / 1000} s; the server said:\n${log}`));
      }, WAIT_MS);
      const stopped = () => {
        finish();
        reject(new Error(`the server stopped: ${what()}; it said:\n${log}`));
      };
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off("exit", stopped);
      };
      listeners.add(check);
      child.once("exit", stopped);
      check();
    });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", read);
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", read);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  /** Note files changed since the last settled(): the version the server must read (undefined: gone), and where the log stood then. */
  const pending = new Map<string, { version: string | undefined; from: number }>();
  const expect = (file: string, text: string | undefined) => pending.set(file, { version: text === undefined ? undefined : fileVersion(text), from: log.length });
  const wasRead = (file: string, { version, from }: { version: string | undefined; from: number }) =>
    log.slice(from).split("\n").some((line) => line.startsWith("Read: ") && `${line.slice(6)}, `.includes(`${file} (${version ?? "gone"}), `));
  const url = `http://127.0.0.1:${port}`;
  const served: Served = {
    dir,
    vault,
    out,
    url,
    env,
    output: () => log,
    builds: () => (log.match(/^Built .* in [\d.]+ s:/gm) ?? []).length,
    eleventyBuilds: () => (log.match(/^\[11ty\].*Wrote \d+ files?/gm) ?? []).length,
    page: (sitePath) => fetch(new URL(sitePath, url)).then((response) => (response.ok ? response.text() : ""), () => ""),
    async until(sitePath, check, what) {
      const started = Date.now();
      for (;;) {
        const html = await served.page(sitePath);
        if (check(html)) return html;
        if (child.exitCode !== null) throw new Error(`the server stopped before ${what}:\n${log}`);
        if (Date.now() - started > WAIT_MS) throw new Error(`${sitePath}: no ${what} within ${WAIT_MS / 1000} s; the server said:\n${log}`);
        await sleep(50);
      }
    },
    async settled() {
      const unread = () => [...pending].filter(([file, expected]) => !wasRead(file, expected)).map(([file]) => file);
      await whenLogged(
        () => served.builds() > 0 && unread().length === 0,
        () => (served.builds() === 0 ? "no first build" : `${unread().join(", ")} not read as written`),
      );
      pending.clear();
    },
    printed: (pattern, from) =>
      whenLogged(
        () => pattern.test(log.slice(from)),
        () => `nothing matched ${pattern}`,
      ),
    searchSettled: () =>
      whenLogged(
        () => log.lastIndexOf("Search index will be updated") <= log.lastIndexOf("Search index updated"),
        () => "the search index was not updated",
      ),
    async write(file, text) {
      expect(file, text);
      await writeFile(path.join(vault, file), text);
    },
    async edit(file, change) {
      await served.write(file, change(await readFile(path.join(vault, file), "utf8")));
    },
    async remove(file) {
      expect(file, undefined);
      await rm(path.join(vault, file));
    },
    async move(from, to) {
      expect(from, undefined);
      expect(to, await readFile(path.join(vault, from), "utf8"));
      await rename(path.join(vault, from), path.join(vault, to));
    },
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
        await Promise.race([exited, sleep(10_000)]);
        if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      }
    },
  };
  try {
    await served.until("/", (html) => html.includes("</html>"), "first page");
    await served.settled();
  } catch (error) {
    await served.stop();
    throw error;
  }
  return served;
}

/** Runs `body` with a served copy of a fixture vault, and always stops the server. */
async function withServe(vault: string | ServedFolders, args: string[], body: (served: Served) => Promise<void>): Promise<void> {
  const served = await serveCopy(typeof vault === "string" ? await fixtureCopy(vault) : vault, args);
  try {
    await body(served);
  } finally {
    await served.stop();
  }
}

/**
 * A full build of the served vault (same options, same cache) writes exactly the files the
 * server has, byte for byte: pages, images, attachments, cards and the search index (once the
 * server says it has made it again after the last edit).
 */
async function assertSameAsBuild(served: Served, args: string[]): Promise<void> {
  await served.searchSettled();
  const built = path.join(served.dir, `built-${Date.now()}`);
  const result = await runTrellis(["build", served.vault, "--out", built, ...args], { env: served.env });
  assert.equal(result.code, 0, result.stderr);
  const expected = await readBytes(built);
  const actual = await readBytes(served.out);
  const missing = [...expected.keys()].filter((file) => !actual.has(file));
  const extra = [...actual.keys()].filter((file) => !expected.has(file));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, "the served site has other files than a build");
  // Every file that differs, named, before the first one's contents.
  const differing = [...expected].filter(([file, bytes]) => !actual.get(file)?.equals(bytes)).map(([file]) => file);
  assert.deepEqual(manifestOf(actual), manifestOf(expected), `the served site's manifest differs from a build's; so do: ${differing.join(", ")}`);
  for (const [file, bytes] of expected) {
    assert.ok(actual.get(file)?.equals(bytes), `${file} differs from a full build's${file.endsWith(".html") ? `:\n${actual.get(file)?.toString()}\n---\n${bytes.toString()}` : ""}`);
  }
}

/** The manifest of a site's files (file → key digest), from its bytes. */
function manifestOf(files: Map<string, Buffer>): unknown {
  return JSON.parse(files.get(".trellis")?.toString() ?? "{}");
}

/** The bytes of every file of a site, keyed by path. */
async function readBytes(root: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(root);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(root, file))] as const)));
}

/** The local addresses of the TCP sockets listening on `port`, from /proc/net/tcp and tcp6. */
async function listeningAddresses(port: number): Promise<string[]> {
  const addresses: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const lines = (await readFile(table, "utf8").catch(() => "")).split("\n").slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, hexPort] = (local ?? "").split(":");
      if (state !== "0A" || Number.parseInt(hexPort ?? "", 16) !== port || !address) continue;
      // IPv4 addresses are written as one little-endian hex number; IPv6 as 32 hex digits.
      addresses.push(address.length === 8 ? (address.match(/../g) ?? []).reverse().map((byte) => Number.parseInt(byte, 16)).join(".") : address);
    }
  }
  return addresses;
}

function backlinks(html: string): string {
  return html.match(/<section class="backlinks"[\s\S]*?<\/section>/)?.[0] ?? "";
}

describe("trellis serve", { timeout: 480_000 }, () => {
  it("updates an edited note's page and the pages whose backlinks change, without a full build", async () => {
    await withServe("garden", [], async (served) => {
      // It listens on this machine's loopback interface only (Linux lists listening sockets in /proc).
      const port = Number(new URL(served.url).port);
      assert.deepEqual(await listeningAddresses(port), ["127.0.0.1"], "trellis serve listens beyond this machine");
      const fullBuilds = served.eleventyBuilds();
      assert.doesNotMatch(backlinks(await served.page("/delta/")), /href="\/gamma\/"/);
      await served.edit("Gamma.md", (source) => `${source}\nNow linking [[Delta]] with gamma-live-marker.\n`);
      await served.until("/gamma/", (html) => html.includes("gamma-live-marker"), "the edit on its page");
      const delta = await served.until("/delta/", (html) => /href="\/gamma\/">Gamma<\/a>/.test(backlinks(html)), "the new backlink");
      assert.match(backlinks(delta), /gamma-live-marker/, "the backlink shows the paragraph that links");
      assert.equal(served.eleventyBuilds(), fullBuilds, "Eleventy rebuilt the site for a note edit");
      assert.match(served.output(), /^Built .* in [\d.]+ s: 12 notes found, 11 published/m);
    });
  });

  it("adds a new note to the explorer, and a deleted note's page goes and links to it become dead links", async () => {
    await withServe("garden", [], async (served) => {
      await served.write("Folder/Fresh idea.md", "---\ndg-publish: true\n---\nA fresh idea, linking [[Gamma]].\n");
      const folder = (JSON.parse(await served.page("/explorer.json")) as { folders: Array<{ name: string; id: string }> }).folders.find((f) => f.name === "Folder");
      await served.until(`/explorer/${folder?.id}.json`, (json) => json.includes('"url":"/folder/fresh-idea/"'), "the new note in the explorer");
      await served.until("/folder/fresh-idea/", (html) => html.includes("A fresh idea"), "the new note's page");
      await served.until("/gamma/", (html) => backlinks(html).includes("/folder/fresh-idea/"), "the new note among Gamma's backlinks");
      await served.settled();

      assert.match(await served.page("/"), /<a href="\/delta\/" class="internal-link">Title Of Delta<\/a>/);
      await served.remove("Delta.md");
      await served.until("/", (html) => html.includes('<span class="dead-link">Title Of Delta</span>'), "the dead link to the deleted note");
      await served.settled();
      await assert.rejects(readFile(path.join(served.out, "delta", "index.html")), "the deleted note's page is still there");
      assert.doesNotMatch(await served.page("/explorer.json"), /\/delta\//);
      assert.match(served.output(), /5 dead links/);
      await assertSameAsBuild(served, []);
    });
  });

  it("reports a bad edit, keeps the page, and recovers with the next good edit", async () => {
    await withServe("garden", [], async (served) => {
      const before = await readFile(path.join(served.out, "gamma", "index.html"), "utf8");
      const good = await readFile(path.join(served.vault, "Gamma.md"), "utf8");
      await served.write("Gamma.md", good.replace("aliases: [Gamma alias]", "aliases: [Gamma alias\ntitle: broken-edit-marker"));
      await served.settled();
      assert.match(served.output(), /Not updated: the notes have errors/);
      assert.match(served.output(), /error: .*vault\/Gamma\.md:\d+: frontmatter cannot be read/);
      assert.match(served.output(), /fix: /);
      assert.equal(await readFile(path.join(served.out, "gamma", "index.html"), "utf8"), before, "the page changed after a bad edit");

      // A duplicate address is an error too.
      const reported = served.output().length;
      await served.write("Gamma.md", good);
      await served.write("Twin.md", "---\ndg-publish: true\ndg-permalink: /gamma/\n---\nTwin.\n");
      await served.settled();
      assert.match(served.output().slice(reported), /vault\/Twin\.md: published at \/gamma\/, the same URL as Gamma\.md/);
      await served.remove("Twin.md");
      await served.edit("Gamma.md", (source) => `${source}\nRecovered with recovered-marker.\n`);
      await served.until("/gamma/", (html) => html.includes("recovered-marker"), "the good edit");
      await served.settled();
      await assert.rejects(readFile(path.join(served.out, "twin", "index.html")));
      await assertSameAsBuild(served, []);
    });
  });

  it("sees a note saved again right after an update read it", async () => {
    // chokidar reports no change of a file for 50 ms after one it reported: a save in that
    // window must still reach the page.
    await withServe("garden", [], async (served) => {
      for (let round = 0; round < 5; round++) {
        await served.edit("Gamma.md", (source) => `${source}\nFirst save ${round}.\n`);
        await served.settled();
        await served.edit("Gamma.md", (source) => `${source}\nSecond save ${round}, quick-save-marker-${round}.\n`);
        await served.settled();
        await served.until("/gamma/", (html) => html.includes(`quick-save-marker-${round}`), "the second save");
      }
    });
  });

  it("goes on when the search indexer dies while it makes the index again", async () => {
    // A Pagefind that dies as it gets its first message, the second time it is started: the
    // first build's index is made, serve's first re-index is not, the next one is.
    const folders = await fixtureCopy("garden");
    const fake = path.join(folders.dir, "pagefind");
    const real = path.join(REPO, "node_modules/@pagefind/linux-x64/bin/pagefind_extended");
    const count = path.join(folders.dir, "pagefind-starts");
    await writeFile(
      fake,
      `#!/bin/sh\nn=$(( $(cat '${count}' 2>/dev/null || echo 0) + 1 ))\necho $n > '${count}'\nif [ $n -eq 2 ]; then head -c 1 > /dev/null; echo 'pagefind: panicked' >&2; exit 101; fi\nexec '${real}' "$@"\n`,
      { mode: 0o755 },
    );
    folders.env = { ...folders.env, PAGEFIND_BINARY_PATH: fake };
    await withServe(folders, [], async (served) => {
      let from = served.output().length;
      await served.edit("Gamma.md", (source) => `${source}\nFirst edit.\n`);
      await served.printed(/the search index was not updated: the search indexer \(Pagefind\) stopped before it finished/, from);
      from = served.output().length;
      await served.edit("Gamma.md", (source) => `${source}\nSecond edit, with indexed-again-marker.\n`);
      await served.settled();
      await served.printed(/^Search index updated: \d+ pages/m, from);
      await assertSameAsBuild(served, []);
    });
  });

  it("writes the pages a full build writes, byte for byte, after edits of every kind", async () => {
    // A site url and a sub-path exercise the feeds and the base-path step too.
    const args = ["--url", "https://example.org/repo"];
    await withServe("garden", args, async (served) => {
      const steps: Array<() => Promise<void>> = [
        () => served.edit("Gamma.md", (s) => s.replace("dg-publish: true", "dg-publish: true\ntitle: Gamma Renamed\nupdated: 2030-05-01\ntags: [letters, fresh]")),
        () => served.write("New note.md", "---\ndg-publish: true\ncreated: 2029-01-01\n---\nLinks to [[Gamma Renamed]], [[Missing note]] and #letters.\n\n![[Folder/Beta#Section Two]]\n"),
        () => served.edit("Folder/Beta.md", (s) => s.replace("Section two text", "Section two text, edited,")),
        () => served.edit("Cycle B.md", (s) => s.replace("Cycle B text.", "Cycle B text, shown in Cycle A.")),
        () => served.move("Delta.md", "Delta moved.md"),
        () => served.edit("Hidden note.md", (s) => s.replace("dg-hide: true\n", "")),
        () => served.write("Missing note.md", "---\ndg-publish: true\n---\nNo longer missing; see [[Photo story]].\n"),
        () => served.edit("Alpha.md", (s) => s.replace("tags: [letters]", "tags: [letters, greek]\ndg-permalink: /greek/alpha/")),
        () => served.remove("Cycle B.md"),
        // Unpublished, hidden, published again: no page, search entry or image of it stays behind.
        () => served.edit("Photo story.md", (s) => s.replace("dg-publish: true", "dg-publish: false")),
        () => served.edit("Gamma.md", (s) => s.replace("dg-publish: true", "dg-publish: true\ndg-hide: true")),
        () => served.edit("Photo story.md", (s) => s.replace("dg-publish: false", "dg-publish: true")),
        () => served.edit("Gamma.md", (s) => s.replace("dg-hide: true\n", "")),
      ];
      // Compared after every step: a page missed by one edit could be written by a later one.
      for (const step of steps) {
        await step();
        await served.settled();
        await assertSameAsBuild(served, args);
      }
      assert.equal(served.eleventyBuilds(), 1, "only the first build was Eleventy's");
    });
  });

  it("moves the tag index and the graph page when a note takes their address, and back, as a build would", async () => {
    await withServe("garden", [], async (served) => {
      const steps: Array<() => Promise<void>> = [
        () => served.edit("Gamma.md", (s) => s.replace("dg-publish: true", "dg-publish: true\ndg-permalink: /tags/")),
        () => served.edit("Delta.md", (s) => s.replace("dg-publish: true", "dg-publish: true\ndg-permalink: /graph/")),
        () => served.edit("Delta.md", (s) => s.replace("dg-permalink: /graph/\n", "")),
        () => served.edit("Gamma.md", (s) => s.replace("dg-permalink: /tags/\n", "")),
      ];
      // Every page links to the listings, the 404 page too: each step rewrites them all, as an edit.
      for (const step of steps) {
        await step();
        await served.settled();
        await assertSameAsBuild(served, []);
      }
      assert.equal(served.eleventyBuilds(), 1, "only the first build was Eleventy's");
      assert.match(served.output(), /the address of the graph page, which is published at \/_graph\/ instead/);
    });
  });

  it("updates the pages that show a base when a note it lists changes, and a base's page when the base does, as a build would", async () => {
    await withServe("bases", [], async (served) => {
      // The home page's Favorites view: the books rated 5.
      const favourites = (html: string) => html.split('aria-label="Favorites">')[1]?.split("</section>")[0] ?? "";
      const home = await served.until("/", (html) => favourites(html).includes(">Dune</a>"), "the base on the home page");
      assert.doesNotMatch(favourites(home), />Emma<\/a>/, "Emma is a favourite before the edit");
      const untouched = path.join(served.out, "books", "neuromancer", "index.html");
      const before = (await stat(untouched)).mtimeMs;
      await served.edit("Books/Emma.md", (s) => s.replace("rating: 4", "rating: 5"));
      await served.settled();
      await served.until("/", (html) => />Emma<\/a>/.test(favourites(html)), "Emma among the favourites");
      // Not a note: no "Read:" line names it, and the page shows it is read.
      await writeFile(path.join(served.vault, "Books.base"), (await readFile(path.join(served.vault, "Books.base"), "utf8")).replace("name: First two", "name: First three").replace("limit: 2", "limit: 3"));
      await served.until("/books.base/", (html) => html.includes(">First three</h2>"), "the renamed view on the base's page");
      await served.settled();
      await assertSameAsBuild(served, []);
      assert.equal((await stat(untouched)).mtimeMs, before, "a page no base shows was written again");
      assert.equal(served.eleventyBuilds(), 1, "only the first build was Eleventy's");
    });
  });

  it("serves a Digital Garden repository, and an image added to src/site/img/user while it runs", async () => {
    await withServe("digital-garden", [], async (served) => {
      await served.until("/", (html) => html.includes('<img src="/img/user/Folder/pic.png" alt="" width="200"'), "the home note at /");
      await cp(path.join(served.vault, "src/site/img/user/Folder/pic.png"), path.join(served.vault, "src/site/img/user/new pic.png"));
      const note = path.join(served.vault, "src/site/notes/Folder/Note.md");
      await writeFile(note, `${await readFile(note, "utf8")}\nA new picture: ![](/img/user/new%20pic.png|50)\n`);
      await served.until("/folder/note/", (html) => html.includes('<img src="/img/user/new%20pic.png" alt="" width="50"'), "the new image on the page");
      const image = await fetch(new URL("/img/user/new%20pic.png", served.url));
      assert.equal(image.status, 200);
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), await readFile(path.join(served.vault, "src/site/img/user/new pic.png")));
    });
  });

  it("leaves no search index when the last listed note is made private, and serves a folder an earlier build wrote as a build would", async () => {
    const dir = await tempDir("serve-last");
    const vault = path.join(dir, "vault");
    const out = path.join(dir, "site");
    await mkdir(vault, { recursive: true });
    await writeFile(path.join(vault, "Only.md"), "---\ndg-publish: true\n---\nThe only listed note, with only-listed-marker.\n");
    await writeFile(path.join(vault, "Gone.md"), "---\ndg-publish: true\n---\nA note whose page an earlier build wrote: gone-marker.\n");
    const env = { ...process.env, NO_COLOR: "1", TRELLIS_CACHE: path.join(dir, "cache") };
    assert.equal((await runTrellis(["build", vault, "--out", out], { env })).code, 0);
    assert.ok((await listFiles(out)).some((file) => file.startsWith("pagefind/")), "the build wrote a search index");
    await rm(path.join(vault, "Gone.md"));
    await withServe({ vault, out, dir, env }, [], async (served) => {
      await assert.rejects(readFile(path.join(out, "gone", "index.html")), "a page of the earlier build was kept");
      await assertSameAsBuild(served, []);
      await served.edit("Only.md", (s) => s.replace("dg-publish: true", "dg-publish: false"));
      await served.settled();
      await assertSameAsBuild(served, []);
      assert.ok(!(await listFiles(out)).some((file) => file.startsWith("pagefind/")), "the search index of the private note was kept");
    });
  });

  it("owns the folder it serves: a file dropped into it goes at the next edit, and the manifest lists exactly the files there", async () => {
    await withServe("garden", [], async (served) => {
      await mkdir(path.join(served.out, "notes"), { recursive: true });
      await writeFile(path.join(served.out, "dropped.html"), "<p>not the garden's</p>");
      await writeFile(path.join(served.out, "notes", "dropped.txt"), "nor this");
      await served.edit("Gamma.md", (source) => `${source}\nAn edit after the drop.\n`);
      await served.settled();
      const files = await listFiles(served.out);
      assert.deepEqual(files.filter((file) => file.includes("dropped")), [], "a dropped file was kept");
      const manifest = JSON.parse(await readFile(path.join(served.out, ".trellis"), "utf8")) as { files: Record<string, string> };
      assert.deepEqual(Object.keys(manifest.files), files.filter((file) => file !== ".trellis"));
      await assertSameAsBuild(served, []);
    });
  });

  it("stops when the process that started it goes, as under npm start when npm is stopped", async () => {
    const { vault, out, env } = await fixtureCopy("garden");
    const port = await freePort();
    // npm runs a script through a shell that does not pass a signal on; the shell is what npm stops.
    const shell = spawn("sh", ["-c", `"${process.execPath}" "${BIN}" serve "${vault}" --out "${out}" --port ${port}`], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      const look = (chunk: Buffer) => {
        output += chunk.toString();
        if (/^Built /m.test(output) && /Server at/.test(output)) resolve();
      };
      shell.stdout?.on("data", look);
      shell.stderr?.on("data", look);
      shell.once("exit", () => reject(new Error(`the shell ended first:\n${output}`)));
    });
    await ready;
    const lock = `${out}.trellis-lock`;
    const pid = Number(await readFile(lock, "utf8"));
    assert.ok(Number.isInteger(pid) && pid !== shell.pid, `the lock names ${pid}`);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    shell.kill("SIGTERM");
    // The command lets its folder go as it stops: its lock is the signal.
    await new Promise<void>((resolve) => {
      const watcher = watch(path.dirname(out), () => {
        if (existsSync(lock)) return;
        watcher.close();
        resolve();
      });
      if (!existsSync(lock)) {
        watcher.close();
        resolve();
      }
    });
    // Then it exits: looked at until it has, within the test's time.
    while (alive()) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(alive(), false);
  });

  it("shows an edit in an open browser without a reload by hand", async () => {
    const browser = await launchBrowser();
    try {
      await withServe("garden", [], async (served) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${served.url}/gamma/`);
        await page.waitForSelector("h1.article__title");
        assert.doesNotMatch(await page.innerText("body"), /browser-live-marker/);
        await served.edit("Gamma.md", (source) => `${source}\nSeen in the browser: browser-live-marker.\n`);
        await page.waitForFunction(() => document.body.innerText.includes("browser-live-marker"), undefined, { timeout: WAIT_MS });
        await context.close();
      });
    } finally {
      await browser.close();
    }
  });
});
