/**
 * A base evaluated over the garden's published, listed notes: each view's rows (filtered,
 * sorted, limited, grouped), its cells and its summaries. Only published notes are ever a row,
 * a summary's input or a formula's value: the Garden holds no other (`file.links` and
 * `file.backlinks` are its resolved links). `this` is the note the base is shown in.
 *
 * An expression that fails (an unknown function, a wrong type) is a problem reported once per
 * base, and the cell or filter gives nothing; the rest of the view still shows.
 */
import path from "node:path";
import type { Garden } from "../garden.ts";
import { resolveTarget } from "../links.ts";
import type { Note } from "../../read/note.ts";
import { propertyLink } from "../../read/fields.ts";
import { withoutNoteExtension } from "../../core/vault-paths.ts";
import type { BaseDefinition, BaseSort, BaseView, Filter } from "../../read/bases/base-file.ts";
import type { Expression } from "../../read/bases/expression.ts";

/** A link as a value: to a note of the garden, or to a path it may not know. */
export interface LinkValue {
  kind: "link";
  path: string;
  display?: string;
}
export interface FileValue {
  kind: "file";
  note: Note;
}
export interface DurationValue {
  kind: "duration";
  ms: number;
}
export type Value = null | boolean | number | string | Date | LinkValue | FileValue | DurationValue | Value[] | { [key: string]: Value };

/** A failure to evaluate, named by the function or operator at fault. */
export class BaseEvaluationError extends Error {
  override name = "BaseEvaluationError";
}

export interface ViewResult {
  view: BaseView;
  /** Groups in order; a view without `groupBy` has one, unnamed. */
  groups: Array<{ key: Value; rows: Row[] }>;
  /** Property → its summary's value. */
  summaries: Map<string, Value>;
  /** The rows before grouping, for the build's key. */
  rows: Row[];
}

export interface Row {
  note: Note;
  /** Property → value, for each property the view shows. */
  cells: Map<string, Value>;
}

const isObject = (value: Value): value is { [key: string]: Value } => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !("kind" in value && typeof value.kind === "string" && ["link", "file", "duration"].includes(value.kind as string));

/** A frontmatter value as a base reads it: `"[[Note]]"` is a link, a list a list. */
export function fromFrontmatter(value: unknown): Value {
  if (value === undefined || value === null) return null;
  const link = propertyLink(value);
  if (link) return { kind: "link", path: link.linkpath, ...(link.label ? { display: link.label } : {}) };
  if (Array.isArray(value)) return value.map(fromFrontmatter);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromFrontmatter(item)]));
  return null;
}

