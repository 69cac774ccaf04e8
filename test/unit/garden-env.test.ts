/** A Digital Garden repository's .env: the site settings Trellis takes from it, and the values it leaves out. */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { describeGardenEnv, readGardenEnv } from "../../src/core/garden-env.ts";

async function repository(env?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trellis-garden-env-"));
  if (env !== undefined) await writeFile(path.join(dir, ".env"), env);
  return dir;
}

describe("a Digital Garden repository's .env", () => {
  it("gives the site's name, language, address and default icon", async () => {
    const dir = await repository('SITE_NAME_HEADER="Ada\'s Garden"\nSITE_MAIN_LANGUAGE=de\nSITE_BASE_URL=ada.example.org\nNOTE_ICON_DEFAULT=2\nNOTE_ICON_TITLE=false\nNOTE_ICON_FILETREE=true\n# a comment\nTHEME=https://example.org/theme.css\n');
    const env = readGardenEnv(dir);
    assert.deepEqual(env?.site, { title: "Ada's Garden", language: "de", url: "https://ada.example.org", noteIcon: "2" });
    assert.deepEqual(env?.ignored, []);
    assert.equal(describeGardenEnv(env!, (file) => path.basename(file)), "site settings from .env (title, language, url, noteIcon)");
  });

  it("leaves out blank values, and the icon when no place shows it", async () => {
    const env = readGardenEnv(await repository("SITE_NAME_HEADER=\nSITE_BASE_URL=\nNOTE_ICON_DEFAULT=1\nNOTE_ICON_TITLE=false\n"));
    assert.deepEqual(env?.site, {});
    assert.equal(describeGardenEnv(env!, (file) => path.basename(file)), "nothing used from .env");
  });

  it("says which values it cannot use, and why", async () => {
    const env = readGardenEnv(await repository("SITE_MAIN_LANGUAGE=not a language\nSITE_BASE_URL=ftp://files.example.org\nNOTE_ICON_DEFAULT=<script>\nNOTE_ICON_BACK_LINKS=true\nSITE_NAME_HEADER=Kept\n"));
    assert.deepEqual(env?.site, { title: "Kept" });
    const said = describeGardenEnv(env!, (file) => path.basename(file));
    assert.match(said, /^site settings from \.env \(title\); left out SITE_MAIN_LANGUAGE: "not a language" is not a language tag/);
    assert.match(said, /SITE_BASE_URL: site url "ftp:\/\/files\.example\.org" must start with https:\/\/ or http:\/\//);
    assert.match(said, /NOTE_ICON_DEFAULT: "<script>" is not an icon name$/);
  });

  it("is nothing when the repository has none", async () => {
    assert.equal(readGardenEnv(await repository()), undefined);
  });
});
