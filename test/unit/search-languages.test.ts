/** The language each note is indexed in, and the bundles a garden's search index is made of. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../src/core/diagnostics.ts";
import type { Garden } from "../../src/garden/garden.ts";
import { searchLanguage, searchLanguages } from "../../src/garden/search-languages.ts";
import type { Note } from "../../src/read/note.ts";
import { noteLanguage } from "../../src/read/page-settings.ts";
import { mostlyCjk } from "../../src/read/scan.ts";

const note = (fields: Partial<Note>) => fields as Note;
const garden = (listed: Array<Partial<Note>>) => ({ listed: listed.map(note) }) as unknown as Garden;

describe("mostlyCjk", () => {
  it("reads a note written in Chinese or Japanese as such", () => {
    assert.equal(mostlyCjk("绿茶和红茶的区别在于发酵。乌龙茶是半发酵的茶。"), "zh");
    assert.equal(mostlyCjk("古池や蛙飛び込む水の音。松尾芭蕉の俳句です。"), "ja");
  });

  it("leaves an English note with a few Chinese words English", () => {
    assert.equal(mostlyCjk("In Chinese the word 花园 means a flower garden; the bed by the wall is full of lavender."), undefined);
    assert.equal(mostlyCjk("No Chinese at all."), undefined);
  });
});

describe("noteLanguage", () => {
  const where = { file: "Note.md", line: () => 3 };
  it("takes a language tag, canonical", () => {
    const diagnostics: Diagnostic[] = [];
    assert.equal(noteLanguage({ lang: "zh-hans" }, where, diagnostics), "zh-Hans");
    assert.equal(noteLanguage({ lang: "de" }, where, diagnostics), "de");
    assert.equal(noteLanguage({}, where, diagnostics), undefined);
    assert.deepEqual(diagnostics, []);
  });

  it("drops what is not a language tag, with a warning on its line", () => {
    const diagnostics: Diagnostic[] = [];
    assert.equal(noteLanguage({ lang: "pt_BR" }, where, diagnostics), undefined);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.line, 3);
    assert.match(diagnostics[0]?.message ?? "", /"pt_BR" is not a language tag/);
  });
});

describe("searchLanguages", () => {
  it("indexes a note in the language it names, then the one it is mostly written in, then the site's", () => {
    assert.equal(searchLanguage(note({ lang: "de-CH", cjk: "zh" }), "en"), "de");
    assert.equal(searchLanguage(note({ cjk: "ja" }), "en-GB"), "ja");
    assert.equal(searchLanguage(note({}), "en-GB"), "en");
  });

  it("makes the site's language the main bundle and merges the others", () => {
    assert.deepEqual(searchLanguages(garden([{}, { cjk: "zh" }, { lang: "de" }, { cjk: "ja" }, {}]), "en"), { main: "en", merged: ["de", "ja", "zh"] });
    assert.deepEqual(searchLanguages(garden([{}, {}]), "fr"), { main: "fr", merged: [] });
  });

  it("makes the most used language the main bundle when no note is in the site's", () => {
    assert.deepEqual(searchLanguages(garden([{ cjk: "zh" }, { cjk: "zh" }, { lang: "de" }]), "en"), { main: "zh", merged: ["de"] });
    assert.deepEqual(searchLanguages(garden([]), "en"), { main: "en", merged: [] });
  });
});
