/**
 * The linking and media elements of HTML the note sanitiser wrote, with their attributes: the
 * scan reads the links and files a note's raw HTML names (garden/references.ts), and the hero
 * reads an opening `<img>` (hero.ts).
 */

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" };

/** The linking and media elements of sanitised HTML (the sanitiser writes every attribute as name="value"), with their attributes decoded. */
export function htmlElements(html: string): Array<{ tagName: string; attribs: Record<string, string> }> {
  const decode = (value: string) => value.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => (name.startsWith("#") ? String.fromCodePoint(parseInt(name.slice(1).replace(/^x/i, ""), /^#x/i.test(name) ? 16 : 10)) : (ENTITIES[name.toLowerCase()] ?? whole)));
  return [...html.matchAll(/<(a|img|source|audio|video|track)\b([^>]*)>/gi)].map((match) => ({
    tagName: (match[1] ?? "").toLowerCase(),
    attribs: Object.fromEntries([...(match[2] ?? "").matchAll(/([^\s"'=<>/]+)="([^"]*)"/g)].map((attr) => [(attr[1] ?? "").toLowerCase(), decode(attr[2] ?? "")])),
  }));
}
