/** Checks that every internal link and asset reference of a built site points at a file that exists. */
import path from "node:path";

/** `href` and `src` values of a page (HTML attribute values, entities decoded for `&amp;`). */
export function references(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => (m[1] ?? "").replace(/&amp;/g, "&"));
}

/** Internal URLs of `file` that match no file of the site, as "page → url" lines. */
export function brokenLinks(site: Map<string, string>, prefix = "/"): string[] {
  const broken: string[] = [];
  for (const [file, text] of site) {
    if (!file.endsWith(".html")) continue;
    for (const url of references(text)) {
      if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url) || url === "") continue;
      const pathname = decodeURIComponent(url.split("#")[0]?.split("?")[0] ?? "");
      const absolute = pathname.startsWith("/") ? pathname : path.posix.join("/", path.posix.dirname(file), pathname);
      if (!absolute.startsWith(prefix)) {
        broken.push(`${file} → ${url} (outside ${prefix})`);
        continue;
      }
      const relative = absolute.slice(prefix.length);
      const candidates = relative === "" || relative.endsWith("/") ? [`${relative}index.html`] : [relative, `${relative}/index.html`];
      if (!candidates.some((candidate) => site.has(candidate))) broken.push(`${file} → ${url}`);
    }
  }
  return broken;
}
