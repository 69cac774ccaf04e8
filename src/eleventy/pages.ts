/**
 * The pages Eleventy itself renders for Trellis, as virtual templates: the ones that show the
 * site rather than its notes (the 404 page). Every page made from the garden (the graph page too)
 * is an output of src/emit/outputs.ts, rendered by the PageRenderer.
 */
import type { UserConfig } from "@11ty/eleventy";
import { NOT_FOUND_PAGE } from "../garden/site-pages.ts";
import type { SiteData } from "./site-data.ts";

export type TrellisData = SiteData;

const NOT_IN_COLLECTIONS = { eleventyExcludeFromCollections: true };

export function registerPages(eleventyConfig: UserConfig): void {
  eleventyConfig.addTemplate("trellis/404.11ty.js", { render: () => "" }, { ...NOT_IN_COLLECTIONS, permalink: NOT_FOUND_PAGE, layout: "layouts/404.njk" });
}
