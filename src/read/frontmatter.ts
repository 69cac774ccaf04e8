/**
 * Splits a note into frontmatter data and body. YAML and JSON frontmatter are both
 * read (JSON is valid YAML); executable frontmatter (`---js`) is never run.
 */
import matter from "gray-matter";
// gray-matter's own YAML reader (js-yaml's safe schema): no custom tags, no code.
import engines from "gray-matter/lib/engines.js";
import type { FrontmatterData } from "./publish.ts";

export type FrontmatterResult =
  | { ok: true; data: FrontmatterData; body: string; bodyLine: number }
  | { ok: false; line?: number; reason: string };

function refuse(language: string) {
  return () => {
    throw new FrontmatterRefused(`\`---${language}\` frontmatter is code; Trellis reads only YAML or JSON`);
  };
}

class FrontmatterRefused extends Error {}

/**
 * JSON frontmatter (the Digital Garden plugin writes it) is read as JSON, so that a broken
 * object is reported instead of being half-read by the more forgiving YAML parser.
 */
function yamlOrJson(text: string): object {
  if (!/^\s*\{\s*"/.test(text)) return engines.yaml.parse(text) as object;
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new JsonFrontmatterError(text, error as Error);
  }
}

class JsonFrontmatterError extends Error {
  readonly line: number;
  constructor(text: string, cause: Error) {
    const position = Number(/position (\d+)/.exec(cause.message)?.[1] ?? NaN);
    const lineInText = Number.isNaN(position) ? 0 : text.slice(0, position).split("\n").length - 1;
    super(`the JSON is not valid (${cause.message})`);
    // +2: the opening "---" is line 1; the text starts on the line after it, counted from 0.
    this.line = lineInText + 1 + (text.startsWith("\n") ? 0 : 1);
  }
}

const ENGINES = {
  yaml: yamlOrJson,
  js: refuse("js"),
  javascript: refuse("javascript"),
  coffee: refuse("coffee"),
  coffeescript: refuse("coffeescript"),
  cson: refuse("cson"),
};

/** Line (1-based, in the note file) of a YAML or JSON error, when the parser reports one. */
function errorLine(error: unknown): number | undefined {
  if (error instanceof JsonFrontmatterError) return error.line;
  const mark = (error as { mark?: { line?: unknown } }).mark;
  // +2: the opening "---" is line 1 and js-yaml counts from 0.
  return typeof mark?.line === "number" ? mark.line + 2 : undefined;
}

export function parseFrontmatter(source: string): FrontmatterResult {
  let file: matter.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's global cache, which would keep every note in memory.
    file = matter(source, { engines: ENGINES, language: "yaml" });
  } catch (error) {
    const reason = (error instanceof Error ? error.message.split("\n")[0] ?? String(error) : String(error)).replace(/[:\s]+$/, "");
    return { ok: false, line: errorLine(error), reason: `frontmatter cannot be read: ${reason}` };
  }
  const data: unknown = file.data ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, line: 2, reason: "frontmatter must be a set of `key: value` pairs" };
  }
  const body = file.content;
  const bodyLine = countLines(source) - countLines(body) + 1;
  return { ok: true, data: data as FrontmatterData, body, bodyLine };
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/**
 * Without parsed data we cannot know if a note is meant to be public. When its raw
 * frontmatter mentions a publish key, a broken note is an error; otherwise a warning.
 */
export function mentionsPublishing(source: string): boolean {
  const head = source.slice(0, 4000);
  return /(^|[\s{,"'])(dg-)?publish["']?\s*:/m.test(head);
}
