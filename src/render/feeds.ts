/**
 * Atom and JSON feeds of the most recent listed notes, with their full content and absolute
 * URLs (the RSS plugin's helpers do the dates and the URL rewriting). Feeds need the site's
 * address; without `url` none are written.
 */
import { convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { Note } from "../read/note.ts";
import { escapeXml } from "../core/escape.ts";
import type { PageRenderer } from "./page-renderer.ts";
import { absoluteUrl, encodePath } from "../core/urls.ts";

export const FEED_LIMIT = 20;

interface FeedEntry {
  note: Note;
  url: string;
  updated: Date;
  html: string;
  image?: string;
}

/** Listed notes with a date, newest first; the home note is the site itself, not an entry. */
export function feedNotes(garden: PageRenderer["garden"]): Note[] {
  return garden.listed.filter((note) => !note.home && (note.updated ?? note.created)).slice(0, FEED_LIMIT);
}

async function entries(renderer: PageRenderer): Promise<FeedEntry[]> {
  const { site, data } = renderer;
  const dated = feedNotes(renderer.garden);
  // The bodies' rendering problems are reported with the notes' own pages.
  const diagnostics: Diagnostic[] = [];
  return Promise.all(
    dated.map(async (note) => {
      const url = absoluteUrl(site, encodePath(note.url)) ?? note.url;
      const image = data.viewOf(note).hero;
      const hero = image ? `<figure><img src="${escapeXml(image.src)}" alt="${escapeXml(image.alt)}">${image.credit ? `<figcaption>${escapeXml(image.credit)}</figcaption>` : ""}</figure>\n` : "";
      const html = await convertHtmlToAbsoluteUrls(hero + await renderer.body(note, diagnostics), url);
      const entry: FeedEntry = { note, url, updated: (note.updated ?? note.created) as Date, html };
      if (image?.absoluteSrc) entry.image = image.absoluteSrc;
      return entry;
    }),
  );
}

export async function atomFeed(renderer: PageRenderer): Promise<string> {
  const site = renderer.site;
  const home = absoluteUrl(site, "/") ?? "/";
  const items = await entries(renderer);
  const newest = items[0]?.updated;
  const author = site.author ? `\n  <author><name>${escapeXml(site.author)}</name></author>` : "";
  const body = items.map((item) => {
    const published = item.note.created ? `\n    <published>${dateToRfc3339(item.note.created)}</published>` : "";
    const summary = item.note.description ? `\n    <summary>${escapeXml(item.note.description)}</summary>` : "";
    return `  <entry>
    <title>${escapeXml(item.note.title)}</title>
    <link href="${escapeXml(item.url)}"/>
    <id>${escapeXml(item.url)}</id>
    <updated>${dateToRfc3339(item.updated)}</updated>${published}${summary}
    <content type="html">${escapeXml(item.html)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">
  <title>${escapeXml(site.title)}</title>
  <subtitle>${escapeXml(site.description)}</subtitle>
  <link href="${escapeXml(absoluteUrl(site, "/feed.xml") ?? "/feed.xml")}" rel="self"/>
  <link href="${escapeXml(home)}"/>
  <id>${escapeXml(home)}</id>
  <updated>${dateToRfc3339(newest ?? new Date(0))}</updated>${author}
${body.join("\n")}
</feed>
`;
}

export async function jsonFeed(renderer: PageRenderer): Promise<string> {
  const site = renderer.site;
  const items = await entries(renderer);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.description,
    language: site.language,
    home_page_url: absoluteUrl(site, "/"),
    feed_url: absoluteUrl(site, "/feed.json"),
    ...(site.author ? { authors: [{ name: site.author }] } : {}),
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.note.title,
      content_html: item.html,
      ...(item.note.description ? { summary: item.note.description } : {}),
      ...(item.image ? { image: item.image } : {}),
      ...(item.note.created ? { date_published: dateToRfc3339(item.note.created) } : {}),
      date_modified: dateToRfc3339(item.updated),
      ...(item.note.tags.length ? { tags: item.note.tags } : {}),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
