/**
 * A worker thread running one of Trellis's modules. Run from the sources, the worker runs
 * TypeScript through tsx, as this thread does: it registers tsx before it loads the module
 * (`--import` hooks do not reach a worker's entry). The compiled package loads the compiled
 * module as it is.
 */
import { Worker } from "node:worker_threads";

/** `module` is the worker's file beside `from` (an `import.meta.url`), named without its extension. */
export function moduleWorker(from: string, module: string, workerData: unknown): Worker {
  const fromSources = from.endsWith(".ts");
  const workerModule = new URL(`${module}${fromSources ? ".ts" : ".js"}`, from).href;
  const load = fromSources
    ? `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerModule)}); })`
    : `import(${JSON.stringify(workerModule)})`;
  return new Worker(load, { eval: true, workerData });
}
