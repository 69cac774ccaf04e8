/**
 * Bare domains become links (`example.com`), but a file name is not a domain: `README.md` would
 * link to Moldova's `http://README.md`. The domains linkify-it recognises without `http://` are
 * its own list less the extensions of files a vault holds; `https://…` addresses always link.
 */
import type MarkdownIt from "markdown-it";

/** Notes, canvases, bases and the attachments Obsidian shows. */
export const VAULT_FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  "md", "markdown", "canvas", "base", "pdf",
  "png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif",
  "mp3", "wav", "m4a", "ogg", "oga", "flac", "aac", "opus", "3gp",
  "mp4", "webm", "ogv", "mov", "mkv",
]);

/** linkify-it's default generic domains; it does not export the list. */
const GENERIC_DOMAINS = ["biz", "com", "edu", "gov", "net", "org", "pro", "web", "xxx", "aero", "asia", "coop", "info", "museum", "name", "shop", "рф"];

export function linkifyDomains(md: MarkdownIt): void {
  // The two-letter country domains are a pattern inside linkify-it: ask it which it knows
  // before the list is replaced.
  const letters = [..."abcdefghijklmnopqrstuvwxyz"];
  const countries = letters.flatMap((a) => letters.map((b) => a + b)).filter((tld) => md.linkify.test(`example.${tld}`));
  md.linkify.tlds([...GENERIC_DOMAINS, ...countries].filter((tld) => !VAULT_FILE_EXTENSIONS.has(tld)));
}
