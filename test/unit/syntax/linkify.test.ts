import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { render } from "./render.ts";

describe("bare addresses", () => {
  it("link real domains", () => {
    assert.equal(
      render("Visit example.com, www.example.org or example.co.uk"),
      '<p>Visit <a href="http://example.com" class="external" rel="noopener">example.com</a>, <a href="http://www.example.org" class="external" rel="noopener">www.example.org</a> or <a href="http://example.co.uk" class="external" rel="noopener">example.co.uk</a></p>\n',
    );
  });

  it("leave file names of notes and attachments as text", () => {
    assert.equal(render("See README.md and B.md"), "<p>See README.md and B.md</p>\n");
    assert.equal(render("Files: pic.png, doc.pdf, Board.canvas, clip.mp3"), "<p>Files: pic.png, doc.pdf, Board.canvas, clip.mp3</p>\n");
  });

  it("link a full address whatever its domain", () => {
    assert.equal(render("https://point.md/news"), '<p><a href="https://point.md/news" class="external" rel="noopener">https://point.md/news</a></p>\n');
  });
});
