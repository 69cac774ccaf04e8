/** The helpers of @11ty/eleventy-plugin-rss that Trellis uses (the package ships no types). */
declare module "@11ty/eleventy-plugin-rss" {
  export function dateToRfc3339(date: Date): string;
  export function convertHtmlToAbsoluteUrls(html: string, base: string): Promise<string>;
}
