// @ts-check
/**
 * The interface text the site's scripts write, in the site's language (`<html data-strings>`,
 * written by the build): English when a text is missing. `{name}` placeholders are filled from `values`.
 * @param {string} key
 * @param {string} english
 * @param {Record<string, string | number>} [values]
 */
export function text(key, english, values = {}) {
  /** @type {Record<string, unknown>} */
  let strings = {};
  try {
    strings = JSON.parse(document.documentElement.dataset.strings ?? "{}");
  } catch {
    // A page without the texts shows English.
  }
  const given = strings[key];
  const template = typeof given === "string" ? given : english;
  return template.replace(/\{(\w+)\}/g, (/** @type {string} */ whole, /** @type {string} */ name) => (name in values ? String(values[name]) : whole));
}
