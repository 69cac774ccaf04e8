/** Escaping for text written into XML (sitemap, feeds) outside of the HTML templates. */
const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Text without control characters (but tabs and line breaks): HTML and XML forbid them, and a
 * title or description that holds one (a stray BEL, say) would make the page invalid. Escaping
 * cannot help; they are dropped.
 */
export function withoutControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "");
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}
