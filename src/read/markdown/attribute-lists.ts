/**
 * markdown-it-attrs takes any `{…}` at the end of a block as attributes and removes it from
 * the text, whatever it holds: `The set {1, 2, 3}` would print as "The set". Trellis lets it see
 * only braces that open a valid list of allowed attributes (`{#id}`, `{.class}`, `{key=value}`);
 * every other brace is treated as if the author had escaped it, so it prints as written.
 */
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { NOTE_DATA_ATTRIBUTE } from "./reserved-attributes.ts";

type Allowed = ReadonlyArray<string | RegExp>;

/**
 * Attributes authors may set with `{…}`. Event handlers and `style` can carry script or
 * hide content, so they are never allowed.
 */
export const SAFE_ATTRIBUTES: ReadonlyArray<string | RegExp> = [
  "id",
  "class",
  "title",
  "lang",
  "dir",
  "width",
  "height",
  "alt",
  "loading",
  "start",
  NOTE_DATA_ATTRIBUTE,
  /^aria-[a-z]+$/,
];

const NAME = String.raw`[\p{L}\p{N}_:-]+`;
const VALUE = String.raw`(?:"[^"]*"|[^\s{}"']+)`;
/** One attribute, with the key of a `key=value` captured. */
const ATTRIBUTE = new RegExp(String.raw`^(?:[#.]${NAME}|(${NAME})=${VALUE})$`, "u");
/** A brace-delimited list at the start of a string (quoted values may hold braces). */
const LIST = new RegExp(String.raw`^\{[ ]*((?:(?:[#.]|${NAME}=)(?:"[^"]*"|[^\s{}"']+)[ ]*)+)\}`, "u");
/** A paragraph markdown-it-attrs reads as a whole: `{…}` alone, or a rule `--- {…}`. */
const WHOLE = /^(?: {0,3}[-*_]{3,} ?)?(\{.*\})$/su;

/** The length of the valid, allowed attribute list at the start of `text`, or 0. */
export function attributeListLength(text: string, allowed: Allowed): number {
  const match = LIST.exec(text);
  if (!match?.[1]) return 0;
  // Split at spaces outside quotes.
  const attributes = match[1].match(/(?:"[^"]*"|[^\s"])+/gu) ?? [];
  const valid = attributes.every((attribute) => {
    const parts = ATTRIBUTE.exec(attribute);
    if (!parts) return false;
    const key = parts[1];
    return key === undefined || allowed.some((rule) => (typeof rule === "string" ? rule === key : rule.test(key)));
  });
  return valid ? match[0].length : 0;
}

/**
 * Hides from markdown-it-attrs every brace that is not a valid attribute list, for one run of
 * its rule: returns the function that undoes what only that rule must not see.
 */
export function protectBraces(state: StateCore, allowed: Allowed): () => void {
  const masked = new Map<Token, string>();
  for (const token of state.tokens) {
    if (token.type !== "inline" || !token.content.includes("{")) continue;
    // Rules that read a block's whole source (a table's or a list's `{…}` paragraph, `--- {…}`)
    // see it only when it is exactly one valid list.
    const whole = WHOLE.exec(token.content)?.[1];
    if (whole !== undefined && attributeListLength(whole, allowed) !== whole.length) {
      masked.set(token, token.content);
      token.content = "";
    }
    if (token.children) token.children = untagIds(token.children, state);
    if (token.children) token.children = token.children.flatMap((child) => (child.type === "text" ? splitText(child, allowed, state) : [child]));
  }
  return () => {
    for (const [token, content] of masked) token.content = content;
  };
}

/**
 * The inline rule for tags reads the `#id` of `{#id}` (or `{.a #id}`) as a tag, not knowing
 * whether the list will be taken. Where markdown-it-attrs takes it (at the end of the block, or
 * right after an element: `*em*{#id}`, an image, inline code), the tag is text again, so the
 * list sets the id; anywhere else `{#tag}` stays a tag, as in Obsidian.
 */
function untagIds(children: Token[], state: StateCore): Token[] {
  if (!children.some((child) => child.type === TAG)) return children;
  const out: Token[] = [];
  for (let start = 0; start < children.length; ) {
    let end = start;
    while (end < children.length && isTextOrTag(children[end])) end++;
    if (end === start) {
      out.push(children[start] as Token);
      start++;
      continue;
    }
    out.push(...untagRun(children.slice(start, end), children[start - 1], end === children.length, state));
    start = end;
  }
  return out;
}

/** markdown-it's token for an inline `#tag` (links/syntax.ts). */
const TAG = "hashtag";

function isTextOrTag(token: Token | undefined): boolean {
  return token?.type === "text" || token?.type === TAG;
}

/** One run of text and tags, `before` the element ahead of it, `last` when it ends the block. */
function untagRun(run: Token[], before: Token | undefined, last: boolean, state: StateCore): Token[] {
  const text = run.map((token) => token.content).join("");
  const attaches = before !== undefined && (before.nesting === -1 || before.type === "image" || before.type === "code_inline");
  let offset = 0;
  const out: Token[] = [];
  for (const token of run) {
    const at = offset;
    offset += token.content.length;
    const released = token.type === TAG && takenListAround(text, at, last, attaches);
    const previous = out.at(-1);
    if (token.type === TAG && !released) out.push(token);
    else if (previous?.type === "text") previous.content += token.content;
    else out.push(token.type === "text" ? token : textToken(state, "text", token.content, token));
  }
  return out;
}

/** A valid list around `at` of `text` that markdown-it-attrs will take. */
function takenListAround(text: string, at: number, last: boolean, attaches: boolean): boolean {
  for (let brace = text.lastIndexOf("{", at); brace !== -1; brace = brace === 0 ? -1 : text.lastIndexOf("{", brace - 1)) {
    const length = attributeListLength(text.slice(brace), SAFE_ATTRIBUTES);
    if (length === 0 || brace + length <= at) continue;
    return (last && text.slice(brace + length).trim() === "") || (attaches && brace === 0);
  }
  return false;
}

/**
 * A text token with each brace that opens no valid list made a `text_special` token (what
 * markdown-it makes of `\{`): markdown-it-attrs reads only `text` tokens, and the core rule
 * `text_join` joins the pieces again.
 */
function splitText(token: Token, allowed: Allowed, state: StateCore): Token[] {
  const text = token.content;
  if (!text.includes("{")) return [token];
  const pieces: Token[] = [];
  let from = 0;
  let at = text.indexOf("{");
  while (at !== -1) {
    const length = attributeListLength(text.slice(at), allowed);
    if (length > 0) {
      at = text.indexOf("{", at + length);
      continue;
    }
    if (at > from) pieces.push(textToken(state, "text", text.slice(from, at), token));
    pieces.push(textToken(state, "text_special", "{", token));
    from = at + 1;
    at = text.indexOf("{", from);
  }
  if (pieces.length === 0) return [token];
  if (from < text.length) pieces.push(textToken(state, "text", text.slice(from), token));
  return pieces;
}

function textToken(state: StateCore, type: string, content: string, like: Token): Token {
  const token = new state.Token(type, "", 0);
  token.content = content;
  token.level = like.level;
  if (type === "text_special") token.markup = content;
  return token;
}

