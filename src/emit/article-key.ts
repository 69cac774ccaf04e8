/**
 * What a note's article page shows, as one string: when it is the same as before an edit, the
 * page is the same too and `trellis serve` does not render it again. Every input of the page is
 * here: the note's text and its place in the garden, what each of its links and embeds resolves
 * to (the embedded notes' own inputs, down every level), its backlinks, tags, breadcrumbs,
 * images and social card. An input missing here would leave a page stale; test/build/serve.test.ts
 * and the property test compare served sites with full builds to catch one.
 */
import type { ImageMetadata } from "@11ty/eleventy-img";
import { gardenView } from "../article/garden-view.ts";
import { assetSource } from "../eleventy/site-data.ts";
import type { Artefacts, Garden } from "../garden/garden.ts";
import type { LinkTarget } from "../garden/links.ts";
import type { Note } from "../garden/note.ts";
import { tagKey } from "../garden/tags.ts";

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

/** A note as a page shows it, its own text included (by digest). */
function noteFacts(note: Note): unknown[] {
  return [note.path, note.version, note.url, note.home, note.hidden, note.title, note.created?.getTime() ?? null, note.updated?.getTime() ?? null];
}

function targetKey(target: LinkTarget | undefined, garden: Garden, images: ReadonlyMap<string, ImageMetadata>): unknown {
  switch (target?.kind) {
    case "note":
      return ["n", target.note.path, target.note.url, target.note.title, target.note.hidden];
    case "attachment": {
      const url = garden.attachments.get(target.path);
      return ["a", target.path, url ?? null, imageKey(images, url)];
    }
    case "page":
      return ["p", target.url];
    case "self":
      return ["s"];
    default:
      return ["d"];
  }
}

/**
 * The inputs of a note's rendered body: its text, what its references resolve to, its tags, its
 * images; and the same of every note it embeds, each once (the page's output is a function of
 * all of them, however deep or cyclic the embeds are).
 */
function bodyInputs(note: Note, garden: Garden, images: ReadonlyMap<string, ImageMetadata>, seen: Set<string>, into: unknown[]): void {
  if (seen.has(note.path)) return;
  seen.add(note.path);
  const resolved = garden.resolved.get(note) ?? [];
  const hero = note.hero ? assetSource(garden, note)(note.hero.src) : undefined;
  into.push(
    noteFacts(note),
    resolved.map((target) => targetKey(target, garden, images)),
    note.tags.map((name) => garden.tags.byKey.get(tagKey(name))?.url ?? null),
    [hero ?? null, imageKey(images, hero)],
    note.remoteImages.map((url) => imageKey(images, url)),
  );
  note.references.forEach((reference, i) => {
    const target = resolved[i];
    if (reference.kind === "embed" && target?.kind === "note") bodyInputs(target.note, garden, images, seen, into);
  });
}

export function articleKey(note: Note, garden: Garden, artefacts: Artefacts): string {
  const inputs: unknown[] = [];
  bodyInputs(note, garden, artefacts.images, new Set(), inputs);
  const view = gardenView(note, garden);
  inputs.push(view.backlinks, view.breadcrumbs, artefacts.cards.get(note.path) ?? null);
  return JSON.stringify(inputs);
}
