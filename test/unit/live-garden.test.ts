/**
 * `trellis serve` keeps its Garden up to date edit by edit; after every kind of edit it must be
 * the Garden a build assembles from the same files.
 */
import { bodyOf } from "../../src/garden/body.ts";
import assert from "node:assert/strict";
import { cp, mkdir, rename, rm, writeFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import type { Garden } from "../../src/garden/garden.ts";
import type { Note } from "../../src/garden/note.ts";
import { listVaultFiles } from "../../src/garden/files.ts";
import { resolveTarget } from "../../src/garden/links.ts";
import { scanVault } from "../../src/garden/scan.ts";
import { createMarkdown } from "../../src/markdown/create.ts";
import { LiveGarden } from "../../src/serve/live-garden.ts";
import { VaultReader, type NoteFile } from "../../src/serve/vault.ts";
import { fixture, tempDir } from "../helpers/cli.ts";

const md = createMarkdown();

/** Everything later stages read from a Garden, as plain data. */
function snapshot(garden: Garden, diagnostics = garden.diagnostics) {
  const current = new Set<Note>(garden.notes);
  const known = (note: Note) => {
    assert.ok(current.has(note), `${note.path}: an index holds an outdated copy of the note`);
    return note.path;
  };
  return {
    notes: garden.notes.map((n) => [n.path, n.url, n.home, n.title, n.hidden, bodyOf(n, garden.contentDir)]),
    listed: garden.listed.map(known),
    home: garden.home && known(garden.home),
    byUrl: [...garden.byUrl].map(([url, note]) => `${url} ${known(note)}`).sort(),
    backlinks: [...garden.backlinks].map(([target, list]) => [known(target), list.map((b) => [known(b.note), b.context])]).sort(),
    outgoing: [...garden.outgoing].map(([source, list]) => [known(source), list.map(known)]).sort(),
    attachments: [...garden.attachments],
    tags: garden.tags.all.map((tag) => [tag.name, tag.url, tag.notes.map(known)]),
    tagKeys: [...garden.tags.byKey.keys()].sort(),
    explorer: JSON.stringify(garden.explorer),
    stats: garden.stats,
    diagnostics: diagnostics.map(formatDiagnostic).sort(),
  };
}

interface Session {
  vault: string;
  reader: VaultReader;
  live: LiveGarden;
  options: { home?: string };
}

async function start(name: string, options: { home?: string } = {}): Promise<Session> {
  const vault = path.join(await tempDir(`live-${name}`), "vault");
  await cp(fixture(name), vault, { recursive: true });
  const reader = new VaultReader(vault, md, "flag");
  const listing = await reader.list();
  const files = await reader.readAll(listing.notes);
  const live = new LiveGarden({ contentDir: vault, files, attachments: listing.attachments, vaultDiagnostics: listing.diagnostics, ...options });
  const session = { vault, reader, live, options };
  await matchesBuild(session, "at the start");
  return session;
}

/** How every reference, and every name in the vault looked up from two folders, resolves. */
function resolutions(garden: Garden, names: readonly string[]): string[] {
  const shown = (linkpath: string, from: string) => {
    const { target, candidates } = resolveTarget(garden.resolver, garden.byUrl, linkpath, from);
    const where = target.kind === "note" ? target.note.path : target.kind === "attachment" ? target.path : target.kind === "page" ? target.url : "";
    return `${from} ${linkpath} → ${target.kind} ${where} ${candidates?.join(",") ?? ""}`;
  };
  return [
    ...garden.notes.flatMap((note) => note.references.map((reference) => shown(reference.linkpath, note.path))),
    ...names.flatMap((name) => [shown(name, "Home.md"), shown(name, "Folder/Beta.md")]),
  ];
}

async function matchesBuild(session: Session, when: string): Promise<void> {
  const built = await scanVault({ contentDir: session.vault, md, ...session.options });
  assert.deepEqual(snapshot(session.live.garden, session.live.diagnostics()), snapshot(built), `the live Garden differs from a build's ${when}`);
  const files = await listVaultFiles(session.vault);
  const names = [...files.notes, ...files.attachments].flatMap((file) => [file, path.posix.basename(file), file.replace(/\.md$/, ""), path.posix.basename(file).replace(/\.md$/, "")]);
  names.push(...built.notes.flatMap((note) => [note.title, ...note.aliases, note.url]), "Missing note", "Gamma Renamed", "Title Of Delta");
  assert.deepEqual(resolutions(session.live.garden, names), resolutions(built, names), `links resolve differently ${when}`);
  assert.equal(session.live.hasErrors(false), built.diagnostics.some((d) => d.severity === "error"), `errors ${when}`);
}

/** Writes (or, with undefined, deletes) files, tells the live Garden, and compares. */
async function edit(session: Session, when: string, files: Record<string, string | undefined>): Promise<Set<string>> {
  const changed = new Map<string, NoteFile | undefined>();
  let listing: Awaited<ReturnType<VaultReader["list"]>> | undefined;
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(session.vault, file);
    if (text === undefined) await rm(full, { force: true });
    else {
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, text);
    }
    if (/\.(md|markdown)$/i.test(file)) changed.set(file, await session.reader.read(file));
    else listing = await session.reader.list();
  }
  const pages = session.live.update(changed, listing).pages;
  await matchesBuild(session, when);
  return pages;
}

