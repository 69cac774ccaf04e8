/**
 * Bases on the page: a `![[Books.base]]` embed shows the base's first view (`#View name`, that
 * view), a ```` ```base ```` block every view of its own, evaluated at build time over the
 * published notes (garden/bases/evaluate.ts). A table is plain HTML that a small script sorts
 * (client/bases.js); cards show each note's image and properties; a list links each note. A view
 * type Trellis does not draw shows its notes as a list, saying so, with one warning.
 *
 * Values are drawn by render/properties.ts, as the note's own properties are.
 */
import path from "node:path";
import { createHash } from "node:crypto";
import { escapeXml } from "../core/escape.ts";
import type { SiteOptions } from "../core/options.ts";
import { encodePath } from "../core/urls.ts";
import type { Garden } from "../garden/garden.ts";
import { display, evaluateBase, type Row, type Value, type ViewResult } from "../garden/bases/evaluate.ts";
import { parseBase, type BaseDefinition, type BaseView } from "../read/bases/base-file.ts";
import type { PropertyValue } from "../read/fields.ts";
import type { Note } from "../read/note.ts";
import { propertyHtml, type PropertyContext } from "./properties.ts";
import { assetSource } from "./site-data.ts";
import type MarkdownIt from "markdown-it";
import type { Diagnostic } from "../core/diagnostics.ts";
import { DEFAULT_OPTIONS } from "../core/options.ts";
import type { RenderEnv } from "./markdown/env.ts";
import { isBaseBlock } from "../read/markdown/syntax/diagrams.ts";

/** The view types Trellis draws; any other shows as a list. */
const DRAWN = new Set(["table", "cards", "list"]);

/** A base's text, from a `.base` file or a code block, and where it is written (for problems' lines). */
export interface BaseSource {
  text: string;
  /** The file problems are reported against, and the line the text starts on in it (1-based). */
  file: string;
  firstLine: number;
}

export interface BaseProblemReport {
  file: string;
  line?: number;
  message: string;
  fix: string;
}

const EXPRESSION_FIX = "write the expression as Obsidian's Bases syntax has it; docs/bases.md lists what Trellis evaluates";

/** The moment of this build: every page of a build sees the same `now()`. */
const BUILD_TIME = new Date();

/** The views of a base a source shows: one by name (or the first), or every view. */
function chosenViews(base: BaseDefinition, viewName: string | undefined, all: boolean): BaseView[] {
  if (all) return base.views;
  const named = viewName === undefined ? undefined : base.views.find((view) => view.name === viewName);
  return named ? [named] : base.views.slice(0, 1);
}

/** A base's chosen views evaluated for the page of `self`, with the problems found, located. */
interface BaseRun {
  base: BaseDefinition;
  results: ViewResult[];
  problems: BaseProblemReport[];
}

/**
 * Each base's runs over a Garden, by source, page and view: the page's key and the page itself
 * read the same run, which walks every listed note once. A new Garden (an edit) runs anew.
 */
const runs = new WeakMap<Garden, Map<string, BaseRun>>();

export function runBase(source: BaseSource, garden: Garden, self: Note | undefined, viewName: string | undefined, all: boolean): BaseRun {
  // Run once from its first line; where the source stands in its file only moves the problems' lines.
  const key = JSON.stringify([source.file, source.text, self?.path ?? null, viewName ?? null, all]);
  const known = runs.get(garden) ?? new Map<string, BaseRun>();
  runs.set(garden, known);
  let run = known.get(key);
  if (!run) {
    run = evaluateRun({ ...source, firstLine: 1 }, garden, self, viewName, all);
    known.set(key, run);
  }
  const shift = source.firstLine - 1;
  if (shift === 0) return run;
  return { ...run, problems: run.problems.map((problem) => (problem.line === undefined ? problem : { ...problem, line: problem.line + shift })) };
}