export function truthy(value: Value): boolean {
  if (value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return !(typeof value === "number" && Number.isNaN(value));
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, second: 1000, seconds: 1000, m: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000, d: 86_400_000, day: 86_400_000, days: 86_400_000, w: 604_800_000, week: 604_800_000, weeks: 604_800_000, M: 2_592_000_000, month: 2_592_000_000, months: 2_592_000_000, y: 31_536_000_000, year: 31_536_000_000, years: 31_536_000_000 };

function parseDuration(text: string): DurationValue {
  let ms = 0;
  let matched = false;
  for (const part of text.matchAll(/(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)/g)) {
    const unit = DURATION_UNITS[part[2] ?? ""] ?? DURATION_UNITS[(part[2] ?? "").toLowerCase()];
    if (unit === undefined) throw new BaseEvaluationError(`duration(): unknown unit "${part[2]}"`);
    ms += Number(part[1]) * unit;
    matched = true;
  }
  if (!matched) throw new BaseEvaluationError(`duration(): "${text}" is not a duration`);
  return { kind: "duration", ms };
}

function toDate(value: Value, what: string): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const date = new Date(typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new BaseEvaluationError(`${what}: ${display(value)} is not a date`);
}

/** A value as text, as a formula that joins it with a string sees it. */
export function display(value: Value): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(display).join(", ");
  if (typeof value === "object") {
    if ("kind" in value && value.kind === "link") return String(value.display ?? withoutNoteExtension(path.posix.basename(String(value.path))));
    if ("kind" in value && value.kind === "file") return (value.note as Note).title;
    if ("kind" in value && value.kind === "duration") return `${Math.round(Number(value.ms) / 86_400_000)}d`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Everything one evaluation can see: the garden, the note the base is shown in, the base's formulas. */
class Scope {
  readonly #formulaCache = new Map<Note, Map<string, Value>>();
  readonly #computing = new Set<string>();
  constructor(
    readonly garden: Garden,
    readonly base: BaseDefinition,
    readonly self: Note | undefined,
    readonly now: Date,
  ) {}

  /** A link's note, when it leads to a published one. */
  noteOf(value: Value, from: Note | undefined): Note | undefined {
    if (value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      if (value.kind === "file") return value.note as Note;
      if (value.kind === "link") return this.notePath(String(value.path), from);
    }
    if (typeof value === "string") return this.notePath(propertyLink(value)?.linkpath ?? value, from);
    return undefined;
  }

  notePath(linkpath: string, from: Note | undefined): Note | undefined {
    const { target } = resolveTarget(this.garden.resolver, this.garden, linkpath, from?.path ?? "");
    return target.kind === "note" ? target.note : undefined;
  }

  formula(note: Note, name: string): Value {
    const cached = this.#formulaCache.get(note)?.get(name);
    if (cached !== undefined) return cached;
    const expression = this.base.formulas.get(name);
    if (!expression) throw new BaseEvaluationError(`formula.${name}: the base has no such formula`);
    const key = `${note.path}\0${name}`;
    if (this.#computing.has(key)) throw new BaseEvaluationError(`formula.${name}: it depends on itself`);
    this.#computing.add(key);
    try {
      const value = evaluate(expression, { scope: this, note });
      const cache = this.#formulaCache.get(note) ?? new Map<string, Value>();
      cache.set(name, value);
      this.#formulaCache.set(note, cache);
      return value;
    } finally {
      this.#computing.delete(key);
    }
  }
}

interface Context {
  scope: Scope;
  /** The row's note; undefined where there is none (a summary). */
  note: Note | undefined;
  /** Names bound by a list method (`value`, `index`) or a summary (`values`). */
  bound?: ReadonlyMap<string, Value>;
}

/** The `file` of a note: what `file.*` reads. */
function fileProperty(note: Note, name: string, scope: Scope): Value {
  const garden = scope.garden;
  switch (name) {
    case "name":
      return path.posix.basename(note.path);
    case "basename":
      return withoutNoteExtension(path.posix.basename(note.path));
    case "path":
      return note.path;
    case "folder":
      return path.posix.dirname(note.path) === "." ? "" : path.posix.dirname(note.path);
    case "ext":
      return path.posix.extname(note.path).slice(1);
    case "ctime":
      return note.created ?? note.updated ?? null;
    case "mtime":
      return note.updated ?? note.created ?? null;
    case "size":
      return note.textLength;
    case "tags":
      return note.tags.map((tag) => `#${tag}`);
    case "links":
      return (garden.outgoing.get(note) ?? []).map((target) => ({ kind: "file", note: target }));
    case "backlinks":
      return (garden.backlinks.get(note) ?? []).map((link) => ({ kind: "file", note: link.note }));
    case "embeds": {
      const resolved = garden.resolved.get(note) ?? [];
      return note.references.flatMap((reference, i): Value[] => {
        const target = resolved[i];
        if (reference.kind !== "embed" || !target) return [];
        if (target.kind === "note") return [{ kind: "file", note: target.note } as FileValue];
        if (target.kind === "attachment") return [{ kind: "link", path: target.path } as LinkValue];
        return [];
      });
    }
    case "properties":
      return fromFrontmatter(note.data);
    case "title":
      return note.title;
    default:
      throw new BaseEvaluationError(`file.${name}: no such property of a file`);
  }
}

function hasTag(note: Note, tags: Value[]): boolean {
  const own = note.tags.map((tag) => tag.toLowerCase());
  return tags.some((wanted) => {
    const name = display(wanted).replace(/^#/, "").toLowerCase();
    return own.some((tag) => tag === name || tag.startsWith(`${name}/`));
  });
}

function fileMethod(note: Note, name: string, args: Value[], context: Context): Value {
  const scope = context.scope;
  switch (name) {
    case "hasTag":
      return hasTag(note, args);
    case "inFolder": {
      const folder = display(args[0] ?? "").replace(/^\/+|\/+$/g, "");
      return folder === "" || note.path.startsWith(`${folder}/`);
    }
    case "hasLink": {
      const target = scope.noteOf(args[0] ?? null, note);
      return target !== undefined && (scope.garden.outgoing.get(note) ?? []).includes(target);
    }
    case "hasProperty":
      return Object.hasOwn(note.data, display(args[0] ?? ""));
    case "asLink":
      return { kind: "link", path: note.path, ...(args[0] !== undefined && args[0] !== null ? { display: display(args[0]) } : {}) };
    case "linksTo":
      return fileMethod(note, "hasLink", args, context);
    default:
      throw new BaseEvaluationError(`file.${name}(): no such function of a file`);
  }
}

function member(object: Value, name: string, context: Context): Value {
  if (object === null) return null;
  if (typeof object === "string" || Array.isArray(object)) {
    if (name === "length") return object.length;
  }
  if (object instanceof Date) {
    const parts: Record<string, () => number> = { year: () => object.getUTCFullYear(), month: () => object.getUTCMonth() + 1, day: () => object.getUTCDate(), hour: () => object.getUTCHours(), minute: () => object.getUTCMinutes(), second: () => object.getUTCSeconds() };
    const part = parts[name];
    if (part) return part();
  }
  if (typeof object === "object" && !Array.isArray(object) && !(object instanceof Date)) {
    if (object.kind === "file") return fileProperty(object.note as Note, name, context.scope);
    if (object.kind === "duration") {
      const units: Record<string, number> = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };
      if (units[name]) return Math.trunc(Number(object.ms) / units[name]);
    }
    if (object.kind === "link") {
      const note = context.scope.noteOf(object, context.note);
      return note ? fileProperty(note, name, context.scope) : null;
    }
    if (isObject(object)) return object[name] ?? null;
  }
  throw new BaseEvaluationError(`.${name}: ${display(object)} has no such property`);
}

const STRING_METHODS: Record<string, (text: string, args: Value[]) => Value> = {
  contains: (text, [part]) => text.includes(display(part ?? "")),
  containsAll: (text, args) => args.every((part) => text.includes(display(part))),
  containsAny: (text, args) => args.some((part) => text.includes(display(part))),
  startsWith: (text, [part]) => text.startsWith(display(part ?? "")),
  endsWith: (text, [part]) => text.endsWith(display(part ?? "")),
  isEmpty: (text: string) => text.length === 0,
  lower: (text) => text.toLowerCase(),
  upper: (text) => text.toUpperCase(),
  title: (text) => text.replace(/\p{L}[\p{L}']*/gu, (word) => word.charAt(0).toUpperCase() + word.slice(1)),
  trim: (text) => text.trim(),
  slice: (text, [start, end]) => text.slice(Number(start ?? 0), end === undefined || end === null ? undefined : Number(end)),
  split: (text, [separator, limit]) => text.split(display(separator ?? ""), limit === undefined || limit === null ? undefined : Number(limit)),
  replace: (text, [pattern, replacement]) => text.replaceAll(display(pattern ?? ""), display(replacement ?? "")),
  reverse: (text) => [...text].reverse().join(""),
  repeat: (text, [count]) => text.repeat(Math.max(0, Number(count ?? 0))),
  toString: (text: string) => text,
};

const NUMBER_METHODS: Record<string, (value: number, args: Value[]) => Value> = {
  abs: (value) => Math.abs(value),
  ceil: (value) => Math.ceil(value),
  floor: (value) => Math.floor(value),
  round: (value, [digits]) => {
    const factor = 10 ** Number(digits ?? 0);
    return Math.round(value * factor) / factor;
  },
  toFixed: (value, [digits]) => value.toFixed(Math.min(20, Math.max(0, Number(digits ?? 0)))),
  isEmpty: (value: number) => Number.isNaN(value),
  toString: (value: number) => String(value),
};

function listMethod(list: Value[], name: string, args: Expression[], context: Context): Value {
  const values = () => args.map((arg) => evaluate(arg, context));
  const each = (body: Expression | undefined, item: Value, index: number): Value => {
    if (!body) throw new BaseEvaluationError(`${name}(): it needs an expression`);
    const bound = new Map(context.bound);
    bound.set("value", item);
    bound.set("index", index);
    return evaluate(body, { ...context, bound });
  };
  switch (name) {
    case "contains":
      return values().every((wanted) => list.some((item) => equal(item, wanted, context)));
    case "containsAll":
      return values().every((wanted) => list.some((item) => equal(item, wanted, context)));
    case "containsAny":
      return values().some((wanted) => list.some((item) => equal(item, wanted, context)));
    case "isEmpty":
      return list.length === 0;
    case "join":
      return list.map(display).join(display(values()[0] ?? ", "));
    case "unique":
      return list.filter((item, i) => list.findIndex((other) => equal(other, item, context)) === i);
    case "reverse":
      return [...list].reverse();
    case "sort":
      return [...list].sort((a, b) => compare(a, b));
    case "flat":
      return list.flat() as Value[];
    case "slice": {
      const [start, end] = values();
      return list.slice(Number(start ?? 0), end === undefined || end === null ? undefined : Number(end));
    }
    case "filter":
      return list.filter((item, i) => truthy(each(args[0], item, i)));
    case "map":
      return list.map((item, i) => each(args[0], item, i));
    case "reduce": {
      let accumulator = args[1] ? evaluate(args[1], context) : null;
      list.forEach((item, i) => {
        const bound = new Map(context.bound);
        bound.set("value", item);
        bound.set("index", i);
        bound.set("acc", accumulator);
        if (!args[0]) throw new BaseEvaluationError("reduce(): it needs an expression");
        accumulator = evaluate(args[0], { ...context, bound });
      });
      return accumulator;
    }
    case "sum":
      return list.reduce<number>((sum, item) => sum + Number(item ?? 0), 0);
    case "mean":
    case "average": {
      const numbers = list.filter((item): item is number => typeof item === "number");
      return numbers.length === 0 ? null : numbers.reduce((sum, item) => sum + item, 0) / numbers.length;
    }
    case "min":
      return list.length === 0 ? null : list.reduce((a, b) => (compare(a, b) <= 0 ? a : b));
    case "max":
      return list.length === 0 ? null : list.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
    case "toString":
      return display(list);
    default:
      throw new BaseEvaluationError(`${name}(): no such function of a list`);
  }
}

function dateMethod(date: Date, name: string, args: Value[], context: Context): Value {
  switch (name) {
    case "date":
      return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    case "time":
      return date.toISOString().slice(11, 19);
    case "format":
      return formatDate(date, display(args[0] ?? "YYYY-MM-DD"));
    case "relative": {
      const days = Math.round((date.getTime() - context.scope.now.getTime()) / 86_400_000);
      return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(days, "day");
    }
    case "isEmpty":
      return false;
    case "toString":
      return display(date);
    default:
      throw new BaseEvaluationError(`${name}(): no such function of a date`);
  }
}

/** Moment.js-style tokens, the ones Obsidian's help names: YYYY, MM, DD, HH, mm, ss, and MMM/MMMM. */
function formatDate(date: Date, format: string): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const month = (style: "short" | "long") => new Intl.DateTimeFormat("en", { month: style, timeZone: "UTC" }).format(date);
  return format.replace(/YYYY|MMMM|MMM|MM|M|DD|D|HH|H|mm|ss/g, (token) => {
    switch (token) {
      case "YYYY":
        return String(date.getUTCFullYear());
      case "MMMM":
        return month("long");
      case "MMM":
        return month("short");
      case "MM":
        return pad(date.getUTCMonth() + 1);
      case "M":
        return String(date.getUTCMonth() + 1);
      case "DD":
        return pad(date.getUTCDate());
      case "D":
        return String(date.getUTCDate());
      case "HH":
        return pad(date.getUTCHours());
      case "H":
        return String(date.getUTCHours());
      case "mm":
        return pad(date.getUTCMinutes());
      default:
        return pad(date.getUTCSeconds());
    }
  });
}

function callMethod(receiver: Value, name: string, args: Expression[], context: Context): Value {
  const values = () => args.map((arg) => evaluate(arg, context));
  if (name === "isTruthy") return truthy(receiver);
  if (name === "isType") return typeName(receiver) === display(values()[0] ?? "");
  if (receiver === null) {
    if (name === "isEmpty") return true;
    if (name === "toString") return "";
    return null;
  }
  if (Array.isArray(receiver)) return listMethod(receiver, name, args, context);
  if (typeof receiver === "string") {
    const method = STRING_METHODS[name];
    if (!method) throw new BaseEvaluationError(`${name}(): no such function of text`);
    return method(receiver, values());
  }
  if (typeof receiver === "number") {
    const method = NUMBER_METHODS[name];
    if (!method) throw new BaseEvaluationError(`${name}(): no such function of a number`);
    return method(receiver, values());
  }
  if (typeof receiver === "boolean") {
    if (name === "toString") return String(receiver);
    throw new BaseEvaluationError(`${name}(): no such function of a yes or no`);
  }
  if (receiver instanceof Date) return dateMethod(receiver, name, values(), context);
  if (receiver.kind === "file") return fileMethod(receiver.note as Note, name, values(), context);
  if (receiver.kind === "link") {
    if (name === "asFile") {
      const note = context.scope.noteOf(receiver, context.note);
      return note ? { kind: "file", note } : null;
    }
    if (name === "linksTo") {
      const from = context.scope.noteOf(receiver, context.note);
      const to = context.scope.noteOf(values()[0] ?? null, context.note);
      return from !== undefined && to !== undefined && (context.scope.garden.outgoing.get(from) ?? []).includes(to);
    }
    if (name === "toString") return display(receiver);
    throw new BaseEvaluationError(`${name}(): no such function of a link`);
  }
  if (isObject(receiver)) {
    if (name === "keys") return Object.keys(receiver);
    if (name === "values") return Object.values(receiver);
    if (name === "isEmpty") return Object.keys(receiver).length === 0;
  }
  throw new BaseEvaluationError(`${name}(): no such function of ${typeName(receiver)}`);
}

function typeName(value: Value): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (value instanceof Date) return "date";
  if (typeof value === "object") return typeof value.kind === "string" ? String(value.kind) : "object";
  return typeof value;
}

function callGlobal(name: string, args: Expression[], context: Context): Value {
  const values = () => args.map((arg) => evaluate(arg, context));
  switch (name) {
    case "if": {
      const [condition, then, otherwise] = args;
      if (!condition) throw new BaseEvaluationError("if(): it needs a condition");
      if (truthy(evaluate(condition, context))) return then ? evaluate(then, context) : null;
      return otherwise ? evaluate(otherwise, context) : null;
    }
    case "now":
      return context.scope.now;
    case "today": {
      const now = context.scope.now;
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    }
    case "date":
      return toDate(values()[0] ?? null, "date()");
    case "duration":
      return parseDuration(display(values()[0] ?? ""));
    case "number": {
      const value = values()[0] ?? null;
      if (value instanceof Date) return value.getTime();
      if (typeof value === "boolean") return value ? 1 : 0;
      const number = Number(value);
      if (value === null || Number.isNaN(number)) throw new BaseEvaluationError(`number(): ${display(value)} is not a number`);
      return number;
    }
    case "list": {
      const value = values()[0] ?? null;
      return Array.isArray(value) ? value : value === null ? [] : [value];
    }
    case "link": {
      const [target, label] = values();
      const linkpath = target && typeof target === "object" && !Array.isArray(target) && !(target instanceof Date) && target.kind === "file" ? (target.note as Note).path : display(target ?? "");
      return { kind: "link", path: linkpath, ...(label !== undefined && label !== null ? { display: display(label) } : {}) };
    }
    case "file": {
      const note = context.scope.noteOf(values()[0] ?? null, context.note);
      return note ? { kind: "file", note } : null;
    }
    case "image":
      return { kind: "link", path: display(values()[0] ?? "") };
    case "max":
    case "min": {
      const all = values().flat().filter((value) => value !== null);
      if (all.length === 0) return null;
      return all.reduce((a, b) => ((name === "max" ? compare(a, b) >= 0 : compare(a, b) <= 0) ? a : b));
    }
    case "escapeHTML":
      return display(values()[0] ?? "");
    default:
      throw new BaseEvaluationError(`${name}(): Trellis does not know this function`);
  }
}

function equal(a: Value, b: Value, context: Context): boolean {
  const noteA = linkish(a) ? context.scope.noteOf(a, context.note) : undefined;
  const noteB = linkish(b) ? context.scope.noteOf(b, context.note) : undefined;
  if (noteA || noteB) return noteA !== undefined && noteA === noteB;
  if (a instanceof Date || b instanceof Date) {
    try {
      return toDate(a, "==").getTime() === toDate(b, "==").getTime();
    } catch {
      return false;
    }
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i] ?? null, context));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b || (typeof a !== typeof b && a !== null && b !== null && String(a) === String(b));
}

function linkish(value: Value): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && (value.kind === "link" || value.kind === "file");
}

