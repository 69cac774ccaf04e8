/**
 * The quotation marks markdown-it's typographer sets for straight quotes, by the site's
 * language: primary opening and closing, then secondary (quotes within quotes). French puts a
 * no-break space inside its guillemets.
 */
const QUOTES: Record<string, string | string[]> = {
  en: "“”‘’",
  de: "„“‚‘",
  fr: ["«\u00a0", "\u00a0»", "‹\u00a0", "\u00a0›"],
  es: "«»“”",
  it: "«»“”",
  pt: "«»“”",
  "pt-BR": "“”‘’",
  ru: "«»„“",
  uk: "«»„“",
  pl: "„”«»",
  cs: "„“‚‘",
  sk: "„“‚‘",
  nl: "“”‘’",
  sv: "””’’",
  fi: "””’’",
  da: "»«›‹",
  nb: "«»‘’",
  no: "«»‘’",
  hu: "„”»«",
  tr: "“”‘’",
  el: "«»“”",
  ja: "「」『』",
  zh: "“”‘’",
  "zh-TW": "「」『』",
  ko: "“”‘’",
};

/** The marks for a BCP 47 tag: its own, its language's (de-CH → de), else English's. */
export function quotesFor(language: string): string | string[] {
  const [tag = "en"] = Intl.getCanonicalLocales(language);
  const base = tag.split("-")[0] ?? "en";
  if (tag === "de-CH" || tag === "de-LI") return "«»‹›";
  return QUOTES[tag] ?? QUOTES[`${base}-${tag.split("-")[1] ?? ""}`] ?? QUOTES[base] ?? "“”‘’";
}
