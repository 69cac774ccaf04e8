/**
 * Note bodies rendered on a second thread (body-worker.ts) while this one lays out, writes and
 * indexes pages: the Markdown of a page is most of its work, and a build would otherwise use one
 * core. The worker assembles the same Garden from the same parts; a body it cannot give (not
 * loaded yet, stopped, failed) is rendered on this thread as before, so its output is the same.
 */
import type { ImageMetadata } from "@11ty/eleventy-img";
import type { Worker } from "node:worker_threads";
import type { Diagnostic } from "../core/diagnostics.ts";
import { moduleWorker } from "../core/module-worker.ts";
import type { SiteOptions } from "../core/options.ts";
import type { GardenParts } from "../garden/garden.ts";
import type { MarkdownOptions } from "../read/markdown/parser.ts";

export interface BodyWorkerData {
  parts: GardenParts;
  markdown: MarkdownOptions;
}

export type BodyRequest = { kind: "artefacts"; images: ReadonlyMap<string, ImageMetadata>; site: SiteOptions } | { kind: "body"; id: number; path: string };

/** A body, or only the request's id when the worker could not render it. */
export type BodyAnswer = { id: number; html?: string; diagnostics?: Diagnostic[] };

export interface RenderedBody {
  html: string;
  diagnostics: Diagnostic[];
}

export class BodyWorker {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, (body: RenderedBody | undefined) => void>();
  #ready = false;
  #alive = true;
  #next = 0;
  /** Settles once the worker has loaded (true) or could not (false). */
  readonly loaded: Promise<boolean>;
  #loaded: (ready: boolean) => void = () => undefined;

  /** Starts the worker; undefined when the garden's parts cannot be sent to another thread. */
  static start(data: BodyWorkerData): BodyWorker | undefined {
    try {
      return new BodyWorker(moduleWorker(import.meta.url, "./body-worker", data));
    } catch {
      return undefined;
    }
  }

  private constructor(worker: Worker) {
    this.#worker = worker;
    this.loaded = new Promise((resolve) => (this.#loaded = resolve));
    worker.unref(); // never what keeps the process running
    worker.on("message", (answer: "ready" | BodyAnswer) => {
      if (answer === "ready") {
        this.#ready = true;
        this.#loaded(true);
        return;
      }
      const resolve = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      resolve?.(answer.html === undefined ? undefined : { html: answer.html, diagnostics: answer.diagnostics ?? [] });
    });
    const stopped = () => {
      this.#alive = false;
      this.#loaded(false);
      for (const resolve of this.#waiting.values()) resolve(undefined);
      this.#waiting.clear();
    };
    worker.once("error", stopped);
    worker.once("exit", stopped);
  }

  /** Whether bodies sent now are rendered there (it has loaded, and has not stopped). */
  get ready(): boolean {
    return this.#ready && this.#alive;
  }

  /** What the bodies show of the build's artefacts: sent once, before the first body. */
  artefacts(images: ReadonlyMap<string, ImageMetadata>, site: SiteOptions): boolean {
    try {
      this.#worker.postMessage({ kind: "artefacts", images, site } satisfies BodyRequest);
      return true;
    } catch {
      void this.stop();
      return false;
    }
  }

  /** The note's body as renderArticleBody makes it; undefined when this thread must render it. */
  render(path: string): Promise<RenderedBody | undefined> {
    if (!this.ready) return Promise.resolve(undefined);
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#worker.postMessage({ kind: "body", id, path } satisfies BodyRequest);
    });
  }

  async stop(): Promise<void> {
    this.#alive = false;
    await this.#worker.terminate();
  }
}
