/**
 * The expression language of Obsidian Bases (filters, formulas, summaries), parsed into a tree:
 * literals, names, `a.b`, `a[b]`, calls, `!` and `-`, the arithmetic, comparison and logical
 * operators, and list literals. A Pratt parser of its own: no `eval`, nothing run while parsing.
 * garden/bases/evaluate.ts gives the tree its meaning.
 */

export type Expression =
  | { type: "literal"; value: string | number | boolean | null }
  | { type: "name"; name: string }
  | { type: "member"; object: Expression; name: string }
  | { type: "index"; object: Expression; index: Expression }
  | { type: "call"; callee: Expression; args: Expression[] }
  | { type: "unary"; operator: "!" | "-"; argument: Expression }
  | { type: "binary"; operator: BinaryOperator; left: Expression; right: Expression }
  | { type: "list"; items: Expression[] };

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

/** An expression that cannot be read, with where in it. */
export class ExpressionSyntaxError extends Error {
  override name = "ExpressionSyntaxError";
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

type Token =
  | { kind: "number"; value: number; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "name"; value: string; at: number }
  | { kind: "punct"; value: string; at: number }
  | { kind: "end"; at: number };

const PUNCTUATION = ["&&", "||", "==", "!=", "<=", ">=", "(", ")", "[", "]", ",", ".", "!", "+", "-", "*", "/", "%", "<", ">"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? "";
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(char) || (char === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
      const text = match?.[0] ?? char;
      tokens.push({ kind: "number", value: Number(text), at: i });
      i += text.length;
      continue;
    }
    if (char === '"' || char === "'") {
      let value = "";
      let j = i + 1;
      for (; j < source.length && source[j] !== char; j++) {
        if (source[j] === "\\" && j + 1 < source.length) {
          const next = source[++j] ?? "";
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
        } else value += source[j];
      }
      if (j >= source.length) throw new ExpressionSyntaxError("a string is not closed", i);
      tokens.push({ kind: "string", value, at: i });
      i = j + 1;
      continue;
    }
    const name = /^[\p{L}_$][\p{L}\p{N}_$]*/u.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: "name", value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new ExpressionSyntaxError(`unexpected ${JSON.stringify(char)}`, i);
    tokens.push({ kind: "punct", value: punct, at: i });
    i += punct.length;
  }
  tokens.push({ kind: "end", at: source.length });
  return tokens;
}

/** Binding power of each binary operator: higher binds tighter. */
const BINARY: Readonly<Record<string, number>> = { "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6 };
const UNARY_POWER = 7;

export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position] ?? { kind: "end", at: source.length };
  const next = (): Token => tokens[position++] ?? { kind: "end", at: source.length };
  const isPunct = (value: string) => {
    const token = peek();
    return token.kind === "punct" && token.value === value;
  };
  const expect = (value: string) => {
    const token = next();
    if (token.kind !== "punct" || token.value !== value) throw new ExpressionSyntaxError(`expected "${value}"`, token.at);
  };
  const list = (close: string): Expression[] => {
    const items: Expression[] = [];
    if (isPunct(close)) {
      next();
      return items;
    }
    for (;;) {
      items.push(parse(0));
      if (isPunct(",")) {
        next();
        continue;
      }
      expect(close);
      return items;
    }
  };

  const prefix = (): Expression => {
    const token = next();
    switch (token.kind) {
      case "number":
      case "string":
        return { type: "literal", value: token.value };
      case "name":
        if (token.value === "true" || token.value === "false") return { type: "literal", value: token.value === "true" };
        if (token.value === "null") return { type: "literal", value: null };
        return { type: "name", name: token.value };
      case "punct":
        if (token.value === "(") {
          const inner = parse(0);
          expect(")");
          return inner;
        }
        if (token.value === "[") return { type: "list", items: list("]") };
        if (token.value === "!" || token.value === "-") return { type: "unary", operator: token.value, argument: parse(UNARY_POWER) };
        throw new ExpressionSyntaxError(`unexpected "${token.value}"`, token.at);
      case "end":
        throw new ExpressionSyntaxError("the expression ends too soon", token.at);
    }
  };

  const postfix = (left: Expression): Expression => {
    for (;;) {
      if (isPunct(".")) {
        next();
        const name = next();
        if (name.kind !== "name") throw new ExpressionSyntaxError("expected a name after \".\"", name.at);
        left = { type: "member", object: left, name: name.value };
      } else if (isPunct("(")) {
        next();
        left = { type: "call", callee: left, args: list(")") };
      } else if (isPunct("[")) {
        next();
        const index = parse(0);
        expect("]");
        left = { type: "index", object: left, index };
      } else return left;
    }
  };

  function parse(power: number): Expression {
    let left = postfix(prefix());
    for (;;) {
      const token = peek();
      const operatorPower = token.kind === "punct" ? BINARY[token.value] : undefined;
      if (operatorPower === undefined || operatorPower <= power) return left;
      next();
      left = { type: "binary", operator: (token as { value: BinaryOperator }).value, left, right: parse(operatorPower) };
    }
  }

  const expression = parse(0);
  const rest = peek();
  if (rest.kind !== "end") throw new ExpressionSyntaxError("unexpected text after the expression", rest.at);
  return expression;
}
