import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { render, renderNote } from "./render.ts";

describe("math", () => {
  it("typesets $…$ inline with KaTeX at build time", () => {
    const html = render("Euler: $e^{i\\pi} + 1 = 0$.");
    assert.match(html, /^<p>Euler: <span class="katex"><span class="katex-mathml"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    assert.match(html, /<annotation encoding="application\/x-tex">e\^\{i\\pi\} \+ 1 = 0<\/annotation>/);
    assert.match(html, /<span class="katex-html" aria-hidden="true">/);
  });

  it("typesets $$…$$ blocks in display mode, in a box that scrolls and takes focus", () => {
    const html = render("$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$");
    assert.match(html, /^<div class="math math-display" tabindex="0"><span class="katex-display"><span class="katex">/);
    assert.match(html, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block">/);
    assert.match(render("$$x^2$$"), /class="katex-display"/);
  });

  it("typesets $$…$$ written inside a line of text in display mode too", () => {
    const html = render("The sum $$\\sum_i i$$ grows.");
    assert.match(html, /^<p>The sum <span class="math math-display" tabindex="0"><span class="katex-display">/);
    assert.match(html, /<\/span> grows.<\/p>\n$/);
    const { html: broken, diagnostics } = renderNote("Text\nand $$\\frac{a$$ here", "Display.md", 2);
    assert.match(broken, /<code class="math math-error" title="[^"]+">\$\$\\frac\{a\$\$<\/code>/);
    assert.deepEqual(diagnostics.map((d) => d.line), [3]);
  });

  it("leaves dollar amounts in prose alone", () => {
    for (const prose of ["It costs $5 and $10.", "Prices: $5, $10 and $20", "Between $ 5 and 10 $", "Pay $3.50 or $4", "Two $$ signs then $$5"]) {
      const html = render(prose);
      assert.doesNotMatch(html, /katex/, prose);
      assert.equal(html, `<p>${prose}</p>\n`);
    }
  });

  it("needs no space inside the dollars, as Obsidian does", () => {
    assert.doesNotMatch(render("$ x $"), /katex/);
    assert.match(render("$x$"), /katex/);
    assert.doesNotMatch(render("\\$x\\$"), /katex/);
  });

  it("shows a broken inline formula as marked source and warns with the note's line", () => {
    const { html, diagnostics } = renderNote("Fine $x$ here.\nBroken $\\frac{a$ there.", "Notes/Math.md", 5);
    assert.match(html, /<code class="math math-error" title="Formula error: [^"]+">\$\\frac\{a\$<\/code> there/);
    assert.equal(diagnostics.length, 1);
    const [warning] = diagnostics;
    assert.equal(warning?.severity, "warning");
    assert.equal(warning?.file, "Notes/Math.md");
    assert.equal(warning?.line, 6);
    assert.match(warning?.message ?? "", /^formula cannot be rendered: .*expected '\}'/i);
    assert.match(warning?.fix ?? "", /\\\$/);
  });

  it("shows a broken block formula as marked source and warns with its first line", () => {
    const { html, diagnostics } = renderNote("Intro\n\n%%\nA comment\n%%\n\n$$\n\\notacommand{x}\n$$\n\nAfter $y$.", "Math.md", 3);
    assert.match(html, /<pre class="math math-error" title="Formula error: Undefined control sequence: \\notacommand"><code>\$\$\n\\notacommand\{x\}\n\$\$<\/code><\/pre>/);
    assert.match(html, /After <span class="katex">/);
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line]), [["Math.md", 9]]);
  });

  it("escapes the source of a broken formula", () => {
    const { html } = renderNote("$\\frac{<script>alert(1)</script>$");
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
  });

  it("reports nothing, and never throws, without a diagnostics list", () => {
    assert.match(render("$\\frac{a$"), /math-error/);
  });

  it("keeps macros a note defines for its later formulas, and only there", () => {
    const html = render("$\\gdef\\trellisSet{\\mathbb{R}}$ and $x \\in \\trellisSet$\n\n$$\n\\def\\half{\\frac12}\n$$\n\n$\\half$");
    assert.doesNotMatch(html, /math-error/);
    assert.match(render("$x \\in \\trellisSet$"), /math-error/);
  });

  it("does not let a formula link out or load anything", () => {
    const html = render("$\\href{javascript:alert(1)}{x}$ $\\includegraphics{https://example.org/a.png}$");
    assert.doesNotMatch(html, /<a |href=|<img|src=/);
  });
});
