/**
 * Share links that work without loading anything from the networks: plain links that open
 * each network's own compose page only when the reader follows them.
 */

export interface ShareLink {
  network: string;
  label: string;
  href: string;
}

export function shareLinks(pageUrl: string, title: string): ShareLink[] {
  const url = encodeURIComponent(pageUrl);
  const text = encodeURIComponent(title);
  const both = encodeURIComponent(`${title} ${pageUrl}`);
  return [
    { network: "email", label: "E-mail", href: `mailto:?subject=${text}&body=${url}` },
    { network: "bluesky", label: "Bluesky", href: `https://bsky.app/intent/compose?text=${both}` },
    { network: "mastodon", label: "Mastodon", href: `https://mastodon.social/share?text=${both}` },
    { network: "linkedin", label: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { network: "x", label: "X", href: `https://x.com/intent/post?text=${text}&url=${url}` },
  ];
}
