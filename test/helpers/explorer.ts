/** The explorer's tree read back from a built site's files (one per folder, explorer-tree.ts), as one object. */

export interface Tree {
  name: string;
  url?: string;
  icon?: string;
  folders: Tree[];
  notes: Array<{ title: string; url: string; pinned?: boolean; icon?: string }>;
}

interface FolderFile {
  folders: Array<{ name: string; id: string; url?: string; icon?: string }>;
  notes: Tree["notes"];
}

/** `site` maps files of the site (relative paths) to their text. */
export function explorerTree(site: ReadonlyMap<string, string>): Tree {
  const read = (file: string): FolderFile => {
    const text = site.get(file);
    if (text === undefined) throw new Error(`the site has no ${file}`);
    return JSON.parse(text) as FolderFile;
  };
  const folder = (file: string, name: string, own: { url?: string; icon?: string }): Tree => {
    const data = read(file);
    return {
      name,
      ...(own.url ? { url: own.url } : {}),
      ...(own.icon ? { icon: own.icon } : {}),
      folders: data.folders.map((child) => folder(`explorer/${child.id}.json`, child.name, child)),
      notes: data.notes,
    };
  };
  return folder("explorer.json", "", {});
}
