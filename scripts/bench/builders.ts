/**
 * The builds the benchmark compares, each a command over the same vault into an empty folder:
 * Trellis with every feature on, plain Eleventy 3 (scripts/bench/baseline/), Eleventy followed by
 * Pagefind's command line (the stack Trellis stands on), and, when Debian's `hugo` is installed,
 * Hugo with and without Pagefind (the fastest common stack).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Builder {
  name: string;
  command(vault: string, out: string): string[];
}

const PAGEFIND = "node_modules/.bin/pagefind";
const ELEVENTY = (vault: string, out: string) => [process.execPath, "node_modules/@11ty/eleventy/cmd.cjs", "--config=scripts/bench/baseline/eleventy.config.js", `--input=${vault}`, `--output=${out}`, "--quiet"];
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
/** One command after another in one measured process tree. */
const then = (...commands: string[][]) => ["sh", "-c", commands.map((command) => command.map(quote).join(" ")).join(" && ")];
const pagefind = (out: string) => [PAGEFIND, "--site", out, "--silent"];

export const TRELLIS: Builder = {
  name: "Trellis",
  // --url turns on what needs the site's address too (feeds, absolute canonical links); --fresh
  // reads and renders every note again (only images and social cards come from the cache).
  command: (vault, out) => [process.execPath, "src/cli/bin.js", "build", vault, "--out", out, "--quiet", "--fresh", "--url", "https://bench.example.org"],
};

/** A warm build: the previous build's caches and output in use. */
export const TRELLIS_WARM: Builder = {
  name: "Trellis warm",
  command: (vault, out) => [process.execPath, "src/cli/bin.js", "build", vault, "--out", out, "--url", "https://bench.example.org"],
};

export const ELEVENTY_ALONE: Builder = { name: "Eleventy", command: ELEVENTY };
export const ELEVENTY_PAGEFIND: Builder = { name: "Eleventy+Pagefind", command: (vault, out) => then(ELEVENTY(vault, out), pagefind(out)) };

/** A Hugo site reading the vault as its content, with the same one layout as Eleventy's. */
function hugoSite(bench: string, vault: string): string {
  const site = path.join(bench, "hugo", path.basename(vault));
  mkdirSync(path.join(site, "layouts", "_default"), { recursive: true });
  writeFileSync(
    path.join(site, "hugo.toml"),
    [
      `baseURL = "https://bench.example.org/"`,
      `contentDir = ${JSON.stringify(vault)}`,
      // Plain pages as Eleventy makes them: no taxonomies, feeds or sitemap.
      `disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]`,
      `[markup.goldmark.renderer]`,
      `unsafe = true`,
      "",
    ].join("\n"),
  );
  const layout = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
</head>
<body>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
`;
  writeFileSync(path.join(site, "layouts", "_default", "single.html"), layout);
  writeFileSync(path.join(site, "layouts", "_default", "list.html"), layout);
  return site;
}

export function hugoBuilders(bench: string): Builder[] {
  if (spawnSync("hugo", ["version"]).status !== 0) return [];
  const hugo = (vault: string, out: string) => ["hugo", "--source", hugoSite(bench, vault), "--destination", out, "--quiet"];
  return [
    { name: "Hugo", command: hugo },
    { name: "Hugo+Pagefind", command: (vault, out) => then(hugo(vault, out), pagefind(out)) },
  ];
}
