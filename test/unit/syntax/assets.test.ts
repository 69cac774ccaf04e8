import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { vendorFile } from "../../../src/render/vendor-files.ts";
import { SYNTAX_ASSETS } from "../../../src/read/markdown/syntax/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** The files a SYNTAX_ASSETS source names: a file, a folder, or `folder/*.ext`. */
function filesOf(source: string): string[] {
  const absolute = vendorFile(source);
  const star = path.basename(absolute).match(/^\*(\..+)$/);
  if (star) {
    const folder = path.dirname(absolute);
    return readdirSync(folder).filter((name) => name.endsWith(star[1] ?? "")).map((name) => path.join(folder, name));
  }
  return statSync(absolute).isDirectory() ? readdirSync(absolute).map((name) => path.join(absolute, name)) : [absolute];
}

describe("syntax assets", () => {
  it("copy KaTeX's stylesheet with the fonts it asks for first, and mermaid's bundle, nothing else", () => {
    assert.deepEqual(Object.keys(SYNTAX_ASSETS).sort(), ["/css/katex/fonts", "/css/katex/katex.min.css", "/js/mermaid.min.js"]);
    const css = readFileSync(vendorFile(SYNTAX_ASSETS["/css/katex/katex.min.css"] ?? ""), "utf8");
    const fonts = filesOf(SYNTAX_ASSETS["/css/katex/fonts"] ?? "").map((file) => path.basename(file));
    const wanted = [...css.matchAll(/url\(fonts\/([^)]+\.woff2)\)/g)].map((match) => match[1]);
    assert.ok(wanted.length >= 20);
    for (const font of wanted) assert.ok(fonts.includes(font ?? ""), `${font} is not copied`);
    assert.ok(fonts.every((font) => font.endsWith(".woff2")));
    assert.ok(existsSync(vendorFile(SYNTAX_ASSETS["/js/mermaid.min.js"] ?? "")));
  });

  it("are found through Node's module resolution, and a missing one is an error that names it", () => {
    assert.equal(vendorFile("katex/dist/katex.min.css"), path.join(ROOT, "node_modules/katex/dist/katex.min.css"));
    assert.throws(() => vendorFile("trellis-no-such-package/dist/x.js"), /needs the package trellis-no-such-package \(for trellis-no-such-package\/dist\/x\.js\).*npm install/);
    assert.throws(() => vendorFile("katex/dist/no-such-file.css"), /needs dist\/no-such-file\.css from the package katex/);
  });

  it("are loaded by the article head only when the note needs them, from the site itself", () => {
    const template = readFileSync(path.join(ROOT, "_includes/partials/syntax-assets.njk"), "utf8");
    assert.match(template, /\{% if needs\.math %\}\s*<link rel="stylesheet" href="\/css\/katex\/katex\.min\.css">\s*\{% endif %\}/);
    assert.ok(existsSync(path.join(ROOT, "src/client/mermaid-init.js")));
    assert.doesNotMatch(template, /mermaid/, "diagrams' scripts are loaded by the page script when a diagram comes near");
    assert.doesNotMatch(template, /https?:\/\//);
  });
});
