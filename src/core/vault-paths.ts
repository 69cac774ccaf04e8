/**
 * The rules about names that several stages share, written once: which files are notes, which
 * folders of a vault are never read, and when two addresses are the same one.
 */

/** A note is a Markdown file; every other file of the vault is an attachment. */
export const NOTE_EXTENSION = /\.(md|markdown)$/i;

export function isNoteFile(file: string): boolean {
  return NOTE_EXTENSION.test(file);
}

/** A note's path or name without its `.md`/`.markdown`, as Obsidian names it in links. */
export function withoutNoteExtension(file: string): string {
  return file.replace(NOTE_EXTENSION, "");
}

/** Files and folders that hold settings, trash, dependencies or a built site, never notes: dot names, `node_modules`, `_site`. */
export function isSkippedName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules" || name === "_site";
}

/** A vault path inside a skipped folder, or naming a skipped file. */
export function isSkippedPath(vaultPath: string): boolean {
  return vaultPath.split(/[\\/]/).some(isSkippedName);
}

/**
 * Hosts and file systems that ignore case (and macOS, which also folds Unicode forms) serve two
 * addresses that differ only so as one file: this key is what they compare.
 */
export function addressKey(address: string): string {
  return address.normalize("NFC").toLowerCase();
}
