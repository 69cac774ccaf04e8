/**
 * The site settings the Digital Garden plugin writes into its repository's `.env` (the template
 * reads them in src/site/_data/meta.js): the site's name, language, address and default note
 * icon become the site's settings wherever the author's own settings and flags say nothing.
 * A value Trellis cannot use is left out and said why; the rest of the file (timestamps, theme,
 * style settings) is the template's look and not carried over.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { ICON_NAME, languageProblem, normalizeSiteUrl, OptionsError } from "./options.ts";

export interface GardenEnv {
  /** The `.env` file, absolute. */
  file: string;
  site: { title?: string; language?: string; url?: string; noteIcon?: string };
  /** The values left out, each with its key and why. */
  ignored: string[];
}

const PLACES = ["NOTE_ICON_TITLE", "NOTE_ICON_FILETREE", "NOTE_ICON_INTERNAL_LINKS", "NOTE_ICON_BACK_LINKS"];

/** The repository's `.env`, read; undefined when it has none. */
export function readGardenEnv(repository: string): GardenEnv | undefined {
  const file = path.join(repository, ".env");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const values = parseEnv(text);
  const value = (key: string) => values[key]?.trim() || undefined;
  const env: GardenEnv = { file, site: {}, ignored: [] };

  const title = value("SITE_NAME_HEADER");
  if (title) env.site.title = title;
  const language = value("SITE_MAIN_LANGUAGE");
  if (language) {
    const problem = languageProblem(language);
    if (problem) env.ignored.push(`SITE_MAIN_LANGUAGE: ${problem}`);
    else env.site.language = language;
  }
  const url = value("SITE_BASE_URL");
  if (url) {
    // The template takes a bare host name as an https address.
    try {
      env.site.url = normalizeSiteUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      env.ignored.push(`SITE_BASE_URL: ${error.message}`);
    }
  }
  // The template shows the default icon only in the places its settings name.
  const icon = value("NOTE_ICON_DEFAULT");
  if (icon && PLACES.some((place) => value(place) === "true")) {
    if (ICON_NAME.test(icon)) env.site.noteIcon = icon;
    else env.ignored.push(`NOTE_ICON_DEFAULT: ${JSON.stringify(icon)} is not an icon name`);
  }
  return env;
}

/** What the build's first line says of the file: "site settings from .env (title, language)". */
export function describeGardenEnv(env: GardenEnv, shown: (file: string) => string): string {
  const read = Object.keys(env.site);
  const used = read.length > 0 ? `site settings from ${shown(env.file)} (${read.join(", ")})` : `nothing used from ${shown(env.file)}`;
  return env.ignored.length > 0 ? `${used}; left out ${env.ignored.join("; ")}` : used;
}
