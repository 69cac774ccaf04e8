/**
 * Scan: reads note files. Each file is read once into what the Garden needs of it (title,
 * address, hero, description, references); unpublished notes are dropped here, before anything
 * renders, and only their count survives.
 */
import { escapeXml, withoutControls } from "../core/escape.ts";
import { NOTE_EXTENSION, withoutNoteExtension } from "../core/vault-paths.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { moduleWorker } from "../core/module-worker.ts";
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { describe, leadingHeading, shapeBody, titleHeadingId } from "./note/body.ts";
import { extractHero } from "./note/hero.ts";
import { dekOf, wordCount } from "./note/reading.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { MarkdownOptions } from "../read/markdown/parser.ts";
import type { SyntaxEnv } from "./markdown/env.ts";
import { movedHeadingIds, pageHeadings } from "./markdown/links/anchors.ts";
import { pageFeatures } from "./markdown/syntax/index.ts";
import { isBaseBlock } from "./markdown/syntax/diagrams.ts";
import { authorsField, dateField, HERO_IMAGE_KEYS, heroOverrides, sourceField, listField, propertiesField, tagsField, textField, type Property } from "./fields.ts";
import { collectReferences, internalTarget, type Reference } from "./references.ts";
import { contentClasses, metaTags, noteIcon, noteLanguage } from "./page-settings.ts";
import { mentionsPublishing, parseFrontmatter } from "./frontmatter.ts";

import { fileVersion, type AddressLines, type Note, type NoteFile } from "./note.ts";
import { normalizePermalink, slugFromPath, writtenPermalink } from "./permalink.ts";
import { isGardenEntryTag, isHidden, isHomeNote, publishDecision, type FrontmatterData } from "./publish.ts";

/** Notes are read this many at a time: enough to keep the disk busy, few enough to bound memory. */
const READ_CONCURRENCY = 64;

/** Files this thread reads between two visits to the worker. */
const THIS_THREAD_BATCH = 16;

/** A vault this large is read by two threads: below it, starting the second costs more than it saves. */
const PARALLEL_FROM = 1000;

/** What reading one note file gave: the note when it is published, and any problems. */
export type NoteRead = NoteFile;

/**
 * Reads and parses the notes, a batch at a time, on this thread and (for a large vault, when the
 * build may use two threads) on a worker thread: the scan is most of a build's work before any
 * page renders, and the second core is idle until the search indexer starts.
 */
export async function readNotes(files: readonly string[], contentDir: string, md: MarkdownIt, publish: "flag" | "all", markdown: MarkdownOptions | undefined, threads = 1): Promise<NoteRead[]> {
  const reads: NoteRead[] = new Array(files.length);
  let next = 0;
  /** The next `size` files to read: where they start, or undefined when none are left. */
  const take = (size: number): { start: number; end: number } | undefined => {
    if (next >= files.length) return undefined;
    const start = next;
    next = Math.min(files.length, next + size);
    return { start, end: next };
  };

  let thisThreadDone = () => {};
  const thisThreadFinished = new Promise<void>((resolve) => (thisThreadDone = resolve));

  async function onThisThread(): Promise<void> {
    // Small batches: between them this thread hands the worker its next files.
    for (let batch = take(THIS_THREAD_BATCH); batch; batch = take(THIS_THREAD_BATCH)) await readOnThisThread(batch);
    thisThreadDone();
  }

  /** The worker takes batches once it has loaded, until none are left; it always has the next one waiting. */
  async function onWorker(): Promise<void> {
    const worker = startScanWorker({ contentDir, publish, markdown: markdown ?? {} });
    try {
      if (!(await Promise.race([worker.ready, thisThreadFinished.then(() => false)]))) return;
      const queued: Array<{ batch: { start: number; end: number }; read: Promise<NoteRead[] | undefined> }> = [];
      const send = () => {
        const batch = take(READ_CONCURRENCY);
        if (batch) queued.push({ batch, read: worker.read(files.slice(batch.start, batch.end)) });
      };
      send();
      send();
      for (let item = queued.shift(); item; item = queued.shift()) {
        const read = await item.read;
        if (!read) {
          // The worker stopped: this thread reads what it was given.
          for (const { batch } of [item, ...queued]) await readOnThisThread(batch);
          return;
        }
        read.forEach((result, i) => (reads[item.batch.start + i] = result));
        send();
      }
    } finally {
      worker.stop();
    }
  }

  /** Reads a batch of files from the disk at once, then parses them. */
  async function readOnThisThread({ start, end }: { start: number; end: number }): Promise<void> {
    const batch = files.slice(start, end);
    const read = await Promise.all(batch.map((file) => readNoteFromDisk(contentDir, file, md, publish, { keepBody: false })));
    read.forEach((result, i) => (reads[start + i] = result));
  }

  await Promise.all([onThisThread(), markdown && files.length >= PARALLEL_FROM && threads >= 2 ? onWorker() : undefined]);
  return reads;
}

