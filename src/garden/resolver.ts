/**
 * Resolves `[[links]]` and relative Markdown links the way Obsidian does: by path when one is
 * written, else by file name anywhere in the vault, case-insensitively; then by alias or title.
 * A link to an unpublished note resolves to "dead", exactly like a link to a missing one, so
 * the output never tells them apart.
 */
import path from "node:path";
import { withoutNoteExtension } from "../core/vault-paths.ts";
import { comparePaths } from "../read/files.ts";
import type { Note } from "../read/note.ts";

export type Target = { kind: "note"; note: Note } | { kind: "attachment"; path: string } | { kind: "dead" };

export interface Resolution {
  target: Target;
  /** Every file the name could mean, when it could mean more than one. */
  candidates?: string[];
}

interface Entry {
  path: string;
  kind: "note" | "private" | "attachment";
  note?: Note;
}

export interface ResolverInput {
  notes: readonly Note[];
  /** Paths of unpublished notes: links to them must resolve, to nothing. */
  privateNotes: readonly string[];
  attachments: readonly string[];
}

function key(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

export class LinkResolver {
  readonly #byPath = new Map<string, Entry>();
  readonly #byName = new Map<string, Entry[]>();
  readonly #byAlias = new Map<string, Entry[]>();

  constructor(input: ResolverInput) {
    const entries: Entry[] = [
      ...input.notes.map((note): Entry => ({ path: note.path, kind: "note", note })),
      ...input.privateNotes.map((file): Entry => ({ path: file, kind: "private" })),
      ...input.attachments.map((file): Entry => ({ path: file, kind: "attachment" })),
    ];
    for (const entry of entries) {
      const base = path.posix.basename(entry.path);
      this.#byPath.set(key(entry.path), entry);
      push(this.#byName, key(base), entry);
      if (entry.kind !== "attachment") {
        const stem = withoutNoteExtension(entry.path);
        this.#byPath.set(key(stem), entry);
        push(this.#byName, key(path.posix.basename(stem)), entry);
      }
    }
    for (const note of input.notes) {
      for (const name of new Set([...note.aliases, note.title].map(key))) push(this.#byAlias, name, { path: note.path, kind: "note", note });
    }
  }

  /** `linkpath` is the link without its `#fragment`; `from` is the linking note's path. */
  resolve(linkpath: string, from: string): Resolution {
    const wanted = linkpath.trim().replace(/^\.\//, "");
    if (wanted === "") return { target: { kind: "dead" } };
    const folder = path.posix.dirname(from);

    if (wanted.includes("/")) {
      const relative = path.posix.normalize(path.posix.join(folder === "." ? "" : folder, wanted));
      const fromRoot = path.posix.normalize(wanted.replace(/^\/+/, ""));
      for (const candidate of [relative, fromRoot]) {
        if (candidate.startsWith("../")) continue;
        const entry = this.#byPath.get(key(candidate));
        if (entry) return { target: targetOf(entry) };
      }
      const suffix = key(`/${fromRoot}`);
      const matches = (this.#byName.get(key(path.posix.basename(fromRoot))) ?? []).filter((entry) => {
        const full = key(`/${entry.path}`);
        return full.endsWith(suffix) || withoutNoteExtension(full).endsWith(suffix);
      });
      if (matches.length > 0) return choose(matches, folder);
    }

    const byName = this.#byName.get(key(wanted));
    if (byName) return choose(byName, folder);
    const byAlias = this.#byAlias.get(key(wanted));
    if (byAlias) return choose(byAlias, folder);
    return { target: { kind: "dead" } };
  }
}

function targetOf(entry: Entry): Target {
  if (entry.kind === "note" && entry.note) return { kind: "note", note: entry.note };
  if (entry.kind === "attachment") return { kind: "attachment", path: entry.path };
  return { kind: "dead" };
}

/** Several files share the name: one in the linking note's folder wins, else the shortest path. */
function choose(entries: readonly Entry[], folder: string): Resolution {
  const unique = [...new Map(entries.map((entry) => [entry.path, entry])).values()];
  const depth = (entry: Entry) => entry.path.split("/").length;
  const inFolder = (entry: Entry) => (path.posix.dirname(entry.path) === folder ? 0 : 1);
  const sorted = unique.sort((a, b) => inFolder(a) - inFolder(b) || depth(a) - depth(b) || comparePaths(a.path, b.path));
  const first = sorted[0];
  if (!first) return { target: { kind: "dead" } };
  const resolution: Resolution = { target: targetOf(first) };
  if (sorted.length > 1) resolution.candidates = sorted.map((entry) => entry.path);
  return resolution;
}
