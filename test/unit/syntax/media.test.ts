import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectReferences } from "../../../src/read/references.ts";
import { mediaEmbed } from "../../../src/read/markdown/media-embeds.ts";
import { pageFeatures } from "../../../src/read/markdown/syntax/index.ts";
import { contentSecurityPolicy } from "../../../src/core/csp.ts";
import { md, render } from "./render.ts";

const poster = (href: string, player: string, title: string, provider: string) =>
  `<a class="external video-embed" href="${href}" rel="noopener" data-video-src="${player}" data-video-title="${title}">` +
  `<span class="video-embed__play" aria-hidden="true"></span><span class="video-embed__title">${title}</span> <span class="video-embed__provider">${provider} video</span></a>`;

describe("videos written as images", () => {
  it("are a poster box linking to the video, with the privacy-enhanced player to load on click", () => {
    const watch = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    assert.equal(render(`![](${watch})`), `<p>${poster(watch, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", watch, "YouTube")}</p>\n`);
    assert.equal(
      render("![My talk](https://youtu.be/dQw4w9WgXcQ?t=1m30s)"),
      `<p>${poster("https://youtu.be/dQw4w9WgXcQ?t=1m30s", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=90", "My talk", "YouTube")}</p>\n`,
    );
    assert.equal(
      render("See ![](https://vimeo.com/76979871) here"),
      `<p>See ${poster("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1", "https://vimeo.com/76979871", "Vimeo")} here</p>\n`,
    );
  });

  it("are recognised only by a video's address", () => {
    assert.equal(mediaEmbed("https://www.youtube.com/watch?v=short"), undefined);
    assert.equal(mediaEmbed("https://www.youtube.com/@channel"), undefined);
    assert.equal(mediaEmbed("https://vimeo.com/channels/staff"), undefined);
    assert.equal(mediaEmbed("javascript:alert(1)//youtu.be/dQw4w9WgXcQ"), undefined);
    assert.deepEqual(mediaEmbed("https://www.youtube.com/shorts/dQw4w9WgXcQ"), {
      kind: "video", url: "https://www.youtube.com/shorts/dQw4w9WgXcQ", provider: "YouTube", player: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
    });
    assert.deepEqual(mediaEmbed("https://vimeo.com/76979871/abc123"), {
      kind: "video", url: "https://vimeo.com/76979871/abc123", provider: "Vimeo", player: "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=abc123",
    });
    assert.equal(render("![](https://example.com/a.png)"), '<p><img src="https://example.com/a.png" alt="" loading="lazy" decoding="async"></p>\n');
  });

  it("are not images: nothing fetches them, and the page allows frames from their player only", () => {
    const tokens = md.parse("![](https://youtu.be/dQw4w9WgXcQ) ![](https://vimeo.com/1) ![](https://x.com/a/status/1) ![](https://example.com/a.png)", { scan: true });
    assert.deepEqual(collectReferences(tokens).remoteImages, ["https://example.com/a.png"]);
    assert.deepEqual(pageFeatures(tokens).players, ["https://player.vimeo.com", "https://www.youtube-nocookie.com"]);
    assert.match(contentSecurityPolicy([], ["https://www.youtube-nocookie.com"]), /; frame-src 'self' https:\/\/www\.youtube-nocookie\.com; /);
    assert.match(contentSecurityPolicy(), /; frame-src 'self'; /);
  });
});

describe("video players pasted as HTML", () => {
  it("become the video's link box, which loads the player only when the reader plays it", () => {
    const pasted =
      '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?si=abc&amp;start=42" title="YouTube video player" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe>';
    const watch = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42";
    assert.equal(render(`Before.\n\n${pasted}\n\nAfter.`), `<p>Before.</p>\n<p>${poster(watch, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=42", "YouTube video player", "YouTube")}</p>\n<p>After.</p>\n`);
    const vimeo = '<iframe src="https://player.vimeo.com/video/76979871?h=abc123" allow="fullscreen"></iframe>';
    assert.equal(render(vimeo), `<p>${poster("https://vimeo.com/76979871/abc123", "https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1&amp;h=abc123", "https://vimeo.com/76979871/abc123", "Vimeo")}</p>\n`);
    assert.deepEqual(pageFeatures(md.parse(vimeo, { scan: true })).players, ["https://player.vimeo.com"]);
  });
  it("of any other site stay the author's markup, shown as text", () => {
    assert.match(render('<iframe src="https://example.com/widget"></iframe>'), /&lt;iframe src="https:\/\/example\.com\/widget"&gt;/);
  });
});

describe("posts on X (Twitter) written as images", () => {
  it("are a quoted link to the post, alone in their paragraph, and a link within text", () => {
    assert.equal(
      render("![](https://twitter.com/jack/status/20)"),
      '<blockquote class="post-embed" cite="https://twitter.com/jack/status/20">\n<p><a class="external post-embed__link" href="https://twitter.com/jack/status/20" rel="noopener">Post by @jack</a></p>\n</blockquote>\n',
    );
    assert.equal(
      render("![The first post](https://x.com/jack/status/20)"),
      '<blockquote class="post-embed" cite="https://x.com/jack/status/20">\n<p><a class="external post-embed__link" href="https://x.com/jack/status/20" rel="noopener">The first post</a></p>\n</blockquote>\n',
    );
    assert.equal(render("Text ![](https://x.com/jack/status/20) more"), '<p>Text <a class="external post-embed__link" href="https://x.com/jack/status/20" rel="noopener">Post by @jack</a> more</p>\n');
  });
});

describe("the player's address", () => {
  it("cannot be set by a note's HTML", () => {
    assert.equal(render('<a class="video-embed" href="https://example.com" data-video-src="https://evil.example/">x</a>'), '<p><a class="video-embed" href="https://example.com" rel="noopener">x</a></p>\n');
  });
});
