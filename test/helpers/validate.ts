/** html-validate over every page of a built site, with its recommended rules. */
import { HtmlValidate } from "html-validate";

// HTML allows any id without spaces; Obsidian block ids (`^id`) keep their caret so that
// links written for Obsidian (`#^id`) keep working. KaTeX positions formulas with inline
// styles (authors' own `style` attributes are removed by the sanitiser). The sanitiser writes
// void elements of the author's HTML as `<br />`, which HTML allows.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "valid-id": ["error", { relaxed: true }], "no-inline-style": "off", "void-style": "off" },
});

export async function validationErrors(site: Map<string, string>): Promise<string[]> {
  const messages: string[] = [];
  for (const [file, html] of site) {
    if (!file.endsWith(".html")) continue;
    const report = await validator.validateString(html, file);
    for (const result of report.results) for (const m of result.messages) messages.push(`${file}:${m.line} ${m.ruleId}: ${m.message}`);
  }
  return messages;
}
