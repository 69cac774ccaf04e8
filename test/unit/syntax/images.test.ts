import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractHero } from "../../../src/read/note/hero.ts";
import { md, render } from "./render.ts";

describe("Markdown images", () => {
  it("take Obsidian's size from the end of their alt text", () => {
    assert.equal(render("![250](u.png)"), '<p><img src="u.png" alt="" width="250" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![alt|250](u.png)"), '<p><img src="u.png" alt="alt" width="250" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![alt|250x100](u.png)"), '<p><img src="u.png" alt="alt" width="250" height="100" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![*A* cat | 30](u.png)"), '<p><img src="u.png" alt="A cat" width="30" loading="lazy" decoding="async"></p>\n');
  });

  it("take the Digital Garden plugin's size from the end of their address", () => {
    assert.equal(render("![](/img/user/pic.png|200)"), '<p><img src="/img/user/pic.png" alt="" width="200" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![pic](/img/user/a%20b.png|200x50)"), '<p><img src="/img/user/a%20b.png" alt="pic" width="200" height="50" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![](/img/user/pic|b.png)"), '<p><img src="/img/user/pic%7Cb.png" alt="" loading="lazy" decoding="async"></p>\n');
  });

  it("take it in a table cell, where the bar is escaped", () => {
    assert.equal(
      render("| x |\n|---|\n| ![alt\\|25](u.png) |"),
      '<section class="table-scroll" tabindex="0" aria-label="x">\n<table>\n<thead>\n<tr>\n<th>x</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><img src="u.png" alt="alt" width="25" loading="lazy" decoding="async"></td>\n</tr>\n</tbody>\n</table>\n</section>\n',
    );
  });

  it("keep alt text that is not a size as written, escaped characters included", () => {
    assert.equal(render("![a|b](u.png)"), '<p><img src="u.png" alt="a|b" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![*2024*](u.png)"), '<p><img src="u.png" alt="2024" loading="lazy" decoding="async"></p>\n');
    assert.equal(render("![foo \\[bar\\] \\| baz](u.png)"), '<p><img src="u.png" alt="foo [bar] | baz" loading="lazy" decoding="async"></p>\n');
  });

  it("give the hero its alt text without the size", () => {
    const { hero } = extractHero(md.parse("![A harbour|600](harbour.jpg)\n\nText", {}));
    assert.equal(hero?.alt, "A harbour");
  });
});
