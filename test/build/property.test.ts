/**
 * A short property run on random vaults, the same vaults every run (PROPERTY_SEED picks others);
 * `npm run property` explores new ones.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import { tempDir } from "../helpers/cli.ts";
import { buildAndJudge, randomVault } from "../helpers/random-vault.ts";

it("random vaults build or fail with a reported error, with valid pages, working links and nothing private", async () => {
  await fc.assert(
    fc.asyncProperty(randomVault, async (notes) => {
      const problems = await buildAndJudge(notes, await tempDir("property"));
      assert.deepEqual(problems, []);
    }),
    { numRuns: Number(process.env["PROPERTY_RUNS"] ?? 4), seed: Number(process.env["PROPERTY_SEED"] ?? 1) },
  );
});