/** Order of two values: null last, numbers and dates by size, the rest as text in the reader's order. */
export function compare(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return TEXT_ORDER.compare(display(a), display(b));
}

const TEXT_ORDER = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function arithmetic(operator: "+" | "-" | "*" | "/" | "%", left: Value, right: Value): Value {
  const duration = (value: Value): number | undefined => {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && value.kind === "duration") return Number(value.ms);
    if (typeof value !== "string") return undefined;
    try {
      return parseDuration(value).ms;
    } catch {
      return undefined; // text, not a duration: joined below
    }
  };
  // A date and a duration (`date + "1w"`) first: text joined to a date is not what is meant.
  if (left instanceof Date && (operator === "+" || operator === "-")) {
    if (right instanceof Date && operator === "-") return { kind: "duration", ms: left.getTime() - right.getTime() };
    const ms = duration(right);
    if (ms !== undefined) return new Date(left.getTime() + (operator === "+" ? ms : -ms));
  }
  if (operator === "+" && (typeof left === "string" || typeof right === "string")) return display(left) + display(right);
  if (Array.isArray(left) && operator === "+") return [...left, ...(Array.isArray(right) ? right : [right])];
  if (typeof left !== "number" || typeof right !== "number") {
    if (left === null || right === null) return null;
    throw new BaseEvaluationError(`"${operator}": ${display(left)} and ${display(right)} are not numbers`);
  }
  switch (operator) {
    case "+":
      return left + right;
    case "-":
      return left - right;
    case "*":
      return left * right;
    case "/":
      return right === 0 ? null : left / right;
    case "%":
      return right === 0 ? null : left % right;
  }
}

