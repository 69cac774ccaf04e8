/**
 * Trellis's interface text in the languages it ships: one JSON file per language in
 * translations/, named by its language tag, one key per string (strings.ts looks them up).
 * English is the reference: every key is there, and a key a table lacks falls back to it;
 * test/unit/strings.test.ts checks that every table has every key and every plural form its
 * language uses. `{name}` is a placeholder filled in when the page is written. Keys ending in
 * `.one`, `.few`, `.other`… are the plural forms of one text, as Intl.PluralRules names them for
 * the language. A build reads English and the site's language, no other.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Beside this module, in the sources and in the compiled package alike (`npm run compile` copies them). */
const FOLDER = path.join(import.meta.dirname, "translations");

type English = typeof import("./translations/en.json");

/** A language's table: the keys of ENGLISH, the plural forms its language uses. */
export type Translation = Partial<Record<string, string>>;

function readTable(tag: string): Translation {
  return JSON.parse(readFileSync(path.join(FOLDER, `${tag}.json`), "utf8")) as Translation;
}

export const ENGLISH = readTable("en") as English & Translation;

export type StringKey = { [K in keyof English]: K extends `${string}.${string}` ? never : K }[keyof English];

/** A tag is a file name only when it is a plain language tag (`pt`, `pt-br`): nothing else is read. */
const TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

const loaded = new Map<string, Translation | undefined>([["en", ENGLISH]]);

/** The table of a language tag (lower case), read once; undefined when Trellis has none. */
export function translation(tag: string): Translation | undefined {
  if (!loaded.has(tag)) loaded.set(tag, TAG.test(tag) && existsSync(path.join(FOLDER, `${tag}.json`)) ? readTable(tag) : undefined);
  return loaded.get(tag);
}

/** The language tags Trellis has a table for. */
export function languages(): string[] {
  return readdirSync(FOLDER)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .sort();
}
