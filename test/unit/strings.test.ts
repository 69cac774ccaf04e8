/** The interface text: every translation complete, the lookup's fallbacks, plural forms, direction, and site overrides. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLIENT_KEYS, siteStrings, stringsProblems, textDirection, translationFor } from "../../src/core/strings.ts";
import { ENGLISH, languages, translation } from "../../src/core/translations.ts";

const TRANSLATIONS = Object.fromEntries(languages().map((tag) => [tag, translation(tag) ?? {}]));

/** The 20 most spoken languages and the others Trellis ships. */
const REQUIRED = ["en", "zh", "hi", "es", "fr", "ar", "bn", "pt", "ru", "ur", "id", "de", "ja", "pa", "mr", "te", "tr", "ta", "vi", "ko", "it", "nl", "pl", "uk", "fa", "he"];

const PLAIN_KEYS = Object.keys(ENGLISH).filter((key) => !key.includes("."));
const PLURAL_KEYS = [...new Set(Object.keys(ENGLISH).filter((key) => key.includes(".")).map((key) => key.split(".")[0] ?? ""))];

/** The plural categories a language uses for whole numbers (what a count of notes can be). */
function integerCategories(language: string): string[] {
  const rules = new Intl.PluralRules(language);
  const found = new Set<string>(["other"]);
  for (let n = 0; n <= 1000; n++) found.add(rules.select(n));
  return [...found].sort();
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("translations", () => {
  it("exist for the languages Trellis promises", () => {
    assert.deepEqual(REQUIRED.filter((language) => !TRANSLATIONS[language]), []);
  });

  for (const [language, table] of Object.entries(TRANSLATIONS)) {
    it(`${language} has every key, every plural form it uses and nothing else`, () => {
      assert.deepEqual(PLAIN_KEYS.filter((key) => !table[key]?.trim()), [], "missing keys");
      for (const key of PLURAL_KEYS) {
        const forms = integerCategories(language).filter((form) => !table[`${key}.${form}`]);
        assert.deepEqual(forms, [], `missing plural forms of ${key}`);
      }
      const known = new Set([...PLAIN_KEYS, ...PLURAL_KEYS.flatMap((key) => ["zero", "one", "two", "few", "many", "other"].map((form) => `${key}.${form}`))]);
      assert.deepEqual(Object.keys(table).filter((key) => !known.has(key)), [], "keys English does not have");
    });

    it(`${language} keeps the placeholders of the English text`, () => {
      for (const key of PLAIN_KEYS) assert.deepEqual(placeholders(table[key] ?? ""), placeholders((ENGLISH as Record<string, string>)[key] ?? ""), `${language}.${key}: ${table[key]}`);
    });
  }
});

describe("siteStrings", () => {
  it("uses the most specific table, then English", () => {
    assert.equal(siteStrings("de").t("search"), "Suchen");
    assert.equal(siteStrings("de-CH").t("search"), "Suchen");
    assert.equal(siteStrings("pt-BR").t("linkedFrom"), "Com links de");
    assert.equal(siteStrings("zh-Hant-TW").t("tags"), "标签");
    assert.equal(siteStrings("sw").t("search"), "Search", "a language without a table is English");
    assert.equal(translationFor("EN-gb"), ENGLISH);
  });

  it("fills placeholders and picks the plural form of the language, numbers in its digits", () => {
    assert.equal(siteStrings("en").t("pageOf", { page: 2, pages: 5 }), "page 2 of 5");
    assert.equal(siteStrings("en").t("noteCount", { count: 1 }), "1 note");
    assert.equal(siteStrings("en").t("noteCount", { count: 1200 }), "1,200 notes");
    const ru = siteStrings("ru");
    assert.deepEqual([1, 3, 5, 21].map((count) => ru.t("noteCount", { count })), ["1 заметка", "3 заметки", "5 заметок", "21 заметка"]);
    assert.equal(siteStrings("ar-EG").t("noteCount", { count: 5 }), "٥ ملاحظات");
    assert.equal(siteStrings("fa").t("noteCount", { count: 12 }), "۱۲ یادداشت");
    assert.equal(siteStrings("ja").t("noteCount", { count: 3 }), "3 件のノート");
  });

  it("lets the site override single texts, plural forms included", () => {
    const strings = siteStrings("fr", { search: "Chercher", "noteCount.one": "une seule note" });
    assert.equal(strings.t("search"), "Chercher");
    assert.equal(strings.t("tags"), "Étiquettes");
    assert.equal(strings.t("noteCount", { count: 1 }), "une seule note");
    assert.equal(strings.t("noteCount", { count: 2 }), "2 notes");
    assert.deepEqual(siteStrings("en", { linkCopied: "Copied." }).client, { linkCopied: "Copied." });
  });

  it("hands the browser scripts the texts that are not the English they hold", () => {
    assert.deepEqual(siteStrings("en").client, {});
    const client = siteStrings("ru").client;
    assert.deepEqual(Object.keys(client).sort(), [...CLIENT_KEYS].sort());
    assert.equal(client["themeDark"], "Тёмная");
    // Spanish says "Auto" as English does: the page does not repeat what the script knows.
    assert.equal(siteStrings("es").client["graphLoading"], "Cargando el grafo…");
    assert.equal(siteStrings("es").client["themeAuto"], undefined);
  });
});

describe("text direction", () => {
  it("is right to left for Arabic, Hebrew, Persian, Urdu and scripts written that way", () => {
    assert.deepEqual(["ar", "he", "fa", "ur", "ar-EG", "iw", "az-Arab", "ps"].map(textDirection), Array(8).fill("rtl"));
    assert.deepEqual(["en", "de", "zh", "ja", "hi", "ku-Latn", "tr"].map(textDirection), Array(7).fill("ltr"));
    assert.equal(siteStrings("he").dir, "rtl");
  });
});

describe("site.strings", () => {
  it("accepts texts for known keys and names every problem", () => {
    assert.deepEqual(stringsProblems({ search: "Find", "noteCount.few": "{count} notes" }), []);
    assert.deepEqual(stringsProblems(undefined), []);
    const problems = stringsProblems({ serch: "Find", tags: 3 });
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? "", /unknown key `site\.strings\.serch`; the keys are: .*search/);
    assert.match(problems[1] ?? "", /`site\.strings\.tags` must be a string, not a number/);
    assert.match(stringsProblems("Find")[0] ?? "", /must be an object/);
  });
});
