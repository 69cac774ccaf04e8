/**
 * Property values drawn as Obsidian shows them, the one drawing of them on the site (the note's
 * properties list; Bases' cells and cards). A link resolves through the Garden like a wikilink:
 * a published note is a link with its label or title, a published file a link to it, and a
 * note that is private or missing is its label as plain text, or nothing when it has none: its
 * path and name never leave the vault. URLs are links, lists are lists, dates are in the site's language,
 * yes and no are checkboxes, numbers are as written, tags are links to their pages.
 */
import path from "node:path";
import { escapeXml } from "../core/escape.ts";
import type { SiteOptions } from "../core/options.ts";
import { encodePath } from "../core/urls.ts";
import type { Garden } from "../garden/garden.ts";
import { resolveTarget } from "../garden/links.ts";
import { tagKey } from "../garden/tags.ts";
import type { Property, PropertyValue } from "../read/fields.ts";
import type { Note } from "../read/note.ts";

export interface PropertyContext {
  garden: Garden;
  /** The note the value belongs to: links resolve from its folder. */
  from: Note;
  site: SiteOptions;
}

/** A property as the page shows it: its name and its value's HTML. */
export interface PropertyView {
  key: string;
  html: string;
}

/** The properties with something to show (a value that is only private links shows nothing). */
export function propertyViews(properties: readonly Property[], context: PropertyContext): PropertyView[] {
  return properties.map((property) => ({ key: property.key, html: propertyHtml(property.value, context, property.key) })).filter((view) => view.html !== "");
}

/** A value's HTML, empty when there is nothing a reader may see; `name` labels a checkbox, which has no text of its own. */
export function propertyHtml(value: PropertyValue, context: PropertyContext, name = ""): string {
  switch (value.kind) {
    case "text":
      return escapeXml(value.text);
    case "number":
      return `<span class="property__number">${escapeXml(value.text)}</span>`;
    case "boolean":
      return `<input type="checkbox" class="property__checkbox" disabled${value.value ? " checked" : ""} aria-label="${escapeXml(name || String(value.value))}">`;
    case "date":
      return dateHtml(value.iso, value.time, context.site);
    case "url":
      return `<a class="external" href="${escapeXml(value.url)}" rel="noopener">${escapeXml(value.url)}</a>`;
    case "link":
      return linkHtml(value.linkpath, value.label, context);
    case "tags":
      return value.tags.map((tag) => tagHtml(tag, context.garden)).join(" ");
    case "list": {
      const items = value.items.map((item) => propertyHtml(item, context, name)).filter((html) => html !== "");
      return items.length === 0 ? "" : `<ul class="property__list">${items.map((html) => `<li>${html}</li>`).join("")}</ul>`;
    }
  }
}

function dateHtml(iso: string, time: boolean, site: SiteOptions): string {
  const date = new Date(iso);
  let text: string;
  try {
    // A date alone is the day it names wherever the reader is: read in UTC, as YAML wrote it.
    text = new Intl.DateTimeFormat(site.language, time ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium", timeZone: "UTC" }).format(date);
  } catch {
    text = time ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
  }
  return `<time datetime="${escapeXml(time ? iso : iso.slice(0, 10))}">${escapeXml(text)}</time>`;
}

function linkHtml(linkpath: string, label: string | undefined, { garden, from }: PropertyContext): string {
  const { target } = resolveTarget(garden.resolver, garden, linkpath, from.path);
  if (target.kind === "note") {
    const icon = target.note.icon ? ` data-note-icon="${escapeXml(target.note.icon)}"` : "";
    return `<a class="internal-link" href="${escapeXml(encodePath(target.note.url))}"${icon}>${escapeXml(label ?? target.note.title)}</a>`;
  }
  if (target.kind === "attachment") {
    const url = garden.attachments.get(target.path);
    if (url) return `<a href="${escapeXml(encodePath(url))}">${escapeXml(label ?? path.posix.basename(target.path))}</a>`;
  }
  if (target.kind === "page") return `<a href="${escapeXml(encodePath(target.url))}">${escapeXml(label ?? linkpath)}</a>`;
  // Private or missing: what the reader may know of it is the label the author wrote for readers.
  return label === undefined ? "" : `<span class="property__unpublished">${escapeXml(label)}</span>`;
}

function tagHtml(name: string, garden: Garden): string {
  const tag = garden.tags.byKey.get(tagKey(name));
  return tag ? `<a class="tag" href="${escapeXml(encodePath(tag.url))}">#${escapeXml(name)}</a>` : `<span class="tag">#${escapeXml(name)}</span>`;
}