export function evaluate(expression: Expression, context: Context): Value {
  switch (expression.type) {
    case "literal":
      return expression.value;
    case "list":
      return expression.items.map((item) => evaluate(item, context));
    case "name":
      return nameValue(expression.name, context);
    case "member": {
      // `formula.x` and `note.x` name a property, not a member of a value.
      if (expression.object.type === "name" && !context.bound?.has(expression.object.name)) {
        const root = expression.object.name;
        if (root === "formula") {
          if (!context.note) throw new BaseEvaluationError(`formula.${expression.name}: there is no note here`);
          return context.scope.formula(context.note, expression.name);
        }
        if (root === "note") return context.note ? fromFrontmatter(context.note.data[expression.name]) : null;
      }
      return member(evaluate(expression.object, context), expression.name, context);
    }
    case "index": {
      const object = evaluate(expression.object, context);
      const index = evaluate(expression.index, context);
      if (Array.isArray(object)) return object[Number(index) < 0 ? object.length + Number(index) : Number(index)] ?? null;
      if (expression.object.type === "name" && expression.object.name === "note" && context.note) return fromFrontmatter(context.note.data[display(index)]);
      return object === null ? null : member(object, display(index), context);
    }
    case "call": {
      const callee = expression.callee;
      if (callee.type === "name") return callGlobal(callee.name, expression.args, context);
      if (callee.type === "member") return callMethod(evaluate(callee.object, context), callee.name, expression.args, context);
      throw new BaseEvaluationError("only functions can be called");
    }
    case "unary": {
      const value = evaluate(expression.argument, context);
      if (expression.operator === "!") return !truthy(value);
      if (typeof value !== "number") throw new BaseEvaluationError(`"-": ${display(value)} is not a number`);
      return -value;
    }
    case "binary": {
      const { operator } = expression;
      if (operator === "&&") return truthy(evaluate(expression.left, context)) && truthy(evaluate(expression.right, context));
      if (operator === "||") {
        const left = evaluate(expression.left, context);
        return truthy(left) ? left : evaluate(expression.right, context);
      }
      const left = evaluate(expression.left, context);
      const right = evaluate(expression.right, context);
      switch (operator) {
        case "==":
          return equal(left, right, context);
        case "!=":
          return !equal(left, right, context);
        case "<":
        case "<=":
        case ">":
        case ">=": {
          if (left === null || right === null) return false;
          const order = left instanceof Date || right instanceof Date ? toDate(left, operator).getTime() - toDate(right, operator).getTime() : compare(left, right);
          return operator === "<" ? order < 0 : operator === "<=" ? order <= 0 : operator === ">" ? order > 0 : order >= 0;
        }
        default:
          return arithmetic(operator, left, right);
      }
    }
  }
}

