/**
 * The long property run: random vaults built with the real command and checked (finishes or
 * fails with a reported error, valid HTML, working links, nothing private).
 *   node --import tsx scripts/property-vaults.ts [--runs 100] [--seed N]
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { tempDir } from "../test/helpers/cli.ts";
import { buildAndJudge, randomVault } from "../test/helpers/random-vault.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "100" }, seed: { type: "string" } } });
const runs = Number(values.runs);
const started = performance.now();
let done = 0;
const result = await fc.check(
  fc.asyncProperty(randomVault, async (notes) => {
    const problems = await buildAndJudge(notes, await tempDir("property"));
    done++;
    process.stderr.write(`\r${done}/${runs} vaults`);
    return problems.length === 0 || (console.error(`\n${problems.join("\n")}`), false);
  }),
  { numRuns: runs, ...(values.seed ? { seed: Number(values.seed) } : {}) },
);
console.log(`\n${result.failed ? "FAILED" : "passed"}: ${result.numRuns} random vaults in ${((performance.now() - started) / 1000).toFixed(0)} s (seed ${result.seed})`);
if (result.failed) console.log(fc.defaultReportMessage(result));
process.exit(result.failed ? 1 : 0);
