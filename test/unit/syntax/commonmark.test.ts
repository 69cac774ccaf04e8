/**
 * Every example of the CommonMark spec renders as plain markdown-it renders it, but for the
 * differences docs/markdown-differences.md lists, each with its reason. An example that
 * differs for another reason, or a listed one that no longer differs, fails the test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import spec from "commonmark-spec";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { render } from "./render.ts";

/** Example number → the heading of docs/markdown-differences.md that explains it. */
const INTENDED: Record<number, string> = {
  64: "Tags", // #hashtag
  142: "Code highlighting",
  143: "Code highlighting",
  559: "Wikilinks", // [[*foo* bar]]
  150: "Tags Trellis does not allow print as written",
  163: "Tags Trellis does not allow print as written",
  170: "Tags Trellis does not allow print as written",
  171: "Tags Trellis does not allow print as written",
  172: "Tags Trellis does not allow print as written",
  173: "Tags Trellis does not allow print as written",
  176: "Tags Trellis does not allow print as written",
  178: "Tags Trellis does not allow print as written",
  201: "Tags Trellis does not allow print as written",
  491: "Tags Trellis does not allow print as written",
  524: "Tags Trellis does not allow print as written",
  536: "Tags Trellis does not allow print as written",
  613: "Tags Trellis does not allow print as written",
  615: "Tags Trellis does not allow print as written",
  617: "Tags Trellis does not allow print as written",
  623: "Tags Trellis does not allow print as written",
  169: "Attributes Trellis does not allow are removed",
  616: "Attributes Trellis does not allow are removed",
  475: "Images in raw HTML without alt text are decorative",
  614: "A self-closed tag is closed where it is written",
  156: "A < that starts no complete tag is text",
  157: "A < that starts no complete tag is text",
  158: "A < that starts no complete tag is text",
  180: "Processing instructions, declarations and CDATA print as written",
  181: "Processing instructions, declarations and CDATA print as written",
  182: "Processing instructions, declarations and CDATA print as written",
  627: "Processing instructions, declarations and CDATA print as written",
  628: "Processing instructions, declarations and CDATA print as written",
  629: "Processing instructions, declarations and CDATA print as written",
};

/** Plain markdown-it with the options Trellis sets: single newlines break lines, bare addresses link. */
const baseline = new MarkdownIt({ html: true, breaks: true, linkify: true });

/** What Trellis adds to every page's markup, which says nothing about the author's text. */
function withoutDecoration(html: string): string {
  return html
    .replace(/<(h[1-6]) id="[^"]*">/g, "<$1>") // heading anchors
    .replace(/<pre tabindex="0">/g, "<pre>") // wide code scrolls by keyboard
    .replace(/ loading="lazy" decoding="async"/g, "") // body images load lazily
    .replace(/ class="external" rel="noopener"/g, ""); // links to other sites
}

/**
 * Both outputs as an HTML parser reads them, written out again: the same document however its
 * tags are spelt (case, quotes, entities), without comments, and closed at its end.
 */
function asParsed(html: string): string {
  return sanitizeHtml(html, { allowedTags: false, allowedAttributes: false, allowVulnerableTags: true });
}

describe("CommonMark spec examples", () => {
  const differing: number[] = [];
  for (const example of spec.tests) {
    // The spec shows tabs as →.
    const markdown = example.markdown.replace(/→/g, "\t");
    const trellis = asParsed(withoutDecoration(render(markdown)));
    const plain = asParsed(baseline.render(markdown));
    if (trellis !== plain) differing.push(example.number);
    if (INTENDED[example.number] !== undefined) continue;
    it(`example ${example.number} (${example.section}) renders as markdown-it renders it`, () => {
      assert.equal(trellis, plain, `markdown:\n${markdown}`);
    });
  }

  it("differ from markdown-it only where the list says, and everywhere it says", () => {
    assert.deepEqual(differing.filter((number) => INTENDED[number] !== undefined), Object.keys(INTENDED).map(Number).sort((a, b) => a - b));
  });
});