function nameValue(name: string, context: Context): Value {
  const bound = context.bound?.get(name);
  if (bound !== undefined || context.bound?.has(name)) return bound ?? null;
  switch (name) {
    case "file":
      return context.note ? { kind: "file", note: context.note } : null;
    case "this":
      return context.scope.self ? { kind: "file", note: context.scope.self } : null;
    case "note":
      return context.note ? fromFrontmatter(context.note.data) : null;
    case "formula":
      throw new BaseEvaluationError("formula: name one, as in formula.price");
    default:
      // A bare name is a property of the note.
      return context.note ? fromFrontmatter(context.note.data[name]) : null;
  }
}

/** The problems one run of a base found, each said once. */
export type Problems = Map<string, string>;

function guarded<T>(problems: Problems, where: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof BaseEvaluationError)) throw error;
    if (!problems.has(`${where}\0${error.message}`)) problems.set(`${where}\0${error.message}`, `${where}: ${error.message}`);
    return fallback;
  }
}

function passes(filter: Filter | undefined, context: Context, problems: Problems): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case "expression":
      return guarded(problems, `the filter ${JSON.stringify(filter.source)}`, false, () => truthy(evaluate(filter.expression, context)));
    case "and":
      return filter.filters.every((inner) => passes(inner, context, problems));
    case "or":
      return filter.filters.some((inner) => passes(inner, context, problems));
    case "not":
      return !filter.filters.some((inner) => passes(inner, context, problems));
  }
}

