/**
 * The site's own scripts and styles, minified with esbuild as they are written: readers get
 * the small files, while the sources stay readable and commented.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { transform } from "esbuild";

export interface ClientAssetFolder {
  /** Folder of sources (`src/client`, `public/css`). */
  source: string;
  /** Where they go in the site (`js`, `css`). */
  output: string;
  loader: "js" | "css";
}

export async function writeClientAssets(folders: readonly ClientAssetFolder[], outputDir: string): Promise<void> {
  await Promise.all(
    folders.map(async (folder) => {
      const files = (await readdir(folder.source)).filter((file) => file.endsWith(`.${folder.loader}`));
      await mkdir(path.join(outputDir, folder.output), { recursive: true });
      await Promise.all(
        files.map(async (file) => {
          const code = await readFile(path.join(folder.source, file), "utf8");
          // Scripts keep their module or classic form: esbuild only shortens them.
          const result = await transform(code, { loader: folder.loader, minify: true, target: folder.loader === "js" ? "es2022" : "chrome100", legalComments: "none" });
          await writeFile(path.join(outputDir, folder.output, file), result.code);
        }),
      );
    }),
  );
}
