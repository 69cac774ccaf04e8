/**
 * Code blocks are coloured at build time by highlight.js, so pages carry no highlighting
 * script. The fence's first word names the language (`js`, `python`, `sh`… aliases work);
 * a block without a language, or with one highlight.js does not know, is printed as plain
 * text. highlight.js escapes what it returns, as markdown-it's `highlight` option requires.
 */
import { createRequire } from "node:module";
import type { HLJSApi } from "highlight.js";
import type MarkdownIt from "markdown-it";
import type { RenderRule } from "markdown-it/lib/renderer.mjs";

export function codeHighlighting(md: MarkdownIt): void {
  md.options.highlight = highlight;
  // A long line scrolls sideways inside its block: the block takes keyboard focus so that
  // readers without a mouse can scroll it too.
  for (const rule of ["fence", "code_block"] as const) {
    const render = md.renderer.rules[rule] as RenderRule;
    md.renderer.rules[rule] = (tokens, idx, options, env, self) => {
      const html = render(tokens, idx, options, env, self);
      return html.startsWith("<pre>") ? `<pre tabindex="0">${html.slice("<pre>".length)}` : html;
    };
  }
}

const require = createRequire(import.meta.url);
let loaded: HLJSApi | undefined;

/** highlight.js with its 190 languages takes a while to load: only a garden with code pays for it. */
function hljs(): HLJSApi {
  return (loaded ??= require("highlight.js") as HLJSApi);
}

/** Highlighted HTML for a code block, or "" for markdown-it to escape the code itself. */
export function highlight(code: string, language: string): string {
  if (!language || !hljs().getLanguage(language)) return "";
  return hljs().highlight(code, { language, ignoreIllegals: true }).value;
}