function evaluateRun(source: BaseSource, garden: Garden, self: Note | undefined, viewName: string | undefined, all: boolean): BaseRun {
  const { base, problems } = parseBase(source.text);
  const views = chosenViews(base, viewName, all);
  const reports: BaseProblemReport[] = problems.map((problem) => ({ file: source.file, message: `base: ${problem.message}`, fix: EXPRESSION_FIX, ...(problem.line !== undefined ? { line: source.firstLine + problem.line - 1 } : {}) }));
  if (viewName !== undefined && !base.views.some((view) => view.name === viewName)) {
    reports.push({ file: source.file, message: `base: no view named "${viewName}"; the first view is shown`, fix: `name one of the base's views: ${base.views.map((view) => view.name).join(", ")}` });
  }
  const evaluated = evaluateBase(base, garden, self, views, BUILD_TIME);
  for (const message of evaluated.problems) {
    reports.push({ file: source.file, message: `base: ${message}; the view shows what it can`, fix: EXPRESSION_FIX, ...lineOf(source, whereWritten(message)) });
  }
  for (const view of views) {
    if (!DRAWN.has(view.type)) {
      reports.push({ file: source.file, message: `base: the view "${view.name}" is a ${view.type} view, which Trellis does not draw; its notes are listed instead`, fix: "use a table, cards or list view to show it as it is in Obsidian", ...lineOf(source, `type: ${view.type}`) });
    }
  }
  return { base, results: evaluated.results, problems: reports };
}

function lineIn(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at === -1 ? undefined : text.slice(0, at).split("\n").length;
}

/** What a problem's message names that the base's text has: a quoted expression, or a formula's name. */
function whereWritten(message: string): string | undefined {
  const quoted = /"([^"]+)"/.exec(message)?.[1];
  if (quoted) return quoted;
  const formula = /^formula\.([\p{L}\p{N}_$]+)/u.exec(message)?.[1];
  return formula ? `${formula}:` : undefined;
}

function lineOf(source: BaseSource, needle: string | undefined): { line?: number } {
  if (needle === undefined) return {};
  const line = lineIn(source.text, needle);
  return line === undefined ? {} : { line: source.firstLine + line - 1 };
}

/** What the rows of a base's views are made of, for the key of the page that shows them. */
export function baseKey(source: BaseSource, garden: Garden, self: Note | undefined, viewName: string | undefined, all: boolean): string {
  const { results } = runBase(source, garden, self, viewName, all);
  const hash = createHash("sha256").update(source.text);
  for (const result of results) {
    for (const row of result.rows) hash.update(`${row.note.path}\0${row.note.version}\0${row.note.url}\0${row.note.title}\0${[...row.cells.values()].map(cellKey).join("\0")}\n`);
    hash.update(`\0${[...result.summaries.values()].map(cellKey).join("\0")}\n`);
  }
  return hash.digest("base64url");
}

function cellKey(value: Value): string {
  return JSON.stringify(value, (_key, item: unknown) => (item && typeof item === "object" && "note" in item ? (item.note as Note).path : item));
}

/** A property's heading: its display name, or its name without `note.`/`formula.`/`file.`. */
function heading(base: BaseDefinition, property: string): string {
  return base.displayNames.get(property) ?? property.replace(/^(note|formula|file)\./, "");
}

/** A value as render/properties.ts draws it. */
function asProperty(value: Value, garden: Garden): PropertyValue | undefined {
  if (value === null || value === "") return undefined;
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", text: String(Math.round(value * 1e6) / 1e6) } : undefined;
  if (typeof value === "string") return /^https?:\/\/\S+$/i.test(value) ? { kind: "url", url: value } : { kind: "text", text: value };
  if (value instanceof Date) {
    const time = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0;
    return { kind: "date", iso: value.toISOString(), time };
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => asProperty(item, garden)).filter((item): item is PropertyValue => item !== undefined);
    return items.length ? { kind: "list", items } : undefined;
  }
  if (value.kind === "file") return { kind: "link", linkpath: (value.note as Note).path, label: (value.note as Note).title };
  if (value.kind === "link") return { kind: "link", linkpath: String(value.path), ...(value.display !== undefined ? { label: String(value.display) } : {}) };
  return { kind: "text", text: display(value) };
}

