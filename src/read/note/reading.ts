/** How long an article takes to read, and whether its description says more than its opening does. */
import type Token from "markdown-it/lib/token.mjs";
import { readableText } from "./tokens.ts";

/** Words a minute of an adult reading on a screen (the figure news sites use). */
export const WORDS_PER_MINUTE = 230;

/** A run of letters or digits is a word; Chinese and Japanese, written without spaces, count by character. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** The words of the body's text as readers see it (inline text of every block; code and markup excluded). */
export function wordCount(tokens: readonly Token[]): number {
  let count = 0;
  for (const token of tokens) {
    if (token.type !== "inline") continue;
    // test() walks the matches without making an array for each word (every note is counted).
    const text = readableText(token.children);
    WORD.lastIndex = 0;
    while (WORD.test(text)) count++;
  }
  return count;
}

/** "N min read", at least one minute. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

const normal = (text: string) => text.replace(/…$/u, "").replace(/\s+/gu, " ").trim().toLowerCase();

/**
 * The description shown under the headline (the dek), unless it only repeats the article's
 * opening: clippers often copy the first sentence or paragraph into `description`.
 */
export function dekOf(description: string | undefined, opening: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  const dek = normal(description);
  if (dek === "") return undefined;
  const first = opening === undefined ? "" : normal(opening);
  return first !== "" && (first.startsWith(dek) || dek.startsWith(first)) ? undefined : description.trim();
}
