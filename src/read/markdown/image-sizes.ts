/**
 * Obsidian's size syntax for images, read from the alt text: `![250](…)` is 250 pixels wide,
 * `![alt|250](…)` too, `![alt|250x100](…)` also 100 high; and from the end of its address, as
 * the Digital Garden plugin writes it: `![](/img/user/pic.png|250)`.
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

export function imageSizes(md: MarkdownIt): void {
  // After text_join, so that the alt text is whole (`\|`, needed in a table, is a `|` too).
  md.core.ruler.after("text_join", "obsidian_image_size", readImageSizes);
}

const SIZE = /^(\d+)(?:x(\d+))?$/;
/** markdown-it has percent-encoded the bar by now. */
const SOURCE_SIZE = /(?:\||%7C)(\d+)(?:x(\d+))?$/i;

/** Moves a size at the end of an image's alt text (`250`, `alt|250`, `alt|250x100`) to its attributes. */
function readImageSizes(state: StateCore): void {
  for (const inline of state.tokens) {
    if (inline.type !== "inline" || !inline.content.includes("![")) continue;
    for (const image of inline.children ?? []) {
      if (image.type !== "image") continue;
      joinText(image);
      const src = image.attrGet("src") ?? "";
      const fromSource = SOURCE_SIZE.exec(src);
      if (fromSource?.[1]) {
        image.attrSet("src", src.slice(0, fromSource.index));
        image.attrSet("width", fromSource[1]);
        if (fromSource[2]) image.attrSet("height", fromSource[2]);
      }
      const last = image.children?.at(-1);
      if (last?.type !== "text") continue;
      const bar = last.content.lastIndexOf("|");
      // Without a bar, the size must be the whole alt text: `![2024](…)` inside a longer text stays text.
      if (bar === -1 && image.children?.length !== 1) continue;
      const size = SIZE.exec(last.content.slice(bar + 1).trim());
      if (!size?.[1]) continue;
      last.content = last.content.slice(0, Math.max(bar, 0)).trimEnd();
      image.content = image.content.slice(0, Math.max(image.content.lastIndexOf("|"), 0)).trimEnd();
      image.attrSet("width", size[1]);
      if (size[2]) image.attrSet("height", size[2]);
    }
  }
}

/**
 * markdown-it's text_join does not reach into an image's alt text, whose escaped characters
 * (`\|`, `\[`) its renderer then leaves out: they are joined to the text around them here.
 */
function joinText(image: Token): void {
  const children: Token[] = [];
  for (const child of image.children ?? []) {
    if (child.type === "text_special") child.type = "text";
    const previous = children.at(-1);
    if (child.type === "text" && previous?.type === "text") previous.content += child.content;
    else children.push(child);
  }
  image.children = children;
}