/** What a scan worker (scan-worker.ts) is started with, and each batch it is sent. */
export interface ScanWorkerData {
  contentDir: string;
  publish: "flag" | "all";
  markdown: MarkdownOptions;
}

export interface ScanRequest {
  files: string[];
}

export interface ScanWorker {
  /** True once the worker has loaded; false if it could not start. */
  ready: Promise<boolean>;
  /** What the worker read of these files, or undefined if it stopped. */
  read(files: string[]): Promise<NoteRead[] | undefined>;
  stop(): void;
}

/** Starts a worker thread that reads notes as readNote does (scan-worker.ts). */
export function startScanWorker(workerData: ScanWorkerData): ScanWorker {
  const worker = moduleWorker(import.meta.url, "./scan-worker", workerData);
  // Answers come in the order of the requests: "ready" first, then one per batch.
  const waiting: Array<(answer: "ready" | NoteRead[] | undefined) => void> = [];
  let alive = true;
  worker.on("message", (answer: "ready" | NoteRead[]) => waiting.shift()?.(answer));
  const stopped = () => {
    alive = false;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  };
  worker.once("error", stopped);
  worker.once("exit", stopped);
  const answer = () => new Promise<"ready" | NoteRead[] | undefined>((resolve) => (alive ? waiting.push(resolve) : resolve(undefined)));
  return {
    ready: answer().then((first) => first === "ready"),
    async read(files) {
      const request: ScanRequest = { files };
      worker.postMessage(request);
      const batch = await answer();
      return Array.isArray(batch) ? batch : undefined;
    },
    stop: () => void worker.terminate(),
  };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** Notes are UTF-8; other bytes are shown as "�" and reported, never a reason to stop. */
export function decodeNote(file: string, bytes: Uint8Array, diagnostics: Diagnostic[]): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    diagnostics.push({
      severity: "warning",
      file,
      message: "the note is not valid UTF-8; the bytes that are not are shown as �",
      fix: "save the note as UTF-8 in your editor",
    });
    return lenientUtf8.decode(bytes);
  }
}

/** Reads one note file from the disk as every command does: one that cannot be read is a problem of that file, named, not a crash. */
export async function readNoteFromDisk(contentDir: string, file: string, md: MarkdownIt, mode: "flag" | "all", options: { keepBody?: boolean } = {}): Promise<NoteFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.join(contentDir, file));
  } catch (error) {
    return unreadableNote(file, error as NodeJS.ErrnoException);
  }
  return readNoteFile(file, bytes, md, mode, options);
}

/** A note file the disk would not give: whether it is to be published cannot be known, so the build stops. */
export function unreadableNote(file: string, error: NodeJS.ErrnoException): NoteFile {
  const code = error.code ?? error.message;
  const permission = code === "EACCES" || code === "EPERM";
  return {
    note: undefined,
    diagnostics: [
      {
        severity: "error",
        file,
        message: `the note cannot be read (${code}${permission ? ": permission denied" : ""}), so whether it is to be published is not known`,
        fix: permission ? "make the file readable by the user who builds the site (chmod u+r), or move it out of the notes folder" : "check the file, or move it out of the notes folder",
      },
    ],
    version: `unreadable ${code}`,
  };
}

/** Reads one note file as every command reads it: its text's version, the published note if it is one, and its problems. */
export function readNoteFile(file: string, bytes: Uint8Array, md: MarkdownIt, mode: "flag" | "all", options: { keepBody?: boolean } = {}): NoteFile {
  const diagnostics: Diagnostic[] = [];
  const source = decodeNote(file, bytes, diagnostics);
  return { note: readNote(file, source, md, diagnostics, mode, options), diagnostics, version: fileVersion(source) };
}

