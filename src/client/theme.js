// @ts-check
/**
 * The header's colour-scheme button: the system's scheme unless the reader chose light or dark,
 * remembered in localStorage. The choice is set on `<html data-theme>` before the first paint
 * by the inline script in each page's head (src/site/theme-script.ts, which reads the same key);
 * this script, deferred, shows the button and changes the choice. The style sheet keeps the dark
 * rules for `[data-theme="dark"]` and for the system's dark scheme unless `[data-theme="light"]`
 * (src/eleventy/stylesheet.ts).
 */
(() => {
  const KEY = "trellis-theme";
  /** @type {Array<"system" | "light" | "dark">} */
  const CHOICES = ["system", "light", "dark"];
  const root = document.documentElement;

  /** @returns {"system" | "light" | "dark"} */
  function stored() {
    try {
      const value = localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : "system";
    } catch {
      // Storage can be off (private modes, blocked cookies): the system decides.
      return "system";
    }
  }

  /** @param {"system" | "light" | "dark"} choice */
  function apply(choice) {
    if (choice === "system") delete root.dataset["theme"];
    else root.dataset["theme"] = choice;
  }

  // The page's inline script has applied the stored choice already; deferred, this runs before DOMContentLoaded.
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector("[data-theme-toggle]");
    if (!(button instanceof HTMLButtonElement)) return;
    const label = button.querySelector("[data-theme-label]");
    // The words in the site's language (`<html data-strings>`, only those that differ from English).
    /** @type {Record<string, string>} */
    let strings = {};
    try {
      strings = JSON.parse(root.dataset["strings"] ?? "{}");
    } catch {
      // English, then.
    }
    const words = { system: strings["themeAuto"] ?? "Auto", light: strings["themeLight"] ?? "Light", dark: strings["themeDark"] ?? "Dark" };
    const show = () => {
      // The visible word is the button's name too (with the scheme's label for screen readers).
      if (label) label.textContent = words[stored()];
    };
    show();
    button.hidden = false;
    button.addEventListener("click", () => {
      const next = CHOICES[(CHOICES.indexOf(stored()) + 1) % CHOICES.length] ?? "system";
      try {
        if (next === "system") localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
      } catch {
        // Not remembered, but still applied to this page.
      }
      apply(next);
      show();
      // Diagrams and the graph redraw in the scheme's colours.
      document.dispatchEvent(new CustomEvent("trellis:schemechange"));
    });
  });
})();
