/**
 * The Content-Security-Policy every page carries: only the site's own scripts run (plus
 * WebAssembly for the search index, and the one inline script that sets the reader's colour
 * scheme, by its hash), and images load from the site or from the hosts the
 * page itself shows images from. Frames load from the site, and from the video players a page
 * offers (only once the reader plays a video). Styles may be inline: formulas and diagrams are
 * laid out with style attributes, and no style can run code.
 */
import { THEME_SCRIPT_SOURCE } from "./theme-script.ts";

export function contentSecurityPolicy(imageHosts: Iterable<string> = [], frameHosts: Iterable<string> = []): string {
  const hosts = [...new Set(imageHosts)].sort();
  const frames = [...new Set(frameHosts)].sort();
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${THEME_SCRIPT_SOURCE}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${hosts.map((host) => ` ${host}`).join("")}`,
    "media-src 'self'",
    `frame-src 'self'${frames.map((host) => ` ${host}`).join("")}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** `https://example.org/a.jpg` → `https://example.org`; nothing for what is not a web address. */
export function imageHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
