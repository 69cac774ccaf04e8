/**
 * Random vaults for property tests: notes written from a small grammar of Obsidian Markdown
 * and frontmatter, messy and hostile on purpose. Private notes carry unique markers that must
 * never appear in a built site.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { readSite, runTrellis } from "./cli.ts";
import { brokenLinks } from "./links.ts";
import { validationErrors } from "./validate.ts";

const NAMES = ["Alpha", "Beta note", "gamma", "Δέλτα", "日本語ノート", "Folder/Inner", "Folder/Deep/Leaf", "emoji 🌱"];

export interface RandomNote {
  name: string;
  publish: boolean | string | undefined;
  hide: boolean;
  permalink: string | undefined;
  tags: string[];
  body: string[];
}

export const PRIVATE_MARKER = "PRIVMARK";

const name = fc.nat(NAMES.length - 1).map((i) => NAMES[i] ?? "Alpha");
const words = fc.array(fc.constantFrom("garden", "note", "idea", "链接", "über", "{{ title }}", "{% raw %}", "%", "==", "**", "$5", "<", "&amp;", "#", "\\|", "^"), { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));

const fragment: fc.Arbitrary<string> = fc.oneof(
  words,
  name.map((n) => `[[${n}]]`),
  fc.tuple(name, words).map(([n, w]) => `[[${n}|${w.replace(/[[\]|]/g, "")}]]`),
  name.map((n) => `[[${n}#Section]]`),
  name.map((n) => `[[${n}#^blk]]`),
  name.map((n) => `![[${n}]]`),
  name.map((n) => `[md link](${encodeURI(n)}.md)`),
  fc.constant("[[Missing note]]"),
  fc.constant("[[#Section]]"),
  fc.constant("![[missing.png]]"),
  fc.constant("## Section"),
  fc.constant("A paragraph with a block id. ^blk"),
  fc.constant("> [!note] A callout\n> with text"),
  fc.constant("> [!warning]- Folded\n> > [!tip] nested\n> > inside"),
  fc.constant("```js\nconst x = '<script>';\n```"),
  fc.constant("$$\n\\frac{1}{2}\n$$"),
  fc.constant("Inline $x^2$ and broken $\\frac{$ math"),
  fc.constant("%%a comment that stays private%%"),
  fc.constant("#tag/sub and #other"),
  fc.constant("<script>alert(1)</script>"),
  // Raw HTML is the author's own: Trellis sanitises it but does not resolve its addresses.
  fc.constant('<img src="https://example.org/x.png" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'),
  fc.constant("<details><summary>More</summary>Hidden text</details>"),
  fc.constant("- [ ] task\n- [x] done"),
  fc.constant("Claim.[^1]\n\n[^1]: A footnote."),
  fc.constant("| a | b |\n| - | - |\n| [[Alpha\\|in table]] | 2 |"),
  fc.constant("```mermaid\ngraph LR\n  A --> B\n```"),
  fc.constant("{.class #id onclick=alert(1)}"),
);

export const randomNote: fc.Arbitrary<RandomNote> = fc.record({
  name,
  publish: fc.constantFrom(true, "true", "yes", false, "false", undefined),
  hide: fc.boolean(),
  permalink: fc.constantFrom(undefined, undefined, undefined, "/p/", "spaced link", '"quoted"', "../escape", "/关于/"),
  tags: fc.array(fc.constantFrom("a", "b/c", "日本"), { maxLength: 2 }),
  body: fc.array(fragment, { minLength: 1, maxLength: 10 }),
});

export const randomVault = fc.uniqueArray(randomNote, { minLength: 1, maxLength: 7, selector: (note) => note.name });

function isPublic(note: RandomNote): boolean {
  return note.publish === true || note.publish === "true" || note.publish === "yes";
}

export async function writeRandomVault(dir: string, notes: RandomNote[]): Promise<void> {
  for (const [index, note] of notes.entries()) {
    const marker = isPublic(note) ? "" : `${PRIVATE_MARKER}${index}X`;
    const frontmatter = [
      "---",
      ...(note.publish === undefined ? [] : [`dg-publish: ${JSON.stringify(note.publish)}`]),
      ...(note.hide ? ["dg-hide: true"] : []),
      ...(note.permalink === undefined ? [] : [`dg-permalink: ${JSON.stringify(note.permalink)}`]),
      ...(note.tags.length ? [`tags: ${JSON.stringify(note.tags)}`] : []),
      ...(marker ? [`title: "Private ${marker}"`] : []),
      "---",
    ].join("\n");
    const body = [...note.body, ...(marker ? [`The private words ${marker} never leave the vault.`] : [])].join("\n\n");
    const file = path.join(dir, `${note.name}.md`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${frontmatter}\n${body}\n`);
  }
}

/** Builds a random vault and returns what is wrong with the result (nothing, ideally). */
export async function buildAndJudge(notes: RandomNote[], dir: string): Promise<string[]> {
  const vault = path.join(dir, "vault");
  const out = path.join(dir, "site");
  await writeRandomVault(vault, notes);
  // With a site address, as deployed: feeds and social cards are written, and judged too.
  const result = await runTrellis(["build", vault, "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  const problems: string[] = [];
  if (/\n\s+at .+:\d+:\d+/.test(result.stderr) || /TypeError|RangeError|ReferenceError/.test(result.stderr)) {
    problems.push(`the build crashed:\n${result.stderr.slice(0, 2000)}`);
  }
  if (result.code === 1) {
    if (!/^error: /m.test(result.stderr)) problems.push(`the build failed without a reported error:\n${result.stderr.slice(0, 2000)}`);
    return problems;
  }
  if (result.code !== 0) return [...problems, `exit code ${result.code}:\n${result.stderr.slice(0, 2000)}`];
  const site = await readSite(out);
  problems.push(...(await validationErrors(site)));
  problems.push(...brokenLinks(site).map((link) => `broken link: ${link}`));
  for (const [file, text] of site) {
    if (file.includes(PRIVATE_MARKER)) problems.push(`${file} is named after a private note`);
    if (text.includes(PRIVATE_MARKER)) problems.push(`${file} contains a private marker`);
  }
  return problems;
}
