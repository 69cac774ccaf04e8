/**
 * Redirects from addresses a note used to have: aliases written as paths (`/old/address/`),
 * `redirect_from`, and permalinks that changed since an earlier build (remembered in the
 * cache folder, which CI keeps between builds). An old address that another note now uses
 * belongs to that note.
 */
import { addressKey } from "../core/vault-paths.ts";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.ts";
import { listField } from "../read/fields.ts";
import type { Garden, Redirect } from "./garden.ts";
import type { Note } from "../read/note.ts";
import { normalizePermalink } from "../read/permalink.ts";

export type { Redirect } from "./garden.ts";

/** Each note's address, and every address it had before, by vault path. */
export interface UrlHistory {
  notes: Record<string, { url: string; previous: string[] }>;
}

const HISTORY_FILE = "urls.json";

/**
 * The history of addresses, and the problem when it cannot be read. A damaged history is moved
 * aside (never overwritten: the old addresses in it may still be recovered by hand) and the
 * build goes on without it, saying so.
 */
export async function readUrlHistory(cacheDir: string): Promise<{ history: UrlHistory; problem?: Diagnostic }> {
  const file = path.join(cacheDir, HISTORY_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return { history: { notes: {} } };
  }
  try {
    const parsed = JSON.parse(text) as UrlHistory;
    const valid = typeof parsed?.notes === "object" && parsed.notes !== null && Object.values(parsed.notes).every((entry) => typeof entry?.url === "string" && Array.isArray(entry.previous));
    if (!valid) throw new Error("not a history of addresses");
    return { history: parsed };
  } catch {
    const aside = `${file}.damaged-${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    return {
      history: { notes: {} },
      problem: {
        severity: "warning",
        file: "",
        message: `the history of old addresses ${file} is damaged: this build makes no redirects from addresses notes had before; it was kept as ${aside}`,
        fix: "restore the file from a backup or an earlier CI cache, or let the next builds start a new history",
      },
    };
  }
}

/** The history after this build: every note's current address, old ones kept. */
export function nextUrlHistory(garden: Garden, history: UrlHistory): UrlHistory {
  const notes: UrlHistory["notes"] = {};
  for (const note of garden.notes) {
    const known = history.notes[note.path];
    const previous = new Set(known?.previous ?? []);
    if (known && known.url !== note.url) previous.add(known.url);
    previous.delete(note.url);
    notes[note.path] = { url: note.url, previous: [...previous].sort() };
  }
  return { notes };
}

export async function writeUrlHistory(cacheDir: string, history: UrlHistory): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, HISTORY_FILE), `${JSON.stringify(history, null, 1)}\n`);
}

/** Old addresses a note names itself: aliases that look like paths, and `redirect_from`. */
function declaredAddresses(note: Note, diagnostics: Diagnostic[]): string[] {
  const written = [...note.aliases.filter((alias) => alias.startsWith("/")), ...listField(note.data, "redirect_from", "redirect-from")];
  const urls: string[] = [];
  for (const value of written) {
    const result = normalizePermalink(value);
    if (result.ok) urls.push(result.url);
    else diagnostics.push({ severity: "warning", file: note.path, message: `redirect from ${JSON.stringify(value)} ignored: it ${result.reason}`, fix: "write old addresses as paths like /old/address/" });
  }
  return urls;
}

/** The line of the frontmatter key that names `from` as an old address of the note, when one does. */
export function redirectLine(note: Note, from: string): number | undefined {
  const names = (values: readonly string[]) => values.some((value) => {
    const result = normalizePermalink(value);
    return result.ok && result.url === from;
  });
  if (names(note.aliases.filter((alias) => alias.startsWith("/")))) return note.addressLines.aliases;
  if (names(listField(note.data, "redirect_from", "redirect-from"))) return note.addressLines.redirectFrom;
  return undefined;
}

/** Every redirect of the garden; warnings about old addresses that cannot be used go to `diagnostics`. */
export function collectRedirects(garden: Garden, history: UrlHistory, diagnostics: Diagnostic[]): Redirect[] {
  const taken = new Set(garden.notes.map((note) => addressKey(note.url)));
  const redirects = new Map<string, Redirect>();
  for (const note of garden.notes) {
    const declared = declaredAddresses(note, diagnostics);
    const old = [...declared, ...(history.notes[note.path]?.previous ?? [])];
    const current = history.notes[note.path]?.url;
    if (current && current !== note.url) old.push(current);
    for (const [i, from] of old.entries()) {
      const key = addressKey(from);
      if (from === "/" || taken.has(key) || redirects.has(key)) continue;
      // A listing a note gave back (site-pages.ts) has its address again: the site's page wins over the note's old address.
      if (i >= declared.length && garden.generated.has(from)) continue;
      redirects.set(key, { from, to: note.url });
    }
  }
  return [...redirects.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}
