import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publishDecision } from "../../src/read/publish.ts";
import { DEFAULT_FEATURES, OptionsError, resolveOptions, validateOptions, type TrellisUserOptions } from "../../src/core/options.ts";

function problems(user: unknown): string {
  try {
    resolveOptions(user as TrellisUserOptions);
  } catch (error) {
    assert.ok(error instanceof OptionsError);
    return error.message;
  }
  assert.fail("the options were accepted");
}

describe("resolveOptions", () => {
  it("fills in defaults, with every feature on", () => {
    const options = resolveOptions({ site: { title: "My garden" } });
    assert.equal(options.site.title, "My garden");
    assert.equal(options.site.pathPrefix, "/");
    assert.deepEqual(options.site.features, DEFAULT_FEATURES);
    assert.equal(options.publish, "flag");
  });

  it("lets the command line override the settings", () => {
    const options = resolveOptions(
      { contentDir: "notes", site: { url: "https://a.example" } },
      { contentDir: "/vault", url: "https://user.github.io/repo/", strict: true },
    );
    assert.equal(options.contentDir, "/vault");
    assert.equal(options.site.url, "https://user.github.io/repo");
    assert.equal(options.site.pathPrefix, "/repo/");
    assert.equal(options.strict, true);
  });

  it("takes an explicit path prefix over the url's path", () => {
    const options = resolveOptions({ site: { url: "https://example.org/docs", pathPrefix: "garden" } });
    assert.equal(options.site.pathPrefix, "/garden/");
    assert.equal(options.site.url, "https://example.org/garden");
  });

  it("puts a mounted garden's addresses below the mount, after the deploy sub-path", () => {
    const options = resolveOptions({ mount: "garden", site: { url: "https://example.org/repo/" } });
    assert.equal(options.mount, "/garden/");
    assert.equal(options.site.pathPrefix, "/repo/garden/");
    assert.equal(options.site.url, "https://example.org/repo/garden");
    assert.equal(resolveOptions({}).mount, "/");
    assert.match(problems({ mount: "/../garden/" }), /not a plain URL path/);
  });

  it("lists every unknown or wrong-typed setting at once", () => {
    const message = problems({ sitee: {}, strict: "yes", site: { title: 3, features: { search: "no", maps: true }, theme: { accent: 5 } } });
    assert.match(message, /unknown setting `sitee`/);
    assert.match(message, /`strict` must be true or false, not a string/);
    assert.match(message, /`site.title` must be a string, not a number/);
    assert.match(message, /`site.features.search` must be true or false/);
    assert.match(message, /unknown setting `site.features.maps`/);
    assert.match(message, /`site.theme.accent` must be a string/);
  });

  it("accepts only plain colours, which go into the page's CSS", () => {
    assert.equal(resolveOptions({ site: { theme: { accent: "#336699", accentDark: "rgb(10 20 30)" } } }).site.theme.accent, "#336699");
    assert.match(problems({ site: { theme: { accent: "red;} body{display:none" } } }), /is not a colour/);
    assert.match(problems({ site: { theme: { accentDark: "url(https://x.example/a.png)" } } }), /is not a colour/);
  });

  it("takes the site's own interface texts, naming unknown keys and texts that are not strings", () => {
    assert.deepEqual(resolveOptions({ site: { strings: { search: "Find" } } }).site.strings, { search: "Find" });
    const message = problems({ site: { strings: { serch: "Find", tags: 3 } as unknown as Record<string, string> } });
    assert.match(message, /unknown key `site\.strings\.serch`; the keys are: .*search/);
    assert.match(message, /`site\.strings\.tags` must be a string, not a number/);
    assert.match(problems({ site: { strings: ["Find"] as unknown as Record<string, string> } }), /`site\.strings` must be an object/);
  });

  it("rejects bad addresses and publish modes", () => {
    assert.match(problems({ site: { url: "example.org" } }), /not an absolute address/);
    assert.match(problems({ site: { url: "ftp://example.org" } }), /https:\/\//);
    assert.match(problems({ site: { pathPrefix: "/../x/" } }), /not a plain URL path/);
    assert.match(problems({ publish: "everything" }), /`publish` must be "flag" or "all"/);
    assert.match(problems("content"), /must be an object/);
  });

  it("lists the problems of values with those of types, naming where the options are written", () => {
    let message = "";
    try {
      validateOptions({ strict: "yes", site: { language: "en_US", url: "example.org", pathPrefix: "a b" } }, "trellis.config.json");
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /^the Trellis options in trellis\.config\.json have problems:/);
    assert.match(message, /`strict` must be true or false/);
    assert.match(message, /`site\.language` "en_US" is not a language tag/);
    assert.match(message, /not an absolute address/);
    assert.match(message, /not a plain URL path/);
    assert.match(problems({ strict: 1 }), /options in \.eleventy\.ts have a problem/);
    assert.equal(resolveOptions({}, {}, "trellis.config.json").source, "trellis.config.json");
  });

  it("takes the site's title and language from --title and --language", () => {
    const options = resolveOptions({ site: { title: "Written", language: "en" } }, { title: "Flag", language: "de-CH" });
    assert.equal(options.site.title, "Flag");
    assert.equal(options.site.language, "de-CH");
  });
});

describe("the publish mode", () => {
  it("publishes by flag unless the settings say all", () => {
    assert.equal(publishDecision({}).published, false);
    assert.equal(publishDecision({}, "all").published, true);
  });
  it("keeps drafts and notes that opt out private in the all mode", () => {
    assert.equal(publishDecision({ draft: true }, "all").published, false);
    assert.equal(publishDecision({ "dg-publish": false }, "all").published, false);
    assert.equal(publishDecision({ publish: "no" }, "all").published, false);
  });
});
