/** Readers for the frontmatter fields Trellis understands, tolerant of how authors write them. */
import type { FrontmatterData } from "./publish.ts";

export function textField(data: FrontmatterData, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number") return String(value);
  }
  return undefined;
}

/** A list written as YAML list, or as one string separated by commas or spaces. */
export function listField(data: FrontmatterData, ...keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = data[key];
    const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[,\n]/) : [];
    for (const item of items) {
      if (typeof item === "string" || typeof item === "number") {
        const text = String(item).trim();
        if (text !== "") out.push(text);
      }
    }
  }
  return [...new Set(out)];
}

/** Tags without their leading `#`; a string of tags may separate them with spaces too. */
export function tagsField(data: FrontmatterData): string[] {
  const raw = data["tags"] ?? data["tag"];
  const items = typeof raw === "string" ? raw.split(/[\s,]+/) : listField({ tags: raw }, "tags");
  return [...new Set(items.map((tag) => tag.trim().replace(/^#/, "")).filter((tag) => tag !== ""))];
}

export type DateRead = { ok: true; date?: Date } | { ok: false; key: string; value: string };

/** The first of `keys` that holds a date; a written but unreadable date is reported. */
export function dateField(data: FrontmatterData, ...keys: string[]): DateRead {
  for (const key of keys) {
    const value = data[key];
    if (value === undefined || value === null || value === "") continue;
    const date = value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : undefined;
    if (date && !Number.isNaN(date.getTime())) return { ok: true, date };
    return { ok: false, key, value: String(value) };
  }
  return { ok: true };
}
