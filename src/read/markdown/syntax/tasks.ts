/**
 * Task lists: `- [ ]` and `- [x]` items get a checkbox. A published page cannot change the
 * note, so the checkbox is disabled; the item's text is its `<label>`, so assistive
 * technology reads "checkbox, checked, Buy milk".
 */
import { tasklist } from "@mdit/plugin-tasklist";
import type MarkdownIt from "markdown-it";
import { openingTag } from "./tags.ts";

export function tasks(md: MarkdownIt): void {
  md.use(tasklist, { disabled: true, label: true });
  md.renderer.rules.checkbox_input = (tokens, idx) => (tokens[idx] ? openingTag(tokens[idx]) : "");
}