/** A property of a row as a view names it (`file.name`, `note.price`, `formula.x`, or a bare name). */
function cellValue(property: string, note: Note, scope: Scope): Value {
  const [root, ...rest] = property.split(".");
  const name = rest.join(".");
  if (root === "file" && name) return fileProperty(note, name, scope);
  if (root === "formula" && name) return scope.formula(note, name);
  if (root === "note" && name) return fromFrontmatter(note.data[name]);
  return fromFrontmatter(note.data[property]);
}

const SUMMARIES: Record<string, (values: Value[]) => Value> = {
  Average: (values) => mean(numbers(values)),
  Min: (values) => (numbers(values).length ? Math.min(...numbers(values)) : null),
  Max: (values) => (numbers(values).length ? Math.max(...numbers(values)) : null),
  Sum: (values) => numbers(values).reduce((sum, n) => sum + n, 0),
  Range: (values) => (numbers(values).length ? Math.max(...numbers(values)) - Math.min(...numbers(values)) : null),
  Median: (values) => {
    const sorted = numbers(values).sort((a, b) => a - b);
    if (sorted.length === 0) return null;
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  },
  Stddev: (values) => {
    const all = numbers(values);
    const average = mean(all);
    return average === null ? null : Math.sqrt(all.reduce((sum, n) => sum + (n - average) ** 2, 0) / all.length);
  },
  Earliest: (values) => dates(values).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
  Latest: (values) => dates(values).sort((a, b) => b.getTime() - a.getTime())[0] ?? null,
  Checked: (values) => values.filter((value) => value === true).length,
  Unchecked: (values) => values.filter((value) => value === false).length,
  Empty: (values) => values.filter((value) => !truthy(value) && value !== false && value !== 0).length,
  Filled: (values) => values.filter((value) => truthy(value) || value === false || value === 0).length,
  Unique: (values) => new Set(values.map(display)).size,
};

