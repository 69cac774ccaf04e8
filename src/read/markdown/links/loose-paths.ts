/**
 * Obsidian accepts spaces in Markdown link and image paths (`![alt](Attachments/my photo.png)`,
 * `[text](Other note.md)`); CommonMark does not. This rule reads those forms; everything else is
 * left to markdown-it's own link and image rules.
 */
import { isNoteFile } from "../../../core/vault-paths.ts";
import type MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

const LOOSE = /^(!?)\[([^\]\n]*)\]\(([^()<>\n]*\s[^()<>\n]*)\)/;

function looseLinkRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  const first = src.charCodeAt(pos);
  if (first !== 0x21 /* ! */ && first !== 0x5b /* [ */) return false;
  const match = LOOSE.exec(src.slice(pos));
  if (!match) return false;
  const [whole, bang, text = "", rawPath = ""] = match;
  const destination = rawPath.trim();
  const image = bang === "!";
  // A link with spaces must name a note; an image any file with an extension.
  const pathPart = destination.split("#")[0] ?? "";
  if (image ? !/\.[a-z0-9]{2,5}$/i.test(pathPart) : !isNoteFile(pathPart)) return false;
  if (!silent) {
    const href = state.md.normalizeLink(destination);
    if (image) {
      const token = state.push("image", "img", 0);
      token.attrs = [["src", href], ["alt", ""]];
      token.children = [];
      state.md.inline.parse(text, state.md, state.env, token.children);
      token.content = text;
    } else {
      const open = state.push("link_open", "a", 1);
      open.attrs = [["href", href]];
      const oldPos = state.pos;
      const oldMax = state.posMax;
      state.pos = pos + 1;
      state.posMax = pos + 1 + text.length;
      state.md.inline.tokenize(state);
      state.pos = oldPos;
      state.posMax = oldMax;
      state.push("link_close", "a", -1);
    }
  }
  state.pos = pos + whole.length;
  return true;
}

export function loosePaths(md: MarkdownIt): void {
  md.inline.ruler.before("link", "trellis_loose_paths", looseLinkRule);
}
