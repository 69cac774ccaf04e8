/**
 * Obsidian callouts: a blockquote whose first line is `[!type]`, optionally folded with `-`
 * (closed) or `+` (open) and followed by a title:
 *
 *     > [!warning]- Mind the gap
 *     > Body, with any Markdown, nested callouts too.
 *
 * The blockquote's tokens become a callout's: a `<div>` (or a native `<details>` when it
 * folds), a title row and a content box. Markup and class names follow Obsidian's, so
 * callout CSS snippets written for Obsidian keep working.
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { openingTag } from "./tags.ts";
import type { SyntaxEnv } from "../env.ts";

/** Obsidian's built-in callout types, each alias mapped to the type whose colours it takes. */
const CALLOUT_TYPES: Readonly<Record<string, string>> = {
  note: "note",
  abstract: "abstract", summary: "abstract", tldr: "abstract",
  info: "info",
  todo: "todo",
  tip: "tip", hint: "tip", important: "tip",
  success: "success", check: "success", done: "success",
  question: "question", help: "question", faq: "question",
  warning: "warning", caution: "warning", attention: "warning",
  failure: "failure", fail: "failure", missing: "failure",
  danger: "danger", error: "danger",
  bug: "bug",
  example: "example",
  quote: "quote", cite: "quote",
};

/** `[!type|metadata]±` then an optional title, on the blockquote's first line. */
const CALLOUT_LINE = /^\[!([^\]|\s]+)(?:\|([^\]]*))?\]([+-]?)[ \t]*(.*)$/u;

/** Any ASCII punctuation, escaped when a type name becomes a default title. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

export function callouts(md: MarkdownIt): void {
  // Before inline parsing, so the title is parsed as Markdown like the body.
  md.core.ruler.after("obsidian_comments", "obsidian_callouts", rewriteCallouts);
  const rules = md.renderer.rules;
  rules.callout_open = (tokens, idx) => (tokens[idx] ? `${openingTag(tokens[idx])}\n` : "");

  // A folding callout's title is its toggle, a button to assistive technology: a link inside
  // it could not be reached, so the title shows the link's text only. The state lives on
  // the render's env, so that one render never affects another.
  const depth = (env: SyntaxEnv | undefined) => env?.calloutSummaries ?? 0;
  const enter = (env: SyntaxEnv | undefined, step: number) => {
    if (env) env.calloutSummaries = depth(env) + step;
  };
  rules.callout_title_open = (tokens, idx, options, env, self) => {
    if (tokens[idx]?.tag === "summary") enter(env, 1);
    return self.renderToken(tokens, idx, options);
  };
  rules.callout_title_close = (tokens, idx, options, env, self) => {
    if (tokens[idx]?.tag === "summary") enter(env, -1);
    return self.renderToken(tokens, idx, options);
  };
  for (const type of ["link_open", "link_close"]) {
    const render = rules[type] ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
    rules[type] = (tokens, idx, options, env, self) => (depth(env) > 0 ? "" : render(tokens, idx, options, env, self));
  }
}

interface Callout {
  type: string;
  kind: string;
  metadata: string;
  fold: "" | "+" | "-";
  title: string;
}

/** Reads the callout header from the first line of a blockquote's first paragraph. */
export function parseCalloutLine(line: string): Callout | undefined {
  const match = CALLOUT_LINE.exec(line);
  if (!match) return undefined;
  const type = (match[1] ?? "").toLowerCase();
  return {
    type,
    kind: CALLOUT_TYPES[type] ?? "note",
    metadata: (match[2] ?? "").trim(),
    fold: (match[3] ?? "") as Callout["fold"],
    title: (match[4] ?? "").trim(),
  };
}

