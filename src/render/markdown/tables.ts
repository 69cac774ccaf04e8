/**
 * Every table in a region of its own that scrolls sideways when the table is wider than the
 * text (trellis.css .table-scroll): focusable, so a keyboard reaches what is off-screen, and
 * named by the table's header cells, so a screen reader says which table it is.
 */
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

/** The text of the table's header cells, from its `table_open` at `start`. */
function headerText(tokens: Token[], start: number): string {
  const cells: string[] = [];
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.type === "thead_close" || token.type === "table_close") break;
    if (token.type === "inline" && tokens[i - 1]?.type === "th_open") {
      const text = (token.children ?? []).filter((child) => child.type === "text" || child.type === "code_inline").map((child) => child.content).join("").trim();
      if (text) cells.push(text);
    }
  }
  return cells.join(", ");
}

/** The wrapper's element: a named <section> is a region; a table without header text stays unnamed, in a <div>. */
function wrapper(tokens: Token[], tableOpen: number, escape: (text: string) => string): { open: string; close: string } {
  const name = headerText(tokens, tableOpen);
  return name ? { open: `<section class="table-scroll" tabindex="0" aria-label="${escape(name)}">`, close: "</section>" } : { open: `<div class="table-scroll" tabindex="0">`, close: "</div>" };
}

export function scrollingTables(md: MarkdownIt): void {
  const open = md.renderer.rules.table_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const close = md.renderer.rules.table_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const escape = (text: string) => md.utils.escapeHtml(text);
  md.renderer.rules.table_open = (tokens, idx, options, env, self) => `${wrapper(tokens, idx, escape).open}\n${open(tokens, idx, options, env, self)}`;
  // Tables do not nest in Markdown (their cells hold inline text): the nearest table_open is this one's.
  md.renderer.rules.table_close = (tokens, idx, options, env, self) => {
    const start = tokens.findLastIndex((token, i) => i < idx && token.type === "table_open");
    return `${close(tokens, idx, options, env, self)}${wrapper(tokens, start, escape).close}\n`;
  };
}
