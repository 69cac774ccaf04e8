/**
 * A second renderer of note bodies, on the machine's other core: while the main thread lays out,
 * writes and indexes pages, this one turns the next notes' Markdown into HTML exactly as the
 * main thread would (renderArticleBody), from the same Garden assembled from the same parts
 * (body-pool.ts starts it and sends it the notes to render).
 */
import type { ImageMetadata } from "@11ty/eleventy-img";
import { parentPort, workerData } from "node:worker_threads";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { SiteOptions } from "../core/options.ts";
import { assembleGarden } from "../garden/garden.ts";
import { renderArticleBody } from "./article/render.ts";
import type { BodyAnswer, BodyRequest, BodyWorkerData } from "./body-pool.ts";
import { createMarkdown } from "./markdown/create.ts";

const { parts, markdown } = workerData as BodyWorkerData;
const md = createMarkdown(markdown);
const garden = assembleGarden(parts);
const notes = new Map(garden.notes.map((note) => [note.path, note]));
let artefacts: { images: ReadonlyMap<string, ImageMetadata>; site: SiteOptions } | undefined;

function render(request: BodyRequest & { kind: "body" }): BodyAnswer {
  const note = notes.get(request.path);
  if (!note || !artefacts) return { id: request.id };
  const diagnostics: Diagnostic[] = [];
  try {
    return { id: request.id, html: renderArticleBody(md, note, garden, artefacts.images, diagnostics, artefacts.site), diagnostics };
  } catch {
    return { id: request.id }; // rendered on the main thread instead, which reports what went wrong
  }
}

parentPort?.on("message", (request: BodyRequest) => {
  if (request.kind === "artefacts") artefacts = { images: request.images, site: request.site };
  else parentPort?.postMessage(render(request));
});

// Loaded and assembled: bodies may be asked for now.
parentPort?.postMessage("ready");