function cellHtml(property: string, row: Row, context: PropertyContext): string {
  // The file's name is the note itself: a link to its page, by its title.
  if (property === "file.name" || property === "file.basename" || property === "file.title") return noteLink(row.note);
  const value = asProperty(row.cells.get(property) ?? null, context.garden);
  return value ? propertyHtml(value, context, property) : "";
}

function noteLink(note: Note): string {
  return `<a class="internal-link" href="${escapeXml(encodePath(note.url))}">${escapeXml(note.title)}</a>`;
}

function tableHtml(result: ViewResult, base: BaseDefinition, context: PropertyContext): string {
  const { view } = result;
  const head = view.order.map((property) => `<th scope="col">${escapeXml(heading(base, property))}</th>`).join("");
  const bodies = result.groups
    .map((group) => {
      const caption = view.groupBy ? `<tr class="base__group"><th scope="rowgroup" colspan="${view.order.length}">${escapeXml(display(group.key) || "—")}</th></tr>` : "";
      const rows = group.rows.map((row) => `<tr>${view.order.map((property) => `<td>${cellHtml(property, row, context)}</td>`).join("")}</tr>`).join("\n");
      return `<tbody>\n${caption}${rows}\n</tbody>`;
    })
    .join("\n");
  const summaries = Object.keys(view.summaries).length
    ? `<tfoot><tr>${view.order.map((property) => {
        const value = result.summaries.has(property) ? asProperty(result.summaries.get(property) ?? null, context.garden) : undefined;
        return `<td>${value ? `<span class="base__summary">${escapeXml(view.summaries[property] ?? "")}</span> ${propertyHtml(value, context, property)}` : ""}</td>`;
      }).join("")}</tr></tfoot>`
    : "";
  return `<section class="table-scroll" tabindex="0" aria-label="${escapeXml(view.name)}">\n<table class="base__table" data-base-sortable>\n<thead><tr>${head}</tr></thead>\n${bodies}\n${summaries}</table>\n</section>`;
}

function cardsHtml(result: ViewResult, base: BaseDefinition, context: PropertyContext): string {
  const { view } = result;
  const rows = result.groups.flatMap((group) => group.rows);
  const cards = rows.map((row) => {
    const image = cardImage(row, view, context);
    const properties = view.order
      .filter((property) => property !== "file.name")
      .map((property) => {
        const html = cellHtml(property, row, context);
        return html ? `<div><dt>${escapeXml(heading(base, property))}</dt><dd>${html}</dd></div>` : "";
      })
      .join("");
    return `<li class="base__card">${image}<p class="base__card-title">${noteLink(row.note)}</p>${properties ? `<dl class="base__card-properties">${properties}</dl>` : ""}</li>`;
  });
  return `<ul class="base__cards">\n${cards.join("\n")}\n</ul>`;
}

/**
 * A card's picture: the view's image property, else the note's hero, resolved from the note as
 * its own images are (assetSource), when it is a published image; a remote one is not shown.
 */
