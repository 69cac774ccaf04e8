/**
 * Opening tags whose boolean attributes are written bare (`<details open>`, `<input checked
 * disabled>`): markdown-it writes every attribute as `name="value"`, which HTML accepts but
 * Trellis's page validator (html-validate) reports.
 */
import { escapeHtml } from "markdown-it/lib/common/utils.mjs";
import type Token from "markdown-it/lib/token.mjs";

const BOOLEAN_ATTRIBUTES = new Set(["open", "checked", "disabled"]);

export function openingTag(token: Token): string {
  let html = `<${token.tag}`;
  for (const [name, value] of token.attrs ?? []) {
    html += BOOLEAN_ATTRIBUTES.has(name) ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
  }
  return `${html}>`;
}
