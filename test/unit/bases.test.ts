/** Obsidian Bases: the expression parser, the base file, and the evaluation over a garden. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateBase, type Value } from "../../src/garden/bases/evaluate.ts";
import { parseBase } from "../../src/read/bases/base-file.ts";
import { ExpressionSyntaxError, parseExpression, type Expression } from "../../src/read/bases/expression.ts";
import type { Note } from "../../src/read/note.ts";
import { gardenOf } from "../helpers/garden.ts";


/** A compact form of a parsed expression, to compare trees at a glance. */
function shape(expression: Expression): string {
  switch (expression.type) {
    case "literal":
      return JSON.stringify(expression.value);
    case "name":
      return expression.name;
    case "member":
      return `${shape(expression.object)}.${expression.name}`;
    case "index":
      return `${shape(expression.object)}[${shape(expression.index)}]`;
    case "call":
      return `${shape(expression.callee)}(${expression.args.map(shape).join(", ")})`;
    case "unary":
      return `(${expression.operator}${shape(expression.argument)})`;
    case "binary":
      return `(${shape(expression.left)} ${expression.operator} ${shape(expression.right)})`;
    case "list":
      return `[${expression.items.map(shape).join(", ")}]`;
  }
}

describe("the expression parser", () => {
  it("reads operators by precedence, calls, members and lists", () => {
    assert.equal(shape(parseExpression("a + b * c > 3 && !done || x == 'y'")), '((((a + (b * c)) > 3) && (!done)) || (x == "y"))');
    assert.equal(shape(parseExpression('file.hasTag("book", "novel")')), 'file.hasTag("book", "novel")');
    assert.equal(shape(parseExpression("(price / age).toFixed(2)")), "(price / age).toFixed(2)");
    assert.equal(shape(parseExpression('note["my prop"][0] - -1')), '(note["my prop"][0] - (-1))');
    assert.equal(shape(parseExpression("[1, 2.5, null, true].contains(2.5)")), "[1, 2.5, null, true].contains(2.5)");
    assert.equal(shape(parseExpression("now() - file.ctime < duration('1d')")), '((now() - file.ctime) < duration("1d"))');
  });

  it("says what is wrong and where", () => {
    for (const [source, offset] of [["price +", 7], ["'open", 0], ["a ? b", 2], ["f(1,", 4], ["a b", 2]] as const) {
      assert.throws(() => parseExpression(source), (error: unknown) => error instanceof ExpressionSyntaxError && error.offset === offset, source);
    }
  });
});

describe("a base file", () => {
  it("reads filters, formulas, names, summaries and views, the older `column` sort too", () => {
    const { base, problems } = parseBase(`filters:
  and:
    - file.hasTag("book")
    - not:
        - 'status == "done"'
formulas:
  ppu: "(price / pages).toFixed(2)"
properties:
  formula.ppu:
    displayName: Price per page
views:
  - type: table
    name: Main
    order: [file.name, formula.ppu]
    sort:
      - column: note.price
        direction: DESC
    limit: 5
    groupBy: { property: status, direction: ASC }
    summaries: { formula.ppu: Average }
`);
    assert.deepEqual(problems, []);
    assert.equal(base.filters?.kind, "and");
    assert.deepEqual([...base.formulas.keys()], ["ppu"]);
    assert.equal(base.displayNames.get("formula.ppu"), "Price per page");
    assert.deepEqual(base.views[0], {
      type: "table",
      name: "Main",
      order: ["file.name", "formula.ppu"],
      sort: [{ property: "note.price", descending: true }],
      limit: 5,
      groupBy: { property: "status", descending: false },
      summaries: { "formula.ppu": "Average" },
    });
  });

  it("reports an expression it cannot read on its line, and keeps the rest", () => {
    const { base, problems } = parseBase("formulas:\n  good: 'price * 2'\n  bad: 'price * (2'\nviews:\n  - type: list\n");
    assert.deepEqual([...base.formulas.keys()], ["good"]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, 3);
    assert.match(problems[0]?.message ?? "", /formula bad cannot be read: expected "\)"/);
  });
});

