import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectReferences } from "../../../src/read/references.ts";
import { md, render } from "./render.ts";

describe("{…} attribute lists", () => {
  it("set allowed attributes on the block or element they follow", () => {
    assert.equal(render("A paragraph {.note}"), '<p class="note">A paragraph</p>\n');
    assert.equal(render('Title {.a title="q r"}'), '<p class="a" title="q r">Title</p>\n');
    assert.equal(render('Quoted {title="a {b} c"}'), '<p title="a {b} c">Quoted</p>\n');
    assert.equal(render("*em*{.a} text"), '<p><em class="a">em</em> text</p>\n');
    assert.equal(render("`code`{.b}"), '<p><code class="b">code</code></p>\n');
    assert.equal(render("--- {.x}"), '<hr class="x">\n');
  });

  it("print as written when they are not an attribute list", () => {
    assert.equal(render("The set {1, 2, 3}"), "<p>The set {1, 2, 3}</p>\n");
    assert.equal(render("# Sets {a, b}"), '<h1 id="sets-a-b">Sets {a, b}</h1>\n');
    assert.equal(render("- item {x y}"), "<ul>\n<li>item {x y}</li>\n</ul>\n");
    assert.equal(render("`f`{1,2}"), "<p><code>f</code>{1,2}</p>\n");
    assert.equal(render("*em*{a} text"), "<p><em>em</em>{a} text</p>\n");
    assert.equal(render("a\n{1,2}"), "<p>a<br>\n{1,2}</p>\n");
    assert.equal(render("- a\n{1,2}"), "<ul>\n<li>a<br>\n{1,2}</li>\n</ul>\n");
    assert.equal(render("--- {x}"), "<p>--- {x}</p>\n");
    assert.equal(
      render("| a | b |\n|---|---|\n| c {d} | e |"),
      '<section class="table-scroll" tabindex="0" aria-label="a, b">\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c {d}</td>\n<td>e</td>\n</tr>\n</tbody>\n</table>\n</section>\n',
    );
    assert.equal(render("| a |\n|---|\n| b |\n\n{1, 2}"), '<section class="table-scroll" tabindex="0" aria-label="a">\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</section>\n<p>{1, 2}</p>\n');
  });

  it("print as written when any attribute in them is not allowed", () => {
    assert.equal(render("para {onclick=x}"), "<p>para {onclick=x}</p>\n");
    assert.equal(render("para {.a style=color:red}"), "<p>para {.a style=color:red}</p>\n");
    assert.equal(render("para {.a data-pagefind-ignore=all}"), "<p>para {.a data-pagefind-ignore=all}</p>\n");
    assert.equal(render("para {hidden}"), "<p>para {hidden}</p>\n");
  });
});

describe("{#id} attribute lists and tags", () => {
  it("set the id where markdown-it-attrs takes the list: at the end of a block, or right after an element", () => {
    assert.equal(render("## H {#x}"), '<h2 id="x">H</h2>\n');
    assert.equal(render("## H {.y #x}"), '<h2 class="y" id="x">H</h2>\n');
    assert.equal(render("Para {#x}"), '<p id="x">Para</p>\n');
    assert.equal(render("- item {#li}"), '<ul>\n<li id="li">item</li>\n</ul>\n');
    assert.equal(render("*em*{#a} text"), '<p><em id="a">em</em> text</p>\n');
    assert.equal(render("`c`{#code} text"), '<p><code id="code">c</code> text</p>\n');
    assert.equal(render("#tag {#x}"), '<p id="x"><span class="tag">#tag</span></p>\n');
  });

  it("stay tags where no list is taken", () => {
    assert.equal(render("a {#tag} b"), '<p>a {<span class="tag">#tag</span>} b</p>\n');
    assert.equal(render("{#tag} text"), '<p>{<span class="tag">#tag</span>} text</p>\n');
    assert.equal(render("a {#x}\nb"), '<p>a {<span class="tag">#x</span>}<br>\nb</p>\n');
    assert.equal(render("Para {#tag"), '<p>Para {<span class="tag">#tag</span></p>\n');
    assert.equal(render("Para {#tag onclick=x}"), '<p>Para {<span class="tag">#tag</span> onclick=x}</p>\n');
  });

  it("are not read as the note's tags", () => {
    assert.deepEqual([...collectReferences(md.parse("## H {#x}\n\na {#kept} b", { scan: true })).tags], ["kept"]);
  });
});