/** The values that are numbers, or text that is one (what `toFixed()` gives): what a numeric summary reads. */
function numbers(values: Value[]): number[] {
  return values.flatMap((value) => {
    const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? [number] : [];
  });
}
function dates(values: Value[]): Date[] {
  return values.filter((value): value is Date => value instanceof Date);
}
function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, n) => sum + n, 0) / values.length;
}

function sortRows(rows: Row[], sorts: readonly BaseSort[], scope: Scope, problems: Problems): Row[] {
  const keyed = rows.map((row) => ({ row, keys: sorts.map((sort) => guarded(problems, `sort by ${sort.property}`, null as Value, () => cellValue(sort.property, row.note, scope))) }));
  keyed.sort((a, b) => {
    for (const [i, sort] of sorts.entries()) {
      const order = compare(a.keys[i] ?? null, b.keys[i] ?? null);
      if (order !== 0) return sort.descending && a.keys[i] !== null && b.keys[i] !== null ? -order : order;
    }
    return TEXT_ORDER.compare(a.row.note.title, b.row.note.title);
  });
  return keyed.map(({ row }) => row);
}

/**
 * Evaluates a base's views (all, or the one named) over the garden's listed notes, as shown
 * in `self`'s page. `now` is the build's moment: every page of one build sees the same.
 */
