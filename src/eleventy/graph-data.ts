/** The graph of listed notes and the links between them, emitted once as /graph.json. */
import type { Garden } from "../garden/garden.ts";

export interface GraphData {
  nodes: Array<{ id: number; url: string; title: string; tags: string[] }>;
  /** [source id, target id] pairs. */
  links: Array<[number, number]>;
}

export function graphData(garden: Garden): GraphData {
  const ids = new Map(garden.listed.map((note, index) => [note, index]));
  const links: Array<[number, number]> = [];
  for (const note of garden.listed) {
    const source = ids.get(note);
    if (source === undefined) continue;
    for (const target of garden.outgoing.get(note) ?? []) {
      const id = ids.get(target);
      if (id !== undefined && id !== source) links.push([source, id]);
    }
  }
  return {
    nodes: garden.listed.map((note, index) => ({ id: index, url: note.url, title: note.title, tags: note.tags })),
    links,
  };
}