/** Reads one note; returns undefined (and records why, when it matters) if it is not published. */
export function readNote(
  file: string,
  source: string,
  md: MarkdownIt,
  diagnostics: Diagnostic[],
  mode: "flag" | "all" = "flag",
  { keepBody = true }: { keepBody?: boolean } = {},
): Note | undefined {
  const parsed = parseFrontmatter(source);
  if (!parsed.ok) {
    // An error when the note seems meant to be published, which it cannot be.
    diagnostics.push({ severity: mentionsPublishing(source) ? "error" : "warning", file, line: parsed.line, message: `${parsed.reason}; the note is not published`, fix: "fix the frontmatter between the `---` lines (YAML `key: value` pairs, or one JSON object)" });
    return undefined;
  }
  const { data, body, bodyLine } = parsed;
  const decision = publishDecision(data, mode);
  if (decision.conflict) {
    diagnostics.push({ severity: "warning", file, line: keyLine(source, "dg-publish") ?? keyLine(source, "publish"), message: decision.conflict, fix: "set both keys to the same value, or remove one" });
  }
  if (!decision.published) return undefined;

  // The note's own address; assembleGarden moves the home note to `/`.
  const home = isHomeNote(data);
  const url = noteUrl(file, data, source, home ? [] : diagnostics) ?? (home ? "/" : undefined);
  if (url === undefined) return undefined;

  const tokens = md.parse(body, { scan: true } satisfies SyntaxEnv);
  const title = withoutControls(textField(data, "title") ?? leadingHeading(tokens) ?? withoutNoteExtension(path.posix.basename(file)));
  const { hero, consumed } = readHero(file, source, tokens, data, bodyLine, diagnostics);
  const { references, tags: inlineTags, remoteImages } = collectReferences(tokens);
  const properties = propertiesField(data, "dg-note-properties");
  references.push(...frontmatterReferences(data, properties, source, bodyLine));
  const shaped = shapeBody(tokens, { consumed, title });
  const writtenText = textField(data, "description", "summary", "excerpt");
  const written = writtenText === undefined ? undefined : withoutControls(writtenText);
  const description = written ?? describe(shaped);
  // Only a written description can be a dek; the opening it must not repeat is read only then.
  const dek = written === undefined ? undefined : dekOf(written, describe(shaped, Infinity));
  const clipped = sourceField(data);

  const note: Note = {
    path: file,
    version: fileVersion(source),
    url,
    title,
    hidden: isHidden(data),
    home,
    data,
    bodyLine,
    bodyStart: source.length - body.length,
    textLength: source.length,
    tags: mergeTags(tagsField(data).filter((tag) => !isGardenEntryTag(tag)), inlineTags),
    references,
    remoteImages,
    aliases: listField(data, "aliases", "alias"),
    addressLines: addressLines(source, data),
    properties,
    features: pageFeatures(tokens),
    words: wordCount(shaped),
  };
  const authors = authorsField(data);
  if (authors.length > 0) note.authors = authors;
  if (dek) note.dek = dek;
  if (clipped) note.source = clipped;
  readHeadings(note, tokens, consumed);
  if (hero) note.hero = hero;
  if (description) note.description = description;
  readPageSettings(note, source, diagnostics);
  // gray-matter's body is the end of the text; should it ever not be, the note keeps its body.
  if (keepBody || !source.endsWith(body)) note.body = body;
  const baseBlocks = tokens.filter(isBaseBlock).map((token) => token.content);
  if (baseBlocks.length > 0) note.baseBlocks = baseBlocks;
  const cjk = mostlyCjk(body);
  if (cjk) note.cjk = cjk;
  readDates(note, source, diagnostics);
  // Titles, links' context and the body are slices of the file's text and of markdown-it's
  // tokens, and a slice keeps its whole parent alive: a copy keeps only what the note holds,
  // a third of the memory per note (what lets a 50,000-note garden build in the default heap).
  return structuredClone(note);
}

/**
 * What the frontmatter points at for the page to show: the hero (`image`, `cover`, `banner`)
 * and the `[[links]]` among the properties shown (`dg-note-properties`). Files are embeds, like
 * those of the body: published with the note, a warning on their line when missing; notes are
 * links, which the page's backlinks and graph count as Obsidian does. A hero the body also
 * shows is the body's embed too; the garden resolves both alike.
 */
