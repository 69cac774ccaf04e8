/**
 * What a garden holds once its vault is scanned: reads the vault as a build does (two threads,
 * no cache) and prints the heap in use after collecting garbage. With a second argument, also
 * writes a heap snapshot there, to open in Chrome's DevTools (Memory panel).
 *   node --expose-gc --import tsx scripts/bench/scan-memory.ts VAULT [SNAPSHOT]
 */
import v8 from "node:v8";
import { indexVault } from "../../src/garden/garden-index.ts";
import { createMarkdown } from "../../src/render/markdown/create.ts";

const [vault, snapshot] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!vault || !gc) {
  console.error("Usage: node --expose-gc --import tsx scripts/bench/scan-memory.ts VAULT [SNAPSHOT]");
  process.exit(2);
}
const { index } = await indexVault({ contentDir: vault, md: createMarkdown(), markdown: {}, threads: 2 });
for (let i = 0; i < 3; i++) gc();
console.log(`${index.garden.notes.length} notes published: ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB of heap in use`);
if (snapshot) console.log(`heap snapshot: ${v8.writeHeapSnapshot(snapshot)}`);
