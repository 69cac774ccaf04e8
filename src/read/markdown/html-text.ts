/**
 * Before the author's HTML is sanitised, everything in it that is not an allowed tag becomes
 * text, exactly as written, so that the sanitiser cannot lose it: a tag Trellis does not allow
 * (`<Warning>`, `<b2 data="x">`, `<script>` with its code), a processing instruction,
 * declaration or CDATA section (which a browser would hide), and a `<` that starts no complete
 * tag (`<div id="foo"` cut off by a blank line), which would otherwise run into what follows.
 * What is a complete tag is CommonMark's definition, as markdown-it reads it.
 */
import { HTML_TAG_RE } from "markdown-it/lib/common/html_re.mjs";
import { escapeHtml } from "markdown-it/lib/common/utils.mjs";

const TAG = new RegExp(HTML_TAG_RE.source.replace(/^\^/, ""), "y");
const NAME = /^<\/?([A-Za-z][A-Za-z0-9-]*)/;
/** Elements whose content is not markup: when such an element is text, so is its content. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);

export function markupAsText(html: string, allowed: (tagName: string) => boolean): string {
  let out = "";
  let from = 0;
  let at = html.indexOf("<");
  while (at !== -1) {
    TAG.lastIndex = at;
    const tag = TAG.exec(html)?.[0];
    const name = tag === undefined ? undefined : NAME.exec(tag)?.[1]?.toLowerCase();
    let end: number;
    if (tag === undefined) {
      end = at + 1;
    } else if (tag.startsWith("<!--") || (name !== undefined && allowed(name))) {
      at = html.indexOf("<", at + tag.length);
      continue;
    } else if (name !== undefined && !tag.startsWith("</") && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, "iy");
      const closeAt = html.toLowerCase().indexOf(`</${name}`, at + tag.length);
      close.lastIndex = closeAt;
      end = closeAt !== -1 && close.exec(html) ? close.lastIndex : at + tag.length;
    } else {
      end = at + tag.length;
    }
    out += html.slice(from, at) + escapeHtml(html.slice(at, end));
    from = end;
    at = html.indexOf("<", end);
  }
  return out + html.slice(from);
}
