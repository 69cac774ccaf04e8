/**
 * markdown-it-attrs takes any `{…}` at the end of a block as attributes and removes it from
 * the text, whatever it holds: `The set {1, 2, 3}` would print as "The set". Trellis lets it see
 * only braces that open a valid list of allowed attributes (`{#id}`, `{.class}`, `{key=value}`);
 * every other brace is treated as if the author had escaped it, so it prints as written.
 */
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

type Allowed = ReadonlyArray<string | RegExp>;

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
    if (token.children) token.children = token.children.flatMap((child) => (child.type === "text" ? splitText(child, allowed, state) : [child]));
  }
  return () => {
    for (const [token, content] of masked) token.content = content;
  };
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
