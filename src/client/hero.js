// @ts-check
/**
 * A remote hero the build could not fetch is shown from its own address, over the box of its
 * shape (src/render/site-data.ts): once it loads, the box's link to it goes; if it cannot load
 * (the reader is offline), the image goes and the box with its link stays, never a broken image.
 */
for (const image of document.querySelectorAll("img.hero__remote")) {
  if (!(image instanceof HTMLImageElement)) continue;
  const link = image.parentElement?.querySelector(".hero__original");
  const shown = () => link?.setAttribute("hidden", "");
  const failed = () => image.remove();
  if (image.complete) {
    if (image.naturalWidth > 0) shown();
    else failed();
  } else {
    image.addEventListener("load", shown, { once: true });
    image.addEventListener("error", failed, { once: true });
  }
}

export {};
