/**
 * Math: `$…$` inline and `$$…$$` blocks, typeset with KaTeX at build time, so pages load a
 * stylesheet and fonts but no script. @mdit/plugin-katex finds the formulas the way
 * Obsidian does (no space inside the dollars, no digit after the closing one, so "costs $5
 * and $10" stays prose). Trellis renders them itself so that a formula KaTeX cannot read is
 * shown as its source, marked, and reported with the note's line, without stopping the build.
 */
import { katex as katexSyntax } from "@mdit/plugin-katex";
import katex, { type KatexOptions } from "katex";
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "markdown-it/lib/common/utils.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { reportWarning, type SyntaxEnv } from "../env.ts";

const OPTIONS: KatexOptions = {
  throwOnError: true,
  // Obsidian's MathJax accepts what KaTeX's strict mode only warns about.
  strict: "ignore",
  // No \href, \includegraphics or \htmlClass from a note; sizes and macro expansion stay bounded.
  trust: false,
  maxSize: 50,
  maxExpand: 1000,
  // `\def` and `\newcommand` in one formula hold for the rest of the note, as in Obsidian.
  globalGroup: true,
};

const FIX = "correct the TeX (KaTeX supports most LaTeX math: https://katex.org/docs/supported.html), or write \\$ for a dollar sign that is not math";

export function math(md: MarkdownIt): void {
  md.use(mathSyntax);
  md.core.ruler.after("inline", "math_lines", markInlineMathLines);
  md.renderer.rules.math_inline = (tokens, idx, _options, env: SyntaxEnv) => {
    const token = tokens[idx] as Token;
    return renderMath(token, token.markup === "$$" ? "span" : undefined, env);
  };
  md.renderer.rules.math_block = (tokens, idx, _options, env: SyntaxEnv) => renderMath(tokens[idx] as Token, "div", env);
}

/** Where formulas are, without rendering them; comments.ts reads text with the same rules. */
export function mathSyntax(md: MarkdownIt): void {
  md.use(katexSyntax, { delimiters: "dollars", allowInlineWithSpace: false });
  md.inline.ruler.before("math_inline_dollar", "math_inline_display", displayInText);
}

/**
 * `$$…$$` written inside a line of text is a displayed formula too, as in Obsidian (the
 * plugin reads `$$` only where a line starts).
 */
function displayInText(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (!src.startsWith("$$", pos)) return false;
  let end = src.indexOf("$$", pos + 2);
  while (end !== -1 && src[end - 1] === "\\") end = src.indexOf("$$", end + 2);
  // As with `$`, a digit right after the closing dollars means money, not math.
  if (end === -1 || src.slice(pos + 2, end).trim() === "" || /\d/.test(src[end + 2] ?? "")) return false;
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.markup = "$$";
    token.content = src.slice(pos + 2, end);
  }
  state.pos = end + 2;
  return true;
}

/** A formula as KaTeX's HTML; displayed ones in a box (`div` between blocks, `span` in text). */
function renderMath(token: Token, box: "div" | "span" | undefined, env: SyntaxEnv): string {
  const display = box !== undefined;
  try {
    const html = katex.renderToString(token.content, { ...OPTIONS, displayMode: display, macros: macrosFor(env) });
    if (!box) return html;
    // A wide formula scrolls sideways in its box, which keyboard users reach with Tab.
    return `<${box} class="math math-display" tabindex="0">${html}</${box}>${box === "div" ? "\n" : ""}`;
  } catch (error) {
    const reason = error instanceof katex.ParseError ? error.rawMessage : error instanceof Error ? error.message : String(error);
    const line: number | undefined = token.map?.[0] ?? token.meta?.line;
    reportWarning(env, `formula cannot be rendered: ${reason}`, line === undefined ? { fix: FIX } : { line, fix: FIX });
    const title = escapeHtml(`Formula error: ${reason}`);
    return box === "div"
      ? `<pre class="math math-error" title="${title}"><code>${escapeHtml(`$$\n${token.content}$$`)}</code></pre>\n`
      : `<code class="math math-error" title="${title}">${escapeHtml(`${token.markup}${token.content}${token.markup}`)}</code>`;
  }
}

function macrosFor(env: SyntaxEnv | undefined): Record<string, string> {
  if (!env || typeof env !== "object") return {};
  // Macros a note defines are kept on its render's env, so that they never leak into another note.
  const macros = (env.mathMacros ??= {});
  return macros;
}

/**
 * Inline tokens carry no line of their own; each inline formula records the line it is on
 * (its block's first line plus the line breaks before it), for warnings.
 */
function markInlineMathLines(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "inline" || !token.map || !token.children || !token.content.includes("$")) continue;
    let line = token.map[0];
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      else if (child.type === "math_inline") {
        child.meta = { ...child.meta, line };
        line += child.content.split("\n").length - 1;
      }
    }
  }
}
