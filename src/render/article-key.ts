/**
 * What a note's article page shows, as one string: when it is the same as before an edit, the
 * page is the same too and `trellis serve` does not render it again. Every input of the page is
 * here: the note's text and its place in the garden, what each of its links and embeds resolves
 * to (the embedded notes' own inputs, down every level), its backlinks, tags, breadcrumbs, folder,
 * images and social card. An input missing here would leave a page stale; test/build/serve.test.ts
 * and the property test compare served sites with full builds to catch one.
 */
import type { ImageMetadata } from "@11ty/eleventy-img";
import { gardenPath, type ExplorerFolder } from "../garden/explorer-tree.ts";
import { assetSource, authorPage } from "./site-data.ts";
import { isBaseFile } from "../read/files.ts";
import { baseKey } from "./bases.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import type { LinkTarget } from "../garden/links.ts";
import type { Note } from "../read/note.ts";
import { tagKey } from "../garden/tags.ts";
import { folderView } from "./article/garden-view.ts";

const imageKeys = new WeakMap<ImageMetadata, string>();

function imageKey(images: ReadonlyMap<string, ImageMetadata>, url: string | undefined): string | null {
  const metadata = url === undefined ? undefined : images.get(url);
  if (!metadata) return null;
  let key = imageKeys.get(metadata);
  if (key === undefined) {
    key = JSON.stringify(metadata);
    imageKeys.set(metadata, key);
  }
  return key;
}

const facts = new WeakMap<Note, string>();

/** A note as pages show it, its own text included (by digest); notes never change, so once each. */
export function noteFacts(note: Note): string {
  let known = facts.get(note);
  if (known === undefined) {
    known = JSON.stringify([note.path, note.version, note.url, note.home, note.hidden, note.title, note.created?.getTime() ?? null, note.updated?.getTime() ?? null]);
    facts.set(note, known);
  }
  return known;
}

function targetKey(target: LinkTarget | undefined, garden: Garden, images: ReadonlyMap<string, ImageMetadata>): string {
  switch (target?.kind) {
    case "note":
      return noteFacts(target.note);
    case "attachment": {
      const url = garden.attachments.get(target.path);
      return `a ${target.path} ${url ?? ""} ${imageKey(images, url) ?? ""}`;
    }
    case "page":
      return `p ${target.url}`;
    case "self":
      return "s";
    default:
      return "d";
  }
}

/**
 * The inputs of a note's rendered body: its text, what its references resolve to, its tags, its
 * images; and the same of every note it embeds, each once (the page's output is a function of
 * all of them, however deep or cyclic the embeds are).
 */
function bodyInputs(note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, seen: Set<string>, into: string[]): void {
  if (seen.has(note.path)) return;
  seen.add(note.path);
  const resolved = garden.resolved.get(note) ?? [];
  into.push(noteFacts(note));
  for (const target of resolved) into.push(targetKey(target, garden, images));
  for (const name of note.tags) into.push(`t ${garden.tags.byKey.get(tagKey(name))?.url ?? ""}`);
  if (note.hero) {
    const hero = assetSource(garden, note)(note.hero.src);
    into.push(`h ${hero ?? ""} ${imageKey(images, hero) ?? ""}`);
  }
  for (const url of note.remoteImages) into.push(`r ${imageKey(images, url) ?? ""}`);
  note.references.forEach((reference, i) => {
    const target = resolved[i];
    if (reference.kind === "embed" && target?.kind === "note") bodyInputs(target.note, garden, images, seen, into);
    // A base shows what it selects: the page changes when a note it lists does.
    if (reference.kind === "embed" && target?.kind === "attachment" && isBaseFile(target.path)) {
      const text = garden.documents.get(target.path) ?? "";
      into.push(`base ${target.path} ${baseKey({ text, file: target.path, firstLine: 1 }, garden, note, reference.fragment, false)}`);
    }
  });
  for (const text of note.baseBlocks ?? []) into.push(`base-block ${baseKey({ text, file: note.path, firstLine: 1 }, garden, note, undefined, true)}`);
}

/** Folders from the garden's root to the note, with the address of each folder's note. */
function breadcrumbs(note: Note, garden: Garden): string {
  if (note.home) return "";
  let folder: ExplorerFolder | undefined = garden.explorer;
  const crumbs: string[] = [];
  for (const name of gardenPath(note).split("/").slice(0, -1)) {
    folder = folder?.folders.find((child) => child.name === name);
    crumbs.push(`${name} ${folder?.url ?? ""}`);
  }
  return crumbs.join("\n");
}

/** Everything a note's rendered body shows, as one string (see BodyCache). */
export function bodyKey(note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>): string {
  const inputs: string[] = [];
  bodyInputs(note, garden, images, new Set(), inputs);
  return inputs.join("\n");
}

export function articleKey(note: Note, garden: Garden, artefacts: Artefacts): string {
  const inputs: string[] = [bodyKey(note, garden, artefacts.images)];
  // The byline links to the author notes that are published: one published or withdrawn changes the page.
  const author = authorPage(garden, note);
  for (const { linkpath } of note.authors ?? []) if (linkpath !== undefined) inputs.push(`b ${author(linkpath) ?? ""}`);
  inputs.push("backlinks");
  for (const link of garden.backlinks.get(note) ?? []) inputs.push(noteFacts(link.note), link.context);
  inputs.push(breadcrumbs(note, garden), JSON.stringify(folderView(note, garden.explorer)), artefacts.cards.get(note.path) ?? "");
  return inputs.join("\n");
}
