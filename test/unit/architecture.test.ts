/**
 * The shape of the code, checked: folders are layers and imports point down, no module imports
 * itself through others, the browser scripts are imported by nothing on the server, and only
 * the command line reads the environment. The layers, lowest first (docs/architecture.md):
 * core → read → garden → render → emit → the adapters (eleventy, serve; cli above them).
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { cruise, type ICruiseResult, type IForbiddenRuleType } from "dependency-cruiser";
import { REPO } from "../helpers/cli.ts";

/** Each layer may import the layers before it, never one after it. */
const LAYERS = [["core"], ["read"], ["garden"], ["render"], ["emit"], ["eleventy", "serve"], ["cli"]];

const folders = (names: readonly string[]) => `^src/(${names.join("|")})/`;

const RULES: IForbiddenRuleType[] = [
  { name: "no-cycles", severity: "error", from: { path: "^src/" }, to: { circular: true } },
  ...LAYERS.slice(0, -1).map((layer, i): IForbiddenRuleType => ({
    name: `${layer.join("-")}-imports-down`,
    severity: "error",
    from: { path: folders(layer) },
    to: { path: folders(LAYERS.slice(i + 1).flat()) },
  })),
  // The two adapters of the same layer know nothing of each other.
  { name: "eleventy-not-serve", severity: "error", from: { path: "^src/eleventy/" }, to: { path: "^src/serve/" } },
  { name: "serve-not-eleventy", severity: "error", from: { path: "^src/serve/" }, to: { path: "^src/eleventy/" } },
  // The browser's scripts are shipped as files, and run in the browser alone.
  { name: "client-is-shipped", severity: "error", from: { pathNot: "^src/client/" }, to: { path: "^src/client/" } },
  { name: "client-stands-alone", severity: "error", from: { path: "^src/client/" }, to: { pathNot: "^src/client/" } },
];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(REPO, folder), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name)).map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

describe("the architecture", { timeout: 120_000 }, () => {
  it("has layers whose imports point down, no cycles and browser scripts apart", async () => {
    const cwd = process.cwd();
    process.chdir(REPO); // dependency-cruiser names modules relative to the folder it runs in
    let result: ICruiseResult;
    try {
      const reported = await cruise(["src"], {
        validate: true,
        ruleSet: { forbidden: RULES },
        doNotFollow: { path: "node_modules" },
        exclude: { path: "^src/types/" },
        // TypeScript 7's compiler has no JavaScript API for dependency-cruiser to parse with: swc parses instead.
        parser: "swc",
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
      });
      result = reported.output as ICruiseResult;
    } finally {
      process.chdir(cwd);
    }
    // The rules are seen to apply: the cruise found the layers' modules and the imports between them.
    assert.ok(result.summary.totalCruised > 100, `only ${result.summary.totalCruised} modules were read`);
    assert.ok(result.modules.some((module) => module.source === "src/emit/publisher.ts" && module.dependencies.some((dependency) => dependency.resolved === "src/garden/garden-index.ts")));
    const violations = result.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}${violation.cycle ? ` (${violation.cycle.map((step) => step.name).join(" → ")})` : ""}`);
    assert.deepEqual(violations, []);
  });

  it("reads the environment and the command line only in src/cli/", async () => {
    const readers: string[] = [];
    for (const file of await sourceFiles("src")) {
      if (file.startsWith("src/cli/")) continue;
      const text = await readFile(path.join(REPO, file), "utf8");
      text.split("\n").forEach((line, i) => {
        if (/\bprocess\s*\.\s*(env|argv)\b|\bprocess\s*\[\s*["'](env|argv)["']\s*\]/.test(line)) readers.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(readers, []);
    // The check finds what it looks for: the command line does read them.
    const cli = await Promise.all((await sourceFiles("src/cli")).map((file) => readFile(path.join(REPO, file), "utf8")));
    assert.ok(cli.some((text) => text.includes("process.env")) && cli.some((text) => text.includes("process.argv")));
  });
});
