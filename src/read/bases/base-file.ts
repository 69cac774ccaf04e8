/**
 * A base as Obsidian writes it (a `.base` file or a ```` ```base ```` block): YAML of
 * `filters` (an expression, or `and`/`or`/`not` of filters), `formulas`, `properties` (their
 * `displayName`), `summaries` and `views` (`type`, `name`, `order`, `sort`, `limit`, `groupBy`,
 * `filters`, `summaries`, and the cards' `image`). Every expression is parsed here; one that
 * cannot be is reported with its line and left out, and the rest of the base still shows.
 */
// gray-matter's own YAML reader (js-yaml's safe schema), as notes are read with.
import engines from "gray-matter/lib/engines.js";
import { ExpressionSyntaxError, parseExpression, type Expression } from "./expression.ts";

export type Filter = { kind: "expression"; expression: Expression; source: string } | { kind: "and" | "or" | "not"; filters: Filter[] };

export interface BaseSort {
  property: string;
  descending: boolean;
}

export interface BaseView {
  type: string;
  name: string;
  order: string[];
  sort: BaseSort[];
  limit?: number;
  groupBy?: BaseSort;
  filters?: Filter;
  /** Property → summary name (a default one, or one of the base's own `summaries`). */
  summaries: Record<string, string>;
  /** Cards: the property whose image a card shows. */
  image?: string;
}

export interface BaseDefinition {
  filters?: Filter;
  formulas: Map<string, Expression>;
  displayNames: Map<string, string>;
  summaries: Map<string, Expression>;
  views: BaseView[];
}

/** A problem in a base, on a line of its text (1-based) when known. */
export interface BaseProblem {
  message: string;
  line?: number;
}

/** The line (1-based) of the text where `needle` is first written, if it is. */
function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at === -1 ? undefined : text.slice(0, at).split("\n").length;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function parseBase(text: string): { base: BaseDefinition; problems: BaseProblem[] } {
  const problems: BaseProblem[] = [];
  const base: BaseDefinition = { formulas: new Map(), displayNames: new Map(), summaries: new Map(), views: [] };
  let data: Record<string, unknown>;
  try {
    data = record(text.trim() === "" ? {} : engines.yaml.parse(text));
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    problems.push({ message: `the base is not valid YAML (${(error as Error).message.split("\n")[0]})`, ...(mark?.line !== undefined ? { line: mark.line + 1 } : {}) });
    return { base, problems };
  }
  const expression = (source: unknown, what: string): Expression | undefined => {
    const written = typeof source === "number" || typeof source === "boolean" ? String(source) : source;
    if (typeof written !== "string") {
      problems.push({ message: `${what} is not an expression` });
      return undefined;
    }
    try {
      return parseExpression(written);
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      const line = lineOf(text, written);
      problems.push({ message: `${what} cannot be read: ${error.message} at "${written.slice(error.offset, error.offset + 12)}" in ${JSON.stringify(written)}`, ...(line ? { line } : {}) });
      return undefined;
    }
  };
  const filter = (value: unknown, what: string): Filter | undefined => {
    if (typeof value === "string" || typeof value === "boolean") {
      const parsed = expression(value, what);
      return parsed ? { kind: "expression", expression: parsed, source: String(value) } : undefined;
    }
    const object = record(value);
    for (const kind of ["and", "or", "not"] as const) {
      if (object[kind] === undefined) continue;
      const items = Array.isArray(object[kind]) ? object[kind] : [object[kind]];
      return { kind, filters: items.map((item) => filter(item, what)).filter((item): item is Filter => item !== undefined) };
    }
    if (value !== undefined && value !== null) problems.push({ message: `${what} is neither an expression nor and/or/not` });
    return undefined;
  };

  const filters = filter(data["filters"], "the filter");
  if (filters) base.filters = filters;
  for (const [name, source] of Object.entries(record(data["formulas"]))) {
    const parsed = expression(source, `formula ${name}`);
    if (parsed) base.formulas.set(name, parsed);
  }
  for (const [name, settings] of Object.entries(record(data["properties"]))) {
    const displayName = record(settings)["displayName"];
    if (typeof displayName === "string" && displayName.trim() !== "") base.displayNames.set(name, displayName);
  }
  for (const [name, source] of Object.entries(record(data["summaries"]))) {
    const parsed = expression(source, `summary ${name}`);
    if (parsed) base.summaries.set(name, parsed);
  }
  const views = Array.isArray(data["views"]) ? data["views"] : [];
  views.forEach((raw, i) => base.views.push(parseView(record(raw), i, filter)));
  if (base.views.length === 0) base.views.push({ type: "table", name: "Table", order: ["file.name"], sort: [], summaries: {} });
  return { base, problems };
}

function sortOf(value: unknown): BaseSort | undefined {
  const object = record(value);
  const property = object["property"] ?? object["column"];
  if (typeof property !== "string") return undefined;
  return { property, descending: String(object["direction"] ?? "ASC").toUpperCase() === "DESC" };
}

function parseView(view: Record<string, unknown>, index: number, filter: (value: unknown, what: string) => Filter | undefined): BaseView {
  const name = typeof view["name"] === "string" && view["name"].trim() ? view["name"] : `View ${index + 1}`;
  const order = Array.isArray(view["order"]) ? view["order"].filter((item): item is string => typeof item === "string") : ["file.name"];
  const sorts = Array.isArray(view["sort"]) ? view["sort"] : view["sort"] !== undefined ? [view["sort"]] : [];
  const parsed: BaseView = {
    type: typeof view["type"] === "string" ? view["type"] : "table",
    name,
    order: order.length > 0 ? order : ["file.name"],
    sort: sorts.map(sortOf).filter((sort): sort is BaseSort => sort !== undefined),
    summaries: Object.fromEntries(Object.entries(record(view["summaries"])).filter(([, value]) => typeof value === "string")) as Record<string, string>,
  };
  const limit = Number(view["limit"]);
  if (Number.isInteger(limit) && limit > 0) parsed.limit = limit;
  const groupBy = sortOf(view["groupBy"]);
  if (groupBy) parsed.groupBy = groupBy;
  const filters = filter(view["filters"], `the filter of view "${name}"`);
  if (filters) parsed.filters = filters;
  if (typeof view["image"] === "string") parsed.image = view["image"];
  return parsed;
}
