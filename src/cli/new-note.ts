/** `trellis new "Title"`: starts a note that the next build publishes, without overwriting anything. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { scanVault } from "../garden/garden-index.ts";
import { slugify } from "../read/permalink.ts";
import { createMarkdown } from "../render/markdown/create.ts";
import { shownPath } from "./report.ts";
import { requireFolder, UsageError } from "./paths.ts";

export interface NewNoteOptions {
  title: string;
  contentDir: string;
  folder?: string;
}

/** Characters Obsidian does not allow in note names (they break links or file systems). */
const UNSAFE_IN_NAME = /[\\/:*?"<>|#^[\]\p{Cc}]/gu;

export function noteFileName(title: string): string {
  const name = title.replace(UNSAFE_IN_NAME, "-").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  if (name === "") throw new UsageError(`"${title}" leaves no usable file name`);
  return `${name}.md`;
}

export function noteSource(title: string, permalink: string, today: Date): string {
  // JSON strings are valid YAML, so any title is written safely.
  return `---\ndg-publish: true\ntitle: ${JSON.stringify(title)}\ndg-permalink: ${JSON.stringify(permalink)}\ncreated: ${today.toISOString().slice(0, 10)}\ntags: []\n---\n\n`;
}

export async function newNote(options: NewNoteOptions): Promise<number> {
  const title = options.title.trim();
  if (title === "") throw new UsageError("the note needs a title: trellis new \"My note\"");
  await requireFolder(options.contentDir, "notes folder");
  const folder = path.resolve(options.contentDir, options.folder ?? "");
  const relative = path.relative(options.contentDir, folder);
  if (relative.startsWith("..") || path.isAbsolute(relative)) throw new UsageError(`--folder ${options.folder} is outside the notes folder`);

  // A free address: the slug of the title, numbered if another published note has it.
  const garden = await scanVault({ contentDir: options.contentDir, md: createMarkdown() });
  const base = `/${slugify(title)}/`;
  let permalink = base;
  for (let n = 2; garden.byUrl.has(permalink); n++) permalink = `${base.slice(0, -1)}-${n}/`;

  const file = path.join(folder, noteFileName(title));
  await mkdir(folder, { recursive: true });
  try {
    await writeFile(file, noteSource(title, permalink, new Date()), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      console.error(`trellis: ${shownPath(file)} already exists; it was left as it was. Choose another title.`);
      return 1;
    }
    throw error;
  }
  console.log(`Created ${shownPath(file)}; the next build publishes it at ${permalink}`);
  return 0;
}