describe("evaluating a base", () => {
  const garden = gardenOf({
    "Books/Dune.md": '---\ndg-publish: true\ntags: [book]\nauthor: "[[Frank Herbert]]"\nrating: 5\nyear: 1965\nstarted: 2024-01-10\n---\n# Dune\n\nSee [[Emma]].',
    "Books/Emma.md": "---\ndg-publish: true\ntags: [book, classic]\nrating: 4\nyear: 1815\n---\n# Emma\n",
    "Books/Hidden.md": "---\ndg-publish: true\ndg-hide: true\ntags: [book]\nrating: 1\n---\n# Hidden\n",
    "Books/Secret.md": "---\ntags: [book]\nrating: 5\nauthor: \"[[Frank Herbert]]\"\n---\n# Secret\n",
    "Frank Herbert.md": "---\ndg-publish: true\n---\n# Frank Herbert\n",
    "Notes/Other.md": "---\ndg-publish: true\nrating: 2\n---\n# Other\n\nLinks to [[Dune]].",
  });
  const author = garden.notes.find((note) => note.title === "Frank Herbert");
  const now = new Date("2025-01-01T00:00:00Z");
  const run = (text: string, self?: Note) => {
    const { base, problems } = parseBase(text);
    assert.deepEqual(problems, []);
    return evaluateBase(base, garden, self, base.views, now);
  };
  const titles = (rows: Array<{ note: Note }>) => rows.map((row) => row.note.title);
  const cell = (text: string, property: string, title = "Dune"): Value => run(text).results[0]?.rows.find((row) => row.note.title === title)?.cells.get(property) ?? null;

  it("selects by tag, folder, link and property, over published, listed notes only", () => {
    assert.deepEqual(titles(run("filters: file.hasTag('book')\nviews: [{ type: list }]").results[0]?.rows ?? []), ["Dune", "Emma"]);
    assert.deepEqual(titles(run("filters: file.inFolder('Notes')\nviews: [{ type: list }]").results[0]?.rows ?? []), ["Other"]);
    assert.deepEqual(titles(run("filters: file.hasLink('Emma')\nviews: [{ type: list }]").results[0]?.rows ?? []), ["Dune"]);
    assert.deepEqual(titles(run("filters: 'rating >= 4 && !file.hasTag(\"classic\")'\nviews: [{ type: list }]").results[0]?.rows ?? []), ["Dune"]);
    assert.deepEqual(titles(run("filters:\n  not: [file.hasTag('book'), file.inFolder('Notes')]\nviews: [{ type: list }]").results[0]?.rows ?? []), ["Frank Herbert"]);
  });

  it("reads `this` as the note the base is shown in", () => {
    const { results } = run("filters: author == this\nviews: [{ type: list }]", author);
    assert.deepEqual(titles(results[0]?.rows ?? []), ["Dune"]);
  });

  it("counts only published notes in file.backlinks and file.links", () => {
    assert.deepEqual(cell("views: [{ type: table, order: [file.backlinks] }]", "file.backlinks"), [{ kind: "file", note: garden.notes.find((note) => note.title === "Other") }]);
    assert.equal(cell("formulas:\n  n: file.links.length\nviews: [{ type: table, order: [formula.n] }]", "formula.n"), 1);
  });

  it("computes formulas with the functions and methods of each type", () => {
    const formula = (expression: string) => cell(`formulas:\n  f: ${JSON.stringify(expression)}\nviews: [{ type: table, order: [formula.f] }]`, "formula.f");
    assert.equal(formula("if(year < 1900, 'old', 'new')"), "new");
    assert.equal(formula("(rating * 2.5).round(1)"), 12.5);
    assert.equal(formula("file.name.lower().replace('.md', '')"), "dune");
    assert.equal(formula("[1, 2, 2, 3].unique().filter(value > 1).map(value * 10).join('-')"), "20-30");
    assert.equal(formula("date('2024-03-05').format('YYYY/MM/DD')"), "2024/03/05");
    assert.equal(formula("(now() - started).days"), 357);
    assert.equal(formula("(started + '1w').format('YYYY-MM-DD')"), "2024-01-17");
    assert.equal(formula("max(rating, 7, 3)"), 7);
    assert.equal(formula("file.tags.containsAny('#classic', '#book')"), true);
    assert.equal(formula("author.asFile().name"), "Frank Herbert.md");
    assert.equal(formula("number('4.5') + list(rating).length"), 5.5);
  });

  it("sorts, limits, groups and summarises", () => {
    const { results } = run(`filters: file.hasTag('book')
views:
  - type: table
    order: [file.name, rating]
    sort: [{ property: rating, direction: ASC }]
    summaries: { rating: Sum }
  - type: table
    order: [file.name]
    sort: [{ property: year, direction: DESC }]
    limit: 1
  - type: table
    order: [file.name]
    groupBy: { property: 'file.hasTag("classic")', direction: ASC }
`);
    assert.deepEqual(titles(results[0]?.rows ?? []), ["Emma", "Dune"]);
    assert.equal(results[0]?.summaries.get("rating"), 9);
    assert.deepEqual(titles(results[1]?.rows ?? []), ["Dune"]);
  });

  it("summarises numbers written as text, as toFixed() gives them, with the base's own summaries too", () => {
    const { results } = run(`filters: file.hasTag('book')
formulas:
  fixed: 'rating.toFixed(1)'
summaries:
  spread: 'values.max() - values.min()'
views:
  - type: table
    order: [file.name, formula.fixed, rating]
    summaries: { formula.fixed: Average, rating: spread }
`);
    assert.equal(results[0]?.summaries.get("formula.fixed"), 4.5);
    assert.equal(results[0]?.summaries.get("rating"), 1);
  });

  it("reports a function it does not know once, naming it, and the view shows what it can", () => {
    const { results, problems } = run("formulas:\n  f: 'frobnicate(rating)'\nviews: [{ type: table, order: [file.name, formula.f] }]");
    assert.equal(results[0]?.rows.length, 4, "every listed note (the hidden one is not listed)");
    assert.deepEqual(problems, ["formula.f: frobnicate(): Trellis does not know this function"]);
  });
});