function cardImage(row: Row, view: BaseView, { garden }: PropertyContext): string {
  const value = view.image ? row.cells.get(view.image) : undefined;
  const written = value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && value.kind === "link" ? String(value.path) : typeof value === "string" ? value : row.note.hero?.src;
  if (!written || /^https?:\/\//i.test(written)) return "";
  const url = assetSource(garden, row.note)(written.replace(/^!?\[\[|\]\]$/g, ""));
  return url ? `<img class="base__card-image" src="${escapeXml(encodePath(url))}" alt="" loading="lazy" decoding="async">` : "";
}

function listHtml(result: ViewResult, base: BaseDefinition, context: PropertyContext): string {
  const rows = result.groups.flatMap((group) => group.rows);
  const items = rows.map((row) => {
    const extra = result.view.order
      .filter((property) => property !== "file.name")
      .map((property) => cellHtml(property, row, context))
      .filter(Boolean);
    return `<li>${noteLink(row.note)}${extra.length ? ` <span class="base__list-extra">${extra.join(" · ")}</span>` : ""}</li>`;
  });
  void base;
  return `<ul class="base__list">\n${items.join("\n")}\n</ul>`;
}

export function viewHtml(result: ViewResult, base: BaseDefinition, context: PropertyContext, titled: boolean): string {
  const { view } = result;
  const count = result.groups.reduce((sum, group) => sum + group.rows.length, 0);
  const title = titled ? `<h3 class="base__title">${escapeXml(view.name)}</h3>` : "";
  let body: string;
  if (count === 0) body = `<p class="base__empty">—</p>`;
  else if (view.type === "table") body = tableHtml(result, base, context);
  else if (view.type === "cards") body = cardsHtml(result, base, context);
  else {
    const notice = view.type === "list" ? "" : `<p class="base__notice">${escapeXml(`A ${view.type} view, shown here as a list.`)}</p>`;
    body = notice + listHtml(result, base, context);
  }
  return `<div class="base base--${escapeXml(DRAWN.has(view.type) ? view.type : "list")}">\n${title}${body}\n</div>`;
}

/** Reports a base's problems with the page's: each once, with the file and line it is on. */
export function reportBaseProblems(env: RenderEnv, problems: readonly BaseProblemReport[]): void {
  for (const problem of problems) {
    const diagnostic: Diagnostic = { severity: "warning", file: problem.file, message: problem.message, fix: problem.fix };
    if (problem.line !== undefined) diagnostic.line = problem.line;
    if (env.diagnostics && !env.diagnostics.some((d) => d.file === diagnostic.file && d.line === diagnostic.line && d.message === diagnostic.message)) env.diagnostics.push(diagnostic);
  }
}

/** Renders ```` ```base ```` blocks in place: every view of the block. */
export function baseBlocks(md: MarkdownIt): void {
  const fence = md.renderer.rules.fence ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    if (!token || !isBaseBlock(token) || !env.garden || !env.note) return fence(tokens, idx, options, env, self);
    // The block's text starts on the line after its opening fence.
    const firstLine = env.note.bodyLine + (token.map?.[0] ?? 0) + 1;
    const { html, problems } = baseHtml({ text: token.content, file: env.note.path, firstLine }, env.garden, env.note, env.site ?? DEFAULT_OPTIONS.site, undefined, true);
    reportBaseProblems(env, problems);
    return html;
  };
}

/** The HTML of a base's views on the page of `self`, and the problems to report. */
export function baseHtml(source: BaseSource, garden: Garden, self: Note | undefined, site: SiteOptions, viewName: string | undefined, all: boolean): { html: string; problems: BaseProblemReport[] } {
  const { base, results, problems } = runBase(source, garden, self, viewName, all);
  const context: PropertyContext = { garden, from: self ?? ({ path: source.file } as Note), site };
  const html = results.map((result) => viewHtml(result, base, context, all && results.length > 1)).join("\n");
  return { html: `<div class="bases">\n${html}\n</div>\n`, problems };
}

/** A base's own page: its title (the file's name) and each view, rendered, with an id to link to. */
export interface BasePage {
  title: string;
  views: Array<{ id: string; name: string; html: string }>;
}

export function basePage(file: string, garden: Garden, site: SiteOptions): { page: BasePage; problems: BaseProblemReport[] } {
  const text = garden.documents.get(file) ?? "";
  const source: BaseSource = { text, file, firstLine: 1 };
  const { base, results, problems } = runBase(source, garden, undefined, undefined, true);
  const context: PropertyContext = { garden, from: { path: file } as Note, site };
  const ids = new Set<string>();
  const views = results.map((result, i) => {
    let id = `view-${result.view.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || i + 1}`;
    while (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    return { id, name: result.view.name, html: `<div class="bases">\n${viewHtml(result, base, context, false)}\n</div>` };
  });
  return { page: { title: withoutExtension(path.posix.basename(file)), views }, problems };
}

function withoutExtension(name: string): string {
  return name.slice(0, name.length - path.posix.extname(name).length);
}

