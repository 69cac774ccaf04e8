// @ts-check
/**
 * Share controls of an article page: copy the link, the Web Share API where the browser
 * has it, and share links that point at the address the reader actually sees.
 * Nothing is loaded from the networks until the reader follows a link.
 */
import { text } from "./strings.js";

for (const section of document.querySelectorAll("[data-share-url]")) {
  if (!(section instanceof HTMLElement)) continue;
  const builtUrl = section.dataset.shareUrl ?? "";
  const title = section.dataset.shareTitle ?? document.title;
  const pageUrl = location.href.split("#")[0] ?? location.href;
  const status = section.querySelector(".share__status");

  /** @param {string} message */
  const say = (message) => {
    if (status) status.textContent = message;
  };

  // The build may not know the site's address; the links use the one in the address bar.
  if (builtUrl !== pageUrl) {
    for (const link of section.querySelectorAll("a[data-share-network]")) {
      if (!(link instanceof HTMLAnchorElement)) continue;
      const href = link.getAttribute("href") ?? "";
      link.setAttribute("href", href.split(encodeURIComponent(builtUrl)).join(encodeURIComponent(pageUrl)));
    }
  }

  // Hidden until this script can copy: without it the share links still work.
  const copy = section.querySelector("[data-share-copy]");
  if (copy instanceof HTMLButtonElement) copy.hidden = false;
  copy?.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(pageUrl);
      say(text("linkCopied", "Link copied to the clipboard."));
    } catch {
      say(text("copyThisLink", "Copy this link: {url}", { url: pageUrl }));
    }
  });

  const native = section.querySelector("[data-share-native]");
  if (native instanceof HTMLButtonElement && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", () => {
      navigator.share({ title, url: pageUrl }).catch(() => {
        // The reader closed the share sheet; nothing to report.
      });
    });
  }
}
