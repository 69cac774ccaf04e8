// @ts-check
/**
 * A video in a note is a poster box linking to the video (src/markdown/media-embeds.ts): the
 * page asks nothing of the video's site until the reader plays it. Then the box becomes the
 * provider's privacy-enhanced player, which starts at once. Clicks that open the link
 * elsewhere (a new tab, a download) are left to the browser.
 */
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.video-embed[data-video-src]") : null;
  if (!(link instanceof HTMLAnchorElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const player = document.createElement("iframe");
  player.className = "video-embed__player";
  player.src = link.dataset.videoSrc ?? "";
  player.title = link.dataset.videoTitle ?? "Video";
  player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  player.allowFullscreen = true;
  player.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(player);
  player.focus();
});