function frontmatterReferences(data: FrontmatterData, properties: readonly Property[], source: string, bodyLine: number): Reference[] {
  const references: Reference[] = [];
  const add = (kind: Reference["kind"], key: string, written: string, linkpath: string, context = "") => {
    const line = keyLine(source, key);
    references.push({ kind, linkpath, written, context, ...(line === undefined ? {} : { line: line - bodyLine }) });
  };
  const hero = heroOverrides(data).image;
  const key = HERO_IMAGE_KEYS.find((name) => data[name] !== undefined && data[name] !== null && data[name] !== "");
  const target = hero === undefined ? undefined : internalTarget(hero);
  if (key && hero !== undefined && target && target.linkpath !== "") add("embed", key, `${key}: ${hero}`, target.linkpath);
  for (const { key: name, value } of properties) {
    for (const item of value.kind === "list" ? value.items : [value]) {
      if (item.kind !== "link") continue;
      const written = `${name}: [[${item.linkpath}${item.label ? `|${item.label}` : ""}]]`;
      if (isAttachmentName(item.linkpath)) add("embed", name, written, item.linkpath);
      else add("link", name, written, item.linkpath, escapeXml(`${name}: ${item.label ?? withoutNoteExtension(path.posix.basename(item.linkpath))}`));
    }
  }
  return references;
}

/** A file name with an extension that is not a note's: what a property's `[[link]]` shows rather than links to. */
function isAttachmentName(linkpath: string): boolean {
  const extension = path.posix.extname(linkpath).toLowerCase();
  return extension !== "" && !NOTE_EXTENSION.test(linkpath);
}

/** The note's hero (its first image, or one its frontmatter names) and the tokens it takes from the body, with the line it is written on. */
function readHero(file: string, source: string, tokens: Token[], data: FrontmatterData, bodyLine: number, diagnostics: Diagnostic[]): ReturnType<typeof extractHero> {
  const extracted = extractHero(tokens, heroOverrides(data));
  const { hero, bodyImageLine } = extracted;
  if (!hero) warnOrphanHeroText(file, source, data, diagnostics);
  else {
    const line = bodyImageLine !== undefined ? bodyLine + bodyImageLine : HERO_IMAGE_KEYS.map((key) => keyLine(source, key)).find((found) => found !== undefined);
    if (line !== undefined) hero.line = line;
  }
  return extracted;
}

/** The ids of the page's headings: the one the title stands for, those moved aside, and the table of contents'. */
function readHeadings(note: Note, tokens: Token[], consumed: ReturnType<typeof extractHero>["consumed"]): void {
  const titleId = titleHeadingId(tokens, { consumed, title: note.title });
  if (titleId) note.titleId = titleId;
  const headingIds = movedHeadingIds(tokens);
  if (Object.keys(headingIds).length > 0) note.headingIds = headingIds;
  const headings = pageHeadings(tokens, titleId);
  if (headings.length > 0) note.headings = headings;
}

/** The page's own classes, meta tags and icon, as the note's frontmatter sets them. */
function readPageSettings(note: Note, source: string, diagnostics: Diagnostic[]): void {
  const where = { file: note.path, line: (key: string) => keyLine(source, key) };
  const classes = contentClasses(note.data, where, diagnostics);
  if (classes.length > 0) note.classes = classes;
  const tags = metaTags(note.data, where, diagnostics);
  if (tags.length > 0) note.metaTags = tags;
  const icon = noteIcon(note.data, where, diagnostics);
  if (icon) note.icon = icon;
  const lang = noteLanguage(note.data, where, diagnostics);
  if (lang) note.lang = lang;
}

/**
 * Chinese or Japanese when the body is written mostly in it: more Han and kana characters than
 * words of other scripts (a Chinese character stands for about a word). A note with a few
 * Chinese words in English text is an English note.
 */
export function mostlyCjk(body: string): "ja" | "zh" | undefined {
  const han = body.match(/\p{Script=Han}/gu)?.length ?? 0;
  const kana = body.match(/[\u3040-\u30ff]/g)?.length ?? 0;
  if (han + kana === 0) return undefined;
  // Other words are counted only until they are as many: most notes stop after a few.
  const word = /[^\s\p{Script=Han}\u3040-\u30ff\p{P}\p{S}]+/gu;
  for (let words = 0; word.exec(body) !== null; ) if (++words >= han + kana) return undefined;
  return kana > 0 ? "ja" : "zh";
}

