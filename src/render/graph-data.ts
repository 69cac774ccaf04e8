/** The graph of listed notes and the links between them, emitted once as /graph.json. */
import type { Garden } from "../garden/garden.ts";
import { hiddenInGraph } from "../read/page-settings.ts";

export interface GraphData {
  nodes: Array<{ id: number; url: string; title: string; tags: string[] }>;
  /** [source id, target id] pairs. */
  links: Array<[number, number]>;
}

export function graphData(garden: Garden): GraphData {
  // `dg-hide-in-graph`: the note is left out of the graph, and listed everywhere else.
  const shown = garden.listed.filter((note) => !hiddenInGraph(note.data));
  const ids = new Map(shown.map((note, index) => [note, index]));
  const links: Array<[number, number]> = [];
  for (const note of shown) {
    const source = ids.get(note);
    if (source === undefined) continue;
    for (const target of garden.outgoing.get(note) ?? []) {
      const id = ids.get(target);
      if (id !== undefined && id !== source) links.push([source, id]);
    }
  }
  return {
    nodes: shown.map((note, index) => ({ id: index, url: note.url, title: note.title, tags: note.tags })),
    links,
  };
}
