/**
 * The pages Eleventy itself renders for Trellis, as virtual templates: the ones that show the
 * site rather than its notes (the 404 page). Every page made from the garden (the graph page too)
 * is an output of src/emit/outputs.ts, rendered by the PageRenderer.
 */
import type { UserConfig } from "@11ty/eleventy";
import { NOT_FOUND_PAGE } from "../garden/site-pages.ts";
import type { SiteData } from "./site-data.ts";

export type TrellisData = SiteData;

interface PageData {
  trellis: TrellisData;
}

const NOT_IN_COLLECTIONS = { eleventyExcludeFromCollections: true };

/** The site's own pages: the layout that prints each, and its address (false when the site has none). */
export const HOST_PAGES: ReadonlyArray<{ name: string; layout: string; url: (data: TrellisData) => string | false }> = [
  { name: "404", layout: "layouts/404.njk", url: () => NOT_FOUND_PAGE },
];

export function registerPages(eleventyConfig: UserConfig): void {
  for (const page of HOST_PAGES) {
    eleventyConfig.addTemplate(`trellis/${page.name}.11ty.js`, { render: () => "" }, { ...NOT_IN_COLLECTIONS, permalink: (data: PageData) => page.url(data.trellis), layout: page.layout });
  }
}