/** When the note was created, updated and (a web clip's source) published. */
function readDates(note: Note, source: string, diagnostics: Diagnostic[]): void {
  const { path: file, data } = note;
  const created = readDate(file, source, data, diagnostics, "created", "dg-created", "date");
  const updated = readDate(file, source, data, diagnostics, "updated", "dg-updated", "modified", "last-modified");
  // `published: true`/`false` is a publishing flag in some tools (Jekyll), not a date to warn about.
  const published = typeof data["published"] === "boolean" ? undefined : readDate(file, source, data, diagnostics, "published");
  if (created) note.created = created;
  if (updated) note.updated = updated;
  if (published) note.published = published;
  // A note that is not a clip was published when it says: lists, feeds and the sitemap agree with its page.
  if (published && !created && !note.source) note.created = published;
}

/** Frontmatter tags first, then inline ones; one entry per tag whatever its case. */
function mergeTags(...lists: string[][]): string[] {
  const byKey = new Map<string, string>();
  for (const tag of lists.flat()) if (!byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
  return [...byKey.values()];
}

function noteUrl(file: string, data: FrontmatterData, source: string, diagnostics: Diagnostic[]): string | undefined {
  const written = writtenPermalink(data);
  if (written) {
    const { key, value } = written;
    const result = normalizePermalink(value);
    if (result.ok) return result.url;
    diagnostics.push({
      severity: "error",
      file,
      line: keyLine(source, key),
      message: `\`${key}\` ${JSON.stringify(value)} ${result.reason}`,
      fix: `write it as a plain path such as "/my-note/", or remove \`${key}\` to use the file name`,
    });
    return undefined;
  }
  // The Digital Garden plugin's `dg-path` places a note elsewhere in the garden than in the vault.
  return slugFromPath(textField(data, "dg-path") ?? file);
}

/** `image-caption` or `image-credit` with no image to go with them would be lost without a word. */
function warnOrphanHeroText(file: string, source: string, data: FrontmatterData, diagnostics: Diagnostic[]): void {
  for (const key of ["image-caption", "image-credit"]) {
    if (textField(data, key) === undefined) continue;
    diagnostics.push({
      severity: "warning",
      file,
      line: keyLine(source, key),
      message: `\`${key}\` is set but the note has no hero image, so it is not shown`,
      fix: "set `image` (a path, a URL or a [[link]]) or open the note with an image, or remove the key",
    });
  }
}

function readDate(file: string, source: string, data: FrontmatterData, diagnostics: Diagnostic[], ...keys: string[]): Date | undefined {
  const read = dateField(data, ...keys);
  if (read.ok) return read.date;
  diagnostics.push({
    severity: "warning",
    file,
    line: keyLine(source, read.key),
    message: `\`${read.key}\` ${JSON.stringify(read.value)} is not a date; it is ignored`,
    fix: "write dates as YYYY-MM-DD or an ISO 8601 date-time",
  });
  return undefined;
}

function addressLines(source: string, data: FrontmatterData): AddressLines {
  const lines: AddressLines = {};
  const line = (...keys: string[]) => keys.filter((key) => data[key] !== undefined).map((key) => keyLine(source, key)).find((found) => found !== undefined);
  // The key that gave the note its address: a permalink written, else `dg-path`.
  const page = line(writtenPermalink(data)?.key ?? "dg-path");
  const aliases = line("aliases", "alias");
  const redirectFrom = line("redirect_from", "redirect-from");
  if (page) lines.page = page;
  if (aliases) lines.aliases = aliases;
  if (redirectFrom) lines.redirectFrom = redirectFrom;
  return lines;
}

/** Line of the note file where a frontmatter key is written (JSON or YAML), if found. */
export function keyLine(source: string, key: string): number | undefined {
  const lines = source.split("\n", 400);
  const pattern = new RegExp(`(^|[\\s{,])["']?${key.replace(/[-]/g, "\\-")}["']?\\s*:`);
  const index = lines.findIndex((line, i) => i > 0 && pattern.test(line));
  return index === -1 ? undefined : index + 1;
}