async function source(session: Session, file: string): Promise<string> {
  return readFile(path.join(session.vault, file), "utf8");
}

describe("the live Garden of trellis serve", () => {
  it("stays the Garden a build assembles through edits, additions, renames and deletions", async () => {
    const s = await start("garden");

    let pages = await edit(s, "after a body edit", { "Gamma.md": `${await source(s, "Gamma.md")}\nMore text, and a link to [[Delta]].\n` });
    assert.ok(pages.has("/gamma/"), "the edited note's page");
    assert.ok(pages.has("/delta/"), "the page it now links to lists it among its backlinks");

    pages = await edit(s, "after a new title", { "Gamma.md": (await source(s, "Gamma.md")).replace("dg-publish: true", "dg-publish: true\ntitle: Gamma Renamed") });
    assert.ok(pages.has("/delta/"), "backlinks show the new title");
    assert.ok(pages.has("/explorer.json") && pages.has("/graph.json"), "the explorer and the graph show titles");

    pages = await edit(s, "after adding a note", { "New note.md": "---\ndg-publish: true\ntags: [letters, fresh]\n---\nLinks to [[Alpha]] and [[Missing note]].\n" });
    assert.ok(pages.has("/new-note/") && pages.has("/alpha/") && pages.has("/tags/letters/") && pages.has("/tags/fresh/") && pages.has("/tags/"));

    pages = await edit(s, "after adding the note a dead link names", { "Missing note.md": "---\ndg-publish: true\n---\nNow here.\n" });
    assert.ok(pages.has("/new-note/") && pages.has("/"), "notes that linked to it nowhere now link to it");

    pages = await edit(s, "after a rename", { "Delta.md": undefined, "Delta two.md": "---\ndg-publish: true\ntitle: Title Of Delta\n---\nDelta text.\n" });
    assert.ok(pages.has("/delta/") && pages.has("/delta-two/"), "the old address goes, the new one comes");
    assert.ok(pages.has("/"), "the home page links to Delta by its title");

    pages = await edit(s, "after deleting an embedded note", { "Folder/Beta.md": undefined });
    assert.ok(pages.has("/folder/beta/") && pages.has("/"), "the page is gone, and the note that embedded it changes");

    await edit(s, "after hiding and showing notes", {
      "Alpha.md": (await source(s, "Alpha.md")).replace("dg-publish: true", "dg-publish: true\ndg-hide: true"),
      "Hidden note.md": (await source(s, "Hidden note.md")).replace("dg-hide: true\n", ""),
    });
    pages = await edit(s, "after a new address", { "Gamma.md": (await source(s, "Gamma.md")).replace("dg-publish: true", "dg-publish: true\ndg-permalink: /greek/gamma/") });
    assert.ok(pages.has("/gamma/") && pages.has("/greek/gamma/") && pages.has("/"), "links to it change with it");

    await edit(s, "after two notes claim one address", { "Clash.md": "---\ndg-publish: true\ndg-permalink: /greek/gamma/\n---\nClash.\n" });
    assert.ok(s.live.diagnostics().some((d) => d.severity === "error" && /same URL/.test(d.message)));
    await edit(s, "after the clash is resolved", { "Clash.md": undefined });

    await edit(s, "after a private note is published", { "Private/Secret.md": (await source(s, "Private/Secret.md")).replace("---\n", "---\ndg-publish: true\n") });
    await edit(s, "after it is private again", { "Private/Secret.md": (await source(s, "Private/Secret.md")).replace("dg-publish: true\n", "") });
    await edit(s, "after bad frontmatter", { "Gamma.md": "---\ndg-publish: true\ntitle: [unclosed\n---\nBroken.\n" });
    await edit(s, "after the frontmatter is fixed", { "Gamma.md": "---\ndg-publish: true\n---\nGamma again, linking [[Cycle A]].\n" });
    await edit(s, "after a new attachment is used", { "Attachments/new.pdf": "%PDF-1.4\n", "Gamma.md": "---\ndg-publish: true\n---\nSee [[new.pdf]].\n" });
    pages = await edit(s, "after an embedded note changes", { "Cycle B.md": "---\ndg-publish: true\n---\nCycle B, new text.\n\n![[Cycle A]]\n" });
    assert.ok(pages.has("/cycle-a/") && pages.has("/cycle-b/") && pages.has("/"), "notes that transclude it, directly or not, change too");
    await edit(s, "after a folder note is added", { "Other/Other.md": "---\ndg-publish: true\n---\nThe folder note of Other.\n" });
    await edit(s, "after a dated note", { "Dated.md": "---\ndg-publish: true\nupdated: 2031-01-02\ntags: [letters]\n---\nNewest.\n" });
    await edit(s, "after its date changes", { "Dated.md": "---\ndg-publish: true\nupdated: 2001-01-02\ntags: [letters]\n---\nOldest.\n" });
  });

  it("moves the home page with dg-home and index.md", async () => {
    const s = await start("garden");
    await edit(s, "after an index note is added", { "index.md": "---\ndg-publish: true\n---\nAn index.\n" });
    const pages = await edit(s, "after the home note gives up dg-home", { "Home.md": (await source(s, "Home.md")).replace("dg-home: true\n", "") });
    assert.ok(pages.has("/") && pages.has("/home/") && pages.has("/index/"));
    await edit(s, "after the index note is deleted", { "index.md": undefined });
    await edit(s, "after dg-home comes back", { "Home.md": (await source(s, "Home.md")).replace("dg-publish: true", "dg-publish: true\ndg-home: true") });
  });

  it("follows the home note named in the settings", async () => {
    const s = await start("garden", { home: "Gamma" });
    await edit(s, "after the settings' home note changes", { "Gamma.md": `${await source(s, "Gamma.md")}\nEdited.\n` });
    await edit(s, "after the settings' home note is deleted", { "Gamma.md": undefined });
    await edit(s, "after it comes back", { "Gamma.md": "---\ndg-publish: true\n---\nBack.\n" });
  });

  it("handles a folder renamed on disk as notes deleted and added", async () => {
    const s = await start("garden");
    await rename(path.join(s.vault, "Folder"), path.join(s.vault, "Moved"));
    const changed = new Map<string, NoteFile | undefined>();
    for (const file of ["Folder/Beta.md", "Folder/Folder.md", "Moved/Beta.md", "Moved/Folder.md"]) changed.set(file, await s.reader.read(file));
    s.live.update(changed);
    await matchesBuild(s, "after a folder rename");
  });
});