export function evaluateBase(base: BaseDefinition, garden: Garden, self: Note | undefined, views: readonly BaseView[], now: Date): { results: ViewResult[]; problems: string[] } {
  const problems: Problems = new Map();
  const scope = new Scope(garden, base, self, now);
  const candidates = garden.listed.filter((note) => passes(base.filters, { scope, note }, problems));
  const results = views.map((view): ViewResult => {
    const selected = candidates.filter((note) => passes(view.filters, { scope, note }, problems));
    const shown = [...new Set([...view.order, ...(view.image ? [view.image] : [])])];
    let rows: Row[] = selected.map((note) => ({
      note,
      cells: new Map(shown.map((property) => [property, guarded(problems, property, null as Value, () => cellValue(property, note, scope))])),
    }));
    rows = sortRows(rows, view.sort, scope, problems);
    if (view.limit !== undefined) rows = rows.slice(0, view.limit);
    const groups: ViewResult["groups"] = [];
    if (view.groupBy) {
      const by = view.groupBy;
      const grouped = sortRows(rows, [by], scope, problems);
      for (const row of grouped) {
        const key = guarded(problems, `group by ${by.property}`, null as Value, () => cellValue(by.property, row.note, scope));
        const last = groups.at(-1);
        if (last && compare(last.key, key) === 0) last.rows.push(row);
        else groups.push({ key, rows: [row] });
      }
    } else groups.push({ key: null, rows });
    const summaries = new Map<string, Value>();
    for (const [property, summary] of Object.entries(view.summaries)) {
      const values = rows.map((row) => row.cells.get(property) ?? guarded(problems, property, null as Value, () => cellValue(property, row.note, scope)));
      const own = base.summaries.get(summary);
      const value = own
        ? guarded(problems, `summary ${summary}`, null as Value, () => evaluate(own, { scope, note: undefined, bound: new Map([["values", values]]) }))
        : SUMMARIES[summary]
          ? SUMMARIES[summary](values)
          : guarded(problems, `summary ${summary}`, null as Value, () => {
              throw new BaseEvaluationError(`Trellis does not know this summary`);
            });
      summaries.set(property, value);
    }
    return { view, groups, summaries, rows };
  });
  return { results, problems: [...problems.values()] };
}
