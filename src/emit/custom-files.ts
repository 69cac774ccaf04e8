/**
 * The author's own files that change how the site looks (`site.custom` in the settings): a
 * style sheet and a script loaded after Trellis's, a logo, a favicon, and HTML fragments for
 * the layout's slots. Files an Obsidian Publish vault keeps at its root are taken when the
 * settings name none: `publish.css` is the custom style sheet, `favicon-*.png` the favicon and
 * `logo.*` the logo.
 *
 * Slot fragments are the author's own HTML, trusted like the settings themselves: they are
 * placed as written, not sanitised. Only the head slot is checked, because what it holds
 * applies to every page before the body: it may hold `<meta>`, `<link>` and `<style>`, and no
 * script (the Content-Security-Policy would block an inline one anyway; a script is
 * `custom.js`), no `<base>` and no `<meta http-equiv>`, which could change the page's policy,
 * address base or reload it.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import sanitizeHtml from "sanitize-html";
import sharp from "sharp";
import { OptionsError, SLOTS, type CustomFiles, type SiteLook, type Slot } from "../core/options.ts";

/** What the layouts show of the author's files, with their addresses in the site. */
export interface CustomAssets {
  look: SiteLook;
  /** Files to copy into the site: absolute source, path in the site. */
  files: Array<{ source: string; output: string }>;
}

const ICON_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".gif": "image/gif", ".webp": "image/webp" };
const LOGO_TYPES = [".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif"];

/** The head slot's elements and the attributes each may have. */
const HEAD_ALLOWED: Record<string, string[]> = {
  meta: ["name", "property", "content", "media", "itemprop"],
  link: ["rel", "href", "type", "sizes", "media", "hreflang", "title", "crossorigin", "as"],
  style: ["media"],
};

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() === true;
}

/** What in a head slot fragment is not allowed there, each named. */
export function headSlotProblems(html: string): string[] {
  const problems: string[] = [];
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    onOpenTag(name, attributes) {
      const allowed = HEAD_ALLOWED[name];
      if (!allowed) problems.push(`<${name}> is not allowed in the head slot (only <meta>, <link> and <style>${name === "script" ? "; load a script with site.custom.js" : ""})`);
      else for (const attribute of Object.keys(attributes)) if (!allowed.includes(attribute)) problems.push(`<${name} ${attribute}> is not allowed in the head slot`);
    },
  });
  return problems;
}

/** Obsidian Publish's files at the vault's root, when it has them. */
async function publishFiles(vault: string): Promise<{ css?: string; favicon?: string; logo?: string }> {
  const names = (await readdir(vault).catch(() => [] as string[])).sort();
  const found: { css?: string; favicon?: string; logo?: string } = {};
  if (names.includes("publish.css")) found.css = path.join(vault, "publish.css");
  // favicon-32x32.png, favicon-192x192.png…: the largest serves every size.
  const icons = names.filter((name) => /^favicon-\d+x\d+\.png$/i.test(name)).sort((a, b) => Number.parseInt(b.slice(8), 10) - Number.parseInt(a.slice(8), 10));
  if (icons[0]) found.favicon = path.join(vault, icons[0]);
  const logo = names.find((name) => /^logo\.[a-z]+$/i.test(name) && LOGO_TYPES.includes(path.extname(name).toLowerCase()));
  if (logo) found.logo = path.join(vault, logo);
  return found;
}

/**
 * Finds and checks the author's files: every problem at once, each naming the setting, the
 * file and the fix. `root` is the project's folder the paths are relative to; `vault` the notes folder.
 */
export async function customAssets(custom: CustomFiles, { root, vault, source, stylesheet }: { root: string; vault: string; source: string; stylesheet: string }): Promise<CustomAssets> {
  const problems: string[] = [];
  const files: CustomAssets["files"] = [];
  const publish = await publishFiles(vault);
  const given = async (key: "css" | "js" | "logo" | "favicon", types: readonly string[]): Promise<string | undefined> => {
    const value = custom[key];
    if (value === undefined) return publish[key as keyof typeof publish];
    const file = path.resolve(root, value);
    if (!(await isFile(file))) problems.push(`\`site.custom.${key}\` ${JSON.stringify(value)}: no such file (${file}); paths are relative to ${root}`);
    else if (!types.includes(path.extname(file).toLowerCase())) problems.push(`\`site.custom.${key}\` ${JSON.stringify(value)} must be a ${types.join(", ")} file`);
    else return file;
    return undefined;
  };
  const look: SiteLook = { stylesheet, favicon: { url: "/favicon.svg", type: "image/svg+xml" }, slots: {} };
  const css = await given("css", [".css"]);
  if (css) {
    files.push({ source: css, output: "css/custom.css" });
    look.css = "/css/custom.css";
  }
  const js = await given("js", [".js", ".mjs"]);
  if (js) {
    files.push({ source: js, output: "js/custom.js" });
    look.js = "/js/custom.js";
  }
  const favicon = await given("favicon", Object.keys(ICON_TYPES));
  if (favicon) {
    const extension = path.extname(favicon).toLowerCase();
    files.push({ source: favicon, output: `site-icon${extension}` });
    look.favicon = { url: `/site-icon${extension}`, type: ICON_TYPES[extension] ?? "image/png" };
  }
  const logo = await given("logo", LOGO_TYPES);
  if (logo) {
    const extension = path.extname(logo).toLowerCase();
    files.push({ source: logo, output: `site-logo${extension}` });
    look.logo = { url: `/site-logo${extension}` };
    // Its size reserves its room before it loads; a file sharp cannot read is still shown.
    const metadata = await sharp(logo).metadata().catch(() => undefined);
    if (metadata?.width && metadata.height) Object.assign(look.logo, { width: metadata.width, height: metadata.height });
  }
  for (const slot of SLOTS) {
    const value = custom.slots?.[slot];
    if (value === undefined) continue;
    const file = path.resolve(root, value);
    const html = await readFile(file, "utf8").catch(() => undefined);
    if (html === undefined) {
      problems.push(`\`site.custom.slots.${slot}\` ${JSON.stringify(value)}: no such file (${file}); paths are relative to ${root}`);
      continue;
    }
    if (slot === "head") for (const problem of headSlotProblems(html)) problems.push(`\`site.custom.slots.head\` ${value}: ${problem}`);
    look.slots[slot] = html;
  }
  if (problems.length > 0) throw new OptionsError(`the Trellis options in ${source} have ${problems.length === 1 ? "a problem" : "problems"}:\n  ${problems.join("\n  ")}`);
  return { look, files };
}
