/**
 * Web addresses Obsidian embeds when they are written as images: YouTube and Vimeo videos and
 * posts on X (Twitter). They are not images (the optimiser would fetch them, the page would
 * show a broken one). A video becomes a poster box, a link to the video that the site's own
 * script (src/client/video-embed.js) swaps for the provider's privacy-enhanced player when the
 * reader clicks it; a post becomes a quoted link. No request reaches either site before the
 * reader asks.
 */
import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

export type MediaEmbed =
  | { kind: "video"; url: string; provider: "YouTube" | "Vimeo"; player: string }
  | { kind: "post"; url: string; author: string };

export interface MediaEmbedMeta {
  embed: MediaEmbed;
  /** The alt text the author wrote, if any. */
  title: string;
  /** Alone in its paragraph, so it may render as a block. */
  block: boolean;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** What `src` embeds, or undefined when it is not an address Trellis embeds. */
export function mediaEmbed(src: string): MediaEmbed | undefined {
  // Most images are the vault's own files: no address to parse.
  if (!/^https?:\/\//i.test(src)) return undefined;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^(www|m|mobile)\./, "");
  const parts = url.pathname.split("/").filter(Boolean);
  if (host === "youtube.com" || host === "youtu.be") {
    const id = host === "youtu.be" ? parts[0] : parts[0] === "watch" ? url.searchParams.get("v") : ["shorts", "embed", "live"].includes(parts[0] ?? "") ? parts[1] : undefined;
    if (!id || !YOUTUBE_ID.test(id)) return undefined;
    const start = seconds(url.searchParams.get("t") ?? url.searchParams.get("start"));
    const player = `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ""}`;
    return { kind: "video", url: src, provider: "YouTube", player };
  }
  if (host === "youtube-nocookie.com" && parts[0] === "embed" && YOUTUBE_ID.test(parts[1] ?? "")) {
    return mediaEmbed(`https://www.youtube.com/watch?v=${parts[1]}${url.searchParams.get("start") ? `&t=${url.searchParams.get("start")}` : ""}`);
  }
  if (host === "player.vimeo.com" && parts[0] === "video" && /^\d+$/.test(parts[1] ?? "")) {
    const key = url.searchParams.get("h");
    return mediaEmbed(`https://vimeo.com/${parts[1]}${key && /^[0-9a-f]+$/.test(key) ? `/${key}` : ""}`);
  }
  if (host === "vimeo.com" && /^\d+$/.test(parts[0] ?? "")) {
    // An unlisted video's address carries its key: vimeo.com/123/abcdef.
    const key = parts[1] && /^[0-9a-f]+$/.test(parts[1]) ? `&h=${parts[1]}` : "";
    return { kind: "video", url: src, provider: "Vimeo", player: `https://player.vimeo.com/video/${parts[0]}?autoplay=1&dnt=1${key}` };
  }
  if ((host === "twitter.com" || host === "x.com") && parts[1] === "status" && /^\w{1,15}$/.test(parts[0] ?? "") && /^\d+$/.test(parts[2] ?? "")) {
    return { kind: "post", url: src, author: parts[0] ?? "" };
  }
  return undefined;
}

/** The origin a page must allow frames from to play the video. */
export function playerOrigin(embed: MediaEmbed): string | undefined {
  return embed.kind === "video" ? new URL(embed.player).origin : undefined;
}

/** `90`, `90s`, `1m30s`, `1h2m3s` → seconds; 0 for anything else. */
function seconds(value: string | null): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value ?? "");
  if (!match) return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

export function mediaEmbeds(md: MarkdownIt): void {
  // After the image size rule, so that the alt text is whole; before links are resolved.
  md.core.ruler.after("obsidian_image_size", "trellis_media_embeds", readMediaEmbeds);
  const escape = md.utils.escapeHtml;
  md.renderer.rules["media_embed"] = (tokens, idx) => {
    const { embed, title, block } = tokens[idx]?.meta as MediaEmbedMeta;
    const href = escape(embed.url);
    if (embed.kind === "post") {
      const link = `<a class="external post-embed__link" href="${href}" rel="noopener">${escape(title || `Post by @${embed.author}`)}</a>`;
      return block ? `<blockquote class="post-embed" cite="${href}">\n<p>${link}</p>\n</blockquote>\n` : link;
    }
    const name = escape(title || embed.url);
    return (
      `<a class="external video-embed" href="${href}" rel="noopener" data-video-src="${escape(embed.player)}" data-video-title="${name}">` +
      `<span class="video-embed__play" aria-hidden="true"></span><span class="video-embed__title">${name}</span> ` +
      `<span class="video-embed__provider">${embed.provider} video</span></a>`
    );
  };
}

/**
 * A player the author pasted as HTML (`<iframe src="https://www.youtube.com/embed/…">`, as the
 * video sites' Share → Embed gives it), alone in its block: the video it plays, and its title.
 */
function pastedPlayer(html: string): { embed: MediaEmbed; title: string } | undefined {
  const match = /^<iframe\b([^>]*)>\s*(?:<\/iframe>)?$/i.exec(html.trim());
  if (!match) return undefined;
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(match[1] ?? "")?.slice(1).find((value) => value !== undefined);
  const embed = mediaEmbed(decodeEntities(attribute("src") ?? ""));
  return embed?.kind === "video" ? { embed, title: decodeEntities(attribute("title") ?? "") } : undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

/** Turns each image of an address Trellis embeds, and each pasted player of such a video, into a `media_embed` token. */
function readMediaEmbeds(state: StateCore): void {
  for (let index = state.tokens.length - 1; index >= 0; index--) {
    const block = state.tokens[index];
    const player = block?.type === "html_block" ? pastedPlayer(block.content) : undefined;
    if (!block || !player) continue;
    // The player's own markup would be refused by the sanitiser (no frames from notes): the
    // video's link box replaces it, which loads the player only when the reader asks.
    const open = new state.Token("paragraph_open", "p", 1);
    const inline = new state.Token("inline", "", 0);
    const embed = new state.Token("media_embed", "", 0);
    embed.meta = { ...player, block: false } satisfies MediaEmbedMeta;
    inline.children = [embed];
    const close = new state.Token("paragraph_close", "p", -1);
    for (const token of [open, inline, close]) {
      token.map = block.map;
      token.block = true;
    }
    state.tokens.splice(index, 1, open, inline, close);
  }
  state.tokens.forEach((inline, index) => {
    if (inline.type !== "inline" || !inline.children?.some((child) => child.type === "image")) return;
    inline.children = inline.children.map((child) => {
      const embed = child.type === "image" ? mediaEmbed(child.attrGet("src") ?? "") : undefined;
      if (!embed) return child;
      const token = new state.Token("media_embed", "", 0);
      token.meta = { embed, title: altText(child).trim(), block: false } satisfies MediaEmbedMeta;
      return token;
    });
    const meaningful = inline.children.filter((child) => !(child.type === "softbreak" || (child.type === "text" && child.content.trim() === "")));
    const only = meaningful[0];
    const open = state.tokens[index - 1];
    const close = state.tokens[index + 1];
    if (meaningful.length === 1 && only?.type === "media_embed" && open?.type === "paragraph_open" && close?.type === "paragraph_close" && (only.meta as MediaEmbedMeta).embed.kind === "post") {
      (only.meta as MediaEmbedMeta).block = true;
      inline.children = [only];
      open.hidden = true;
      close.hidden = true;
    }
  });
}

function altText(image: Token): string {
  return (image.children ?? []).map((child) => (child.children ? altText(child) : child.type === "softbreak" ? " " : child.content)).join("");
}
