import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pageFeatures } from "../../../src/read/markdown/syntax/index.ts";
import { md, render } from "./render.ts";

describe("code blocks", () => {
  it("are highlighted at build time by the fence's language", () => {
    const html = render("```js\nconst x = 1; // note\n```");
    assert.equal(html, '<pre tabindex="0"><code class="language-js"><span class="hljs-keyword">const</span> x = <span class="hljs-number">1</span>; <span class="hljs-comment">// note</span>\n</code></pre>\n');
  });

  it("know languages by their aliases and whatever the case", () => {
    assert.match(render("```py\ndef f(): pass\n```"), /<span class="hljs-keyword">def<\/span> <span class="hljs-title function_">f<\/span>/);
    assert.match(render("```Bash\necho hi\n```"), /class="language-Bash"><span class="hljs-built_in">echo<\/span>/);
    assert.match(render("```ts {.wide}\nlet a: number;\n```"), /<span class="hljs-keyword">let<\/span>/);
  });

  it("stay escaped, highlighted or not", () => {
    const highlighted = render('```html\n<script>alert("x")</script>\n```');
    assert.doesNotMatch(highlighted, /<script>/);
    assert.match(highlighted, /&lt;<span class="hljs-name">script<\/span>&gt;/);
    assert.equal(render("```\n<script>alert(1)</script>\n```"), '<pre tabindex="0"><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n');
    assert.equal(render("```klingon\n<b>Qapla'</b>\n```"), '<pre tabindex="0"><code class="language-klingon">&lt;b&gt;Qapla\'&lt;/b&gt;\n</code></pre>\n');
    assert.equal(render("    <i>indented</i>"), '<pre tabindex="0"><code>&lt;i&gt;indented&lt;/i&gt;\n</code></pre>\n');
  });

  it("do not highlight inline code", () => {
    assert.equal(render("`const x`"), "<p><code>const x</code></p>\n");
  });
});

describe("mermaid diagrams", () => {
  it("are printed as escaped source in <pre class=\"mermaid\"> for the browser to draw", () => {
    assert.equal(
      render("```mermaid\ngraph TD\n  A[<b>x</b>] --> B\n```"),
      '<pre class="mermaid" tabindex="0">graph TD\n  A[&lt;b&gt;x&lt;/b&gt;] --&gt; B\n</pre>\n',
    );
    assert.match(render("```Mermaid\nflowchart LR\n```"), /^<pre class="mermaid"/);
  });

  it("are not highlighted as code", () => {
    assert.doesNotMatch(render("```mermaid\nsequenceDiagram\n```"), /hljs|<code/);
  });
});

describe("pageFeatures", () => {
  const features = (source: string) => pageFeatures(md.parse(source, {}));

  it("finds nothing in plain notes", () => {
    assert.deepEqual(features("# Title\n\nText, `$x$`, costs $5 and $10.\n\n```js\nlet $x$ = 1;\n```"), { math: false, mermaid: false, players: [], callouts: false, code: true, embeds: false, bases: false });
  });

  it("finds inline and block math, in callouts and footnotes too", () => {
    assert.deepEqual(features("Area $\\pi r^2$."), { math: true, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false });
    assert.deepEqual(features("$$\nx\n$$"), { math: true, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false });
    assert.deepEqual(features("> [!note] Title\n> Then $x$."), { math: true, mermaid: false, players: [], callouts: true, code: false, embeds: false, bases: false });
    assert.deepEqual(features("Note^[with $x$]."), { math: true, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false });
  });

  it("finds diagrams", () => {
    assert.deepEqual(features("```mermaid\ngraph TD\n```\n\nAnd $y$."), { math: true, mermaid: true, players: [], callouts: false, code: false, embeds: false, bases: false });
  });

  it("ignores what is commented out", () => {
    assert.deepEqual(features("%%\n$x$\n```mermaid\ngraph TD\n```\n%%"), { math: false, mermaid: false, players: [], callouts: false, code: false, embeds: false, bases: false });
  });
});
