// @ts-check
/**
 * The search box itself, loaded by search.js when the reader first opens search: Pagefind's
 * search API and the index, fetched from the site, with the bundles of notes in other languages
 * (search-languages.ts) and the parts of a large garden's index (search-index.ts) merged in.
 *
 * Pagefind answers a word it does not know with the longest part of it that it does ("Amodei"
 * finds every "a"): such results are left out (relevant()), and the reader reads "no results",
 * with the titles closest to what was typed.
 */
import { text } from "./strings.js";

const base = document.documentElement.dataset.base || "/";
const ui = document.getElementById("search-ui");
/** Results shown at first, and added by "More results". */
const PAGE = 8;

/**
 * @typedef {{ url: string; meta: { title?: string }; excerpt: string; sub_results?: Array<{ title: string; url: string; excerpt: string }> }} ResultData
 * @typedef {{ data(): Promise<ResultData> }} Result
 * @typedef {{ options(o: object): Promise<void>; mergeIndex(path: string, o: object): Promise<void>; debouncedSearch(term: string, o: object, ms: number): Promise<{ results: Result[] } | null> }} Pagefind
 */

/** @type {Promise<Pagefind> | undefined} */
let loading;

export function loadPagefind() {
  loading ??= (async () => {
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${base}css/features/search.css`;
    document.head.append(style);
    const pagefind = /** @type {Pagefind} */ (await import(`${base}pagefind/pagefind.js`));
    await pagefind.options({ baseUrl: base, excerptLength: 24 });
    // The other languages' bundles, and the parts a large garden's index is cut into (search-index.ts).
    const listed = await fetch(`${base}pagefind/trellis-bundles.json`).then((response) => (response.ok ? response.json() : []), () => []);
    const bundles = /** @type {Array<{ path: string; language: string }>} */ (Array.isArray(listed) ? listed : []);
    for (const { path, language } of bundles) await pagefind.mergeIndex(`${base}pagefind/${path}`, { language, baseUrl: base });
    return pagefind;
  })();
  return loading;
}

/** Lower case, without accents: how a typed word and a word of the page are compared. */
function fold(/** @type {string} */ word) {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

const CJK = /[\p{Script=Han}\u3040-\u30ff\p{Script=Hangul}]/u;

/**
 * Whether what Pagefind marked in a result is what the reader typed: for each typed word, a marked
 * word that begins with most of it (a stem, or a word still being typed), or for Chinese and
 * Japanese, marked words that cover most of its characters.
 */
function relevant(/** @type {string} */ query, /** @type {ResultData} */ data) {
  const excerpts = [data.excerpt, ...(data.sub_results ?? []).map((sub) => sub.excerpt)].join(" ");
  const marked = [...excerpts.matchAll(/<mark>([^<]*)<\/mark>/g)].map((match) => fold(match[1] ?? ""));
  const words = fold(query).split(/[\s\p{P}]+/u).filter(Boolean);
  return words.some((word) => {
    if (CJK.test(word)) {
      const covered = [...word].filter((char) => marked.some((mark) => mark.includes(char))).length;
      return covered >= Math.ceil(([...word].length * 2) / 3);
    }
    const needed = Math.min(word.length, Math.max(3, Math.ceil(word.length * 0.6)));
    return marked.some((mark) => commonStart(mark, word) >= needed);
  });
}

function commonStart(/** @type {string} */ a, /** @type {string} */ b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Edits between two words (Damerau–Levenshtein, adjacent swaps counted once). */
function distance(/** @type {string} */ a, /** @type {string} */ b) {
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) /** @type {number[]} */ (d[0])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = /** @type {number[]} */ (d[i]);
      const up = /** @type {number[]} */ (d[i - 1]);
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (/** @type {number[]} */ (d[i - 2])[j - 2] ?? 0) + 1);
    }
  }
  return /** @type {number[]} */ (d[a.length])[b.length] ?? 0;
}

/** @type {Promise<Array<{ title: string; url: string }>> | undefined} */
let titles;

/** Every page the explorer lists, title and address (explorer-tree.ts), fetched the first time a search finds nothing. */
function loadTitles() {
  titles ??= fetch(`${base}explorer/titles.json`)
    .then((response) => (response.ok ? response.json() : []))
    // The explorer's addresses are the site's own paths: under a sub-path, the base goes first.
    .then((found) => (Array.isArray(found) ? found.map((note) => ({ title: String(note.title), url: base.replace(/\/+$/, "") + String(note.url) })) : []))
    .catch(() => []);
  return titles;
}

/** Up to three titles with a word a typo or two from a typed word. */
async function closestTitles(/** @type {string} */ query) {
  const words = fold(query).split(/[\s\p{P}]+/u).filter((word) => word.length >= 3 && !CJK.test(word));
  if (words.length === 0) return [];
  const scored = (await loadTitles()).flatMap((note) => {
    const titleWords = fold(note.title).split(/[\s\p{P}]+/u).filter(Boolean);
    const best = Math.min(...words.flatMap((word) => titleWords.map((titleWord) => distance(word, titleWord) / Math.max(1, Math.floor(word.length / 3)))));
    return best <= 1 ? [{ note, best }] : [];
  });
  return scored.sort((a, b) => a.best - b.best).slice(0, 3).map(({ note }) => note);
}

/** Pagefind's excerpts are its own escaped text with `<mark>` around the matches: only those become elements. */
function excerptNode(/** @type {string} */ excerpt) {
  const paragraph = document.createElement("p");
  paragraph.className = "search__excerpt";
  for (const [i, part] of excerpt.split(/<\/?mark>/).entries()) {
    const decoded = new DOMParser().parseFromString(`<!doctype html><body>${part}`, "text/html").body.textContent ?? "";
    if (i % 2 === 1) {
      const mark = document.createElement("mark");
      mark.textContent = decoded;
      paragraph.append(mark);
    } else paragraph.append(decoded);
  }
  return paragraph;
}

function resultNode(/** @type {ResultData} */ data) {
  const item = document.createElement("li");
  item.className = "search__result";
  const link = document.createElement("a");
  link.className = "search__link";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  item.append(link, excerptNode(data.excerpt));
  return item;
}

/** The form, status and list search draws into #search-ui. */
function drawForm() {
  if (!ui) return undefined;
  const form = document.createElement("form");
  form.setAttribute("role", "search");
  form.className = "search";
  const label = document.createElement("label");
  label.className = "search__label";
  label.htmlFor = "search-input";
  label.textContent = text("searchGarden", "Search the garden");
  const input = document.createElement("input");
  input.type = "search";
  input.id = "search-input";
  input.className = "search__input";
  input.autocomplete = "off";
  const status = document.createElement("p");
  status.className = "search__status";
  status.setAttribute("role", "status");
  const list = document.createElement("ol");
  list.className = "search__results";
  const more = document.createElement("button");
  more.type = "button";
  more.className = "search__more";
  more.textContent = text("searchMore", "More results");
  more.hidden = true;
  form.append(label, input);
  form.addEventListener("submit", (event) => event.preventDefault());
  ui.replaceChildren(form, status, list, more);
  return { input, status, list, more };
}

/** Draws each search's results as the reader types; a newer search replaces an older one's. */
export function startSearch(/** @type {Pagefind} */ pagefind) {
  const parts = drawForm();
  if (!parts) return;
  const { input, status, list, more } = parts;
  let current = 0;
  /** @type {Result[]} */
  let pending = [];
  let query = "";
  let shown = 0;

  const showMore = async (/** @type {number} */ search) => {
    const batch = pending.splice(0, PAGE);
    const loaded = await Promise.all(batch.map((result) => result.data()));
    if (search !== current) return;
    const kept = loaded.filter((data) => relevant(query, data));
    // Results come best first: once one is only a part of a word, so is every later one.
    if (kept.length < loaded.length) pending = [];
    list.append(...kept.map(resultNode));
    shown += kept.length;
    more.hidden = pending.length === 0;
    if (shown > 0) status.textContent = text("searchResults", "Results for “{query}”: {count}", { query, count: pending.length === 0 ? shown : `${shown}+` });
    else await showNone(search);
  };

  const showNone = async (/** @type {number} */ search) => {
    const closest = await closestTitles(query);
    if (search !== current) return;
    status.textContent = text("searchNoResults", "No results for “{query}”.", { query });
    if (closest.length === 0) return;
    const item = document.createElement("li");
    item.className = "search__closest";
    item.append(text("searchClosest", "Closest titles:"), " ");
    closest.forEach((note, i) => {
      const link = document.createElement("a");
      link.href = note.url;
      link.textContent = note.title;
      item.append(...(i > 0 ? [", ", link] : [link]));
    });
    list.append(item);
  };

  input.addEventListener("input", async () => {
    const search = ++current;
    query = input.value.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const found = await pagefind.debouncedSearch(query, {}, 250);
    if (!found || search !== current) return;
    pending = [...found.results];
    shown = 0;
    list.replaceChildren();
    await showMore(search);
  });
  more.addEventListener("click", () => void showMore(current));
  input.focus();
}