function rewriteCallouts(state: StateCore): void {
  const tokens = state.tokens;
  if (!tokens.some((token) => token.type === "blockquote_open")) return;
  const out: Token[] = [];
  /** For each open blockquote: undefined, or where its content box starts in `out`. */
  const open: Array<{ contentAt: number; tag: string; level: number } | undefined> = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === "blockquote_close") {
      const callout = open.pop();
      if (!callout) {
        out.push(token);
        continue;
      }
      // A callout with only a title has no content box.
      if (out.length === callout.contentAt + 1) out.pop();
      else out.push(blockToken(state, "callout_content_close", "div", -1, token.map, callout.level + 1));
      out.push(blockToken(state, "callout_close", callout.tag, -1, token.map, callout.level));
      continue;
    }
    const paragraph = tokens[i + 1];
    const inline = tokens[i + 2];
    const header =
      token.type === "blockquote_open" && paragraph?.type === "paragraph_open" && inline?.type === "inline"
        ? parseCalloutLine(firstLine(inline.content))
        : undefined;
    if (!header || !paragraph || !inline) {
      if (token.type === "blockquote_open") open.push(undefined);
      out.push(token);
      continue;
    }

    const folds = header.fold !== "";
    const tag = folds ? "details" : "div";
    const start = blockToken(state, "callout_open", tag, 1, token.map, token.level);
    start.attrSet("class", `callout callout-${header.kind}`);
    start.attrSet("data-callout", header.type);
    if (header.metadata) start.attrSet("data-callout-metadata", header.metadata);
    if (folds) start.attrSet("data-callout-fold", header.fold);
    if (header.fold === "+") start.attrSet("open", "");
    out.push(start, ...titleTokens(state, header, folds ? "summary" : "div", token));
    open.push({ contentAt: out.length, tag, level: token.level });
    out.push(blockToken(state, "callout_content_open", "div", 1, token.map, token.level + 1));
    out[out.length - 1]?.attrSet("class", "callout-content");

    // The rest of the first paragraph, if any, is the start of the body.
    const rest = afterFirstLine(inline.content);
    if (rest) {
      inline.content = rest;
      const map: [number, number] | null = paragraph.map ? [paragraph.map[0] + 1, paragraph.map[1]] : null;
      paragraph.map = map;
      inline.map = map;
      out.push(paragraph, inline);
      i += 2;
    } else {
      i += 3; // the paragraph held the header only: skip its open, inline and close
    }
  }
  state.tokens = out;
}

function titleTokens(state: StateCore, header: Callout, tag: string, quote: Token): Token[] {
  const { map, level } = quote;
  const open = blockToken(state, "callout_title_open", tag, 1, map, level + 1);
  open.block = false; // no line break between the title row and its icon
  open.attrSet("class", "callout-title");
  const iconOpen = new state.Token("callout_icon_open", "span", 1);
  iconOpen.attrs = [["class", "callout-icon"], ["aria-hidden", "true"]];
  const iconClose = new state.Token("callout_icon_close", "span", -1);
  const innerOpen = new state.Token("callout_title_inner_open", "span", 1);
  innerOpen.attrSet("class", "callout-title-inner");
  const title = new state.Token("inline", "", 0);
  // Obsidian titles an untitled callout with its type name, capitalised.
  title.content = header.title || defaultTitle(header.type);
  title.map = map ? [map[0], map[0] + 1] : null;
  title.children = [];
  const innerClose = new state.Token("callout_title_inner_close", "span", -1);
  const close = blockToken(state, "callout_title_close", tag, -1, map, level + 1);
  return [open, iconOpen, iconClose, innerOpen, title, innerClose, close];
}

function defaultTitle(type: string): string {
  const name = type.charAt(0).toUpperCase() + type.slice(1);
  return name.replace(MARKDOWN_PUNCTUATION, "\\$&");
}

function blockToken(state: StateCore, type: string, tag: string, nesting: 1 | 0 | -1, map: Token["map"], level: number): Token {
  const token = new state.Token(type, tag, nesting);
  token.block = true;
  token.map = map;
  token.level = level;
  return token;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}

function afterFirstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? "" : text.slice(end + 1);
}
