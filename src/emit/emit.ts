/**
 * Makes a site's outputs (outputs.ts) into files: all of them for a build, or, after an edit,
 * those whose key changed since the outputs last made, removing those that are gone. Pages are
 * made one at a time and handed to the search indexer as they are made: memory stays flat at any
 * garden size, and the indexer (a process of its own) works on the second core meanwhile.
 */
import type { Diagnostic } from "../core/diagnostics.ts";
import type { PageRenderer } from "../render/page-renderer.ts";
import type { SearchIndexer } from "./search-index.ts";
import type { Output } from "./outputs.ts";
import { digest, type OutputWriter } from "./writer.ts";
import path from "node:path";

/** Files being written at once: enough to keep the disk busy while the next page renders. */
const WRITE_CONCURRENCY = 16;
/** Pages whose bodies are asked for before their turn (PageRenderer.prefetch). */
const LOOKAHEAD = 8;

/** What making some outputs found. */
export interface Emitted {
  /** Problems rendering found, by output file. */
  diagnostics: Map<string, Diagnostic[]>;
  /** The search documents of the pages made that have one, by output file. */
  searchDocuments: Map<string, string>;
  /** Each output's key, in the order they were made (kept only for `live`: they are most of a build's memory at 50,000 notes). */
  keys: Map<string, string>;
  /** Pages rendered, and pages taken over from the previous site. */
  work: { rendered: number; reused: number };
}

export interface EmitOptions {
  search?: SearchIndexer | undefined;
  /**
   * A site `trellis serve` keeps up to date: every output's key and every page's search document
   * are kept (an edit compares keys, and the site is indexed again).
   */
  live?: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * The previous site of this folder, whose pages whose key is unchanged are taken over as they
   * are (never by a live site, which keeps every page's search document).
   */
  previous?: { folder: string; files: ReadonlyMap<string, string>; problems: ReadonlyMap<string, Diagnostic[]> } | undefined;
}

/** Writes every output. */
export async function emitAll(outputs: readonly Output[], renderer: PageRenderer, writer: OutputWriter, options: EmitOptions = {}): Promise<Emitted> {
  const emitted: Emitted = { diagnostics: new Map(), searchDocuments: new Map(), keys: new Map(), work: { rendered: 0, reused: 0 } };
  const previous = options.live ? undefined : options.previous;
  const writing = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const pending = async (write: Promise<void>) => {
    writing.add(write);
    // Settled either way, it leaves the set; a failure is kept and stops the build below.
    write.then(
      () => void writing.delete(write),
      (error: unknown) => {
        writing.delete(write);
        failures.push(error);
      },
    );
    if (writing.size >= WRITE_CONCURRENCY) await Promise.race(writing).catch(() => undefined);
    if (failures.length > 0) throw failures[0];
  };
  let done = 0;
  // Keys made ahead of their output's turn (to look ahead), each let go once used; with their
  // digest once it is asked for (what the manifest holds), made once.
  const keys = new Map<number, { key: string; digest?: string }>();
  const keyOf = (i: number) => {
    let key = keys.get(i);
    if (key === undefined) keys.set(i, (key = { key: outputs[i]?.key() ?? "" }));
    return key;
  };
  const digestOf = (i: number) => {
    const key = keyOf(i);
    return (key.digest ??= digest(key.key));
  };
  /** Whether the output's file is made (not taken over from the previous site as it is). */
  const made = (i: number) => !previous || previous.files.get(outputs[i]?.file ?? "") !== digestOf(i);
  let ahead = 0;
  try {
    for (const [i, output] of outputs.entries()) {
      // The next pages' slow parts are made meanwhile, on the renderer's other thread.
      for (ahead = Math.max(ahead, i); ahead <= i + LOOKAHEAD && ahead < outputs.length; ahead++) {
        const next = outputs[ahead];
        if (next?.kind === "render" && next.prefetch && made(ahead)) next.prefetch(renderer);
      }
      const unchanged = !made(i);
      const { key, digest: keyDigest } = keyOf(i);
      keys.delete(i);
      if (options.live) emitted.keys.set(output.file, key);
      if (output.kind === "copy") {
        await pending(writer.copy(output.file, output.from, key, output));
        continue;
      }
      // Unchanged since the previous build: its file is taken over, and its search document made again only if its bundle must be indexed anew.
      if (previous && unchanged && keyDigest !== undefined && (await writer.link(output.file, path.join(previous.folder, ...output.file.split("/")), keyDigest))) {
        emitted.work.reused++;
        output.keep?.(renderer);
        const found = previous.problems.get(output.file);
        if (found && found.length > 0) emitted.diagnostics.set(output.file, found);
        await options.search?.reuse(output.file, async () => (output.searchDocument ? output.searchDocument(renderer) : (await output.render(renderer)).searchDocument));
        options.onProgress?.(++done, outputs.length);
        continue;
      }
      const page = await output.render(renderer);
      emitted.work.rendered++;
      await pending(writer.write(output.file, page.text, key));
      if (page.diagnostics.length > 0) emitted.diagnostics.set(output.file, page.diagnostics);
      if (page.searchDocument !== undefined) {
        if (options.live) emitted.searchDocuments.set(output.file, page.searchDocument);
        await options.search?.add(output.file, page.searchDocument);
      }
      options.onProgress?.(++done, outputs.length);
    }
  } finally {
    await Promise.allSettled(writing);
  }
  if (failures.length > 0) throw failures[0];
  return emitted;
}

/** What an edit changed in the site. */
export interface Changes extends Omit<Emitted, "keys" | "work"> {
  /** Files written or removed. */
  files: string[];
  /** Output files that are gone. */
  removed: string[];
}

/**
 * Writes the outputs whose key differs from `previous` (file → key) or that `force` names, and
 * removes the files of `previous` no output has now. Returns each output's key, for the next edit.
 */
export async function emitChanges(
  previous: ReadonlyMap<string, string>,
  outputs: readonly Output[],
  renderer: PageRenderer,
  writer: OutputWriter,
  force: ReadonlySet<string> = new Set(),
): Promise<{ changes: Changes; keys: Map<string, string> }> {
  const keys = new Map<string, string>();
  const changes: Changes = { files: [], removed: [], diagnostics: new Map(), searchDocuments: new Map() };
  for (const output of outputs) {
    const key = output.key();
    keys.set(output.file, key);
    if (previous.get(output.file) === key && !force.has(output.file)) continue;
    if (output.kind === "copy") {
      await writer.copy(output.file, output.from, key, output);
      changes.files.push(output.file);
      continue;
    }
    const page = await output.render(renderer);
    changes.diagnostics.set(output.file, page.diagnostics);
    if (page.searchDocument !== undefined) changes.searchDocuments.set(output.file, page.searchDocument);
    if (await writer.update(output.file, page.text, key)) changes.files.push(output.file);
  }
  for (const file of previous.keys()) {
    if (keys.has(file)) continue;
    changes.removed.push(file);
    if (await writer.remove(file)) changes.files.push(file);
  }
  return { changes, keys };
}
