/** Responsive images: optimised once, cached across builds, remote images fetched once and kept working offline. */
import assert from "node:assert/strict";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, it } from "node:test";
import { fixture, listFiles, readSite, runTrellis, tempDir } from "../helpers/cli.ts";
import { serveFolder } from "../helpers/static-server.ts";
import type { Diagnostic } from "../../src/core/diagnostics.ts";

/** The cache folder of the one vault built with `cache` as TRELLIS_CACHE. */
async function vaultCache(cache: string): Promise<string> {
  const folders = await readdir(cache);
  assert.equal(folders.length, 1, `one vault was built, but the cache holds ${folders.join(", ")}`);
  return path.join(cache, folders[0] ?? "");
}

describe("local images", () => {
  it("become responsive pictures, the hero first, and are not processed again on the next build", async () => {
    const dir = await tempDir("images");
    const cache = path.join(dir, "cache");
    const env = { TRELLIS_CACHE: cache };
    const first = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "one")], { env });
    assert.equal(first.code, 0, first.stderr);
    const site = await readSite(path.join(dir, "one"));

    const story = site.get("photo-story/index.html") ?? "";
    const hero = story.match(/<figure class="hero"[\s\S]*?<\/figure>/)?.[0] ?? "";
    assert.match(hero, /<picture><source type="image\/webp" srcset="\/img\/[\w-]+-480\.webp 480w, \/img\/[\w-]+-960\.webp 960w, \/img\/[\w-]+-1600\.webp 1600w" sizes="\(min-width: 60rem\) 56rem, 100vw">/);
    assert.match(hero, /<img src="\/img\/[\w-]+-480\.jpeg" alt="Harbour at dawn" decoding="async" fetchpriority="high" width="1600" height="900"/);
    assert.doesNotMatch(hero, /loading="lazy"/);
    assert.match(hero, /The harbour at dawn, before the boats go out\.[\s\S]*Photo: Jane Doe/);
    const body = site.get("index.html") ?? "";
    assert.match(body, /<picture><source type="image\/webp" srcset="\/img\/[\w-]+-1\.webp"><img src="\/img\/[\w-]+-1\.png" alt="pic" decoding="async" loading="lazy" width="1" height="1"><\/picture>/);
    for (const [file, html] of site) {
      for (const [, src] of html.matchAll(/\/img\/([\w.-]+)/g)) assert.ok(site.has(`img/${src}`), `${file} uses /img/${src}, which was not written`);
    }

    const images = path.join(await vaultCache(cache), "img");
    const cached = (await listFiles(images)).map((file) => path.join(images, file));
    assert.ok(cached.length >= 8);
    const before = await Promise.all(cached.map(async (file) => (await stat(file)).mtimeMs));
    const second = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "two")], { env });
    assert.equal(second.code, 0, second.stderr);
    const after = await Promise.all(cached.map(async (file) => (await stat(file)).mtimeMs));
    assert.deepEqual(after, before, "a second build processed images again");
    assert.equal(await readFile(path.join(dir, "two", "photo-story", "index.html"), "utf8"), story);
  });
});

describe("remote images", () => {
  async function vaultWith(dir: string, src: string): Promise<string> {
    const vault = path.join(dir, "vault");
    await mkdir(vault, { recursive: true });
    await writeFile(path.join(vault, "Clip.md"), `---\ndg-publish: true\n---\n![A remote photo](${src})\n\nImage by A Photographer\n\nThe clipped story.\n`);
    return vault;
  }

  it("are fetched once, then reused from the cache without the network", async () => {
    const dir = await tempDir("remote");
    const served = path.join(dir, "remote-host");
    await mkdir(served);
    await copyFile(path.join(fixture("garden"), "Attachments", "harbour.jpg"), path.join(served, "photo.jpg"));
    const host = await serveFolder(served);
    const vault = await vaultWith(dir, `${host.url}/photo.jpg`);
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const online = await runTrellis(["build", vault, "--out", path.join(dir, "one")], { env });
    await host.close();
    assert.equal(online.code, 0, online.stderr);
    assert.match(await readFile(path.join(dir, "one", "clip", "index.html"), "utf8"), /<picture>[\s\S]*fetchpriority="high" width="1600" height="900"/);

    const offline = await runTrellis(["build", vault, "--out", path.join(dir, "two")], { env });
    assert.equal(offline.code, 0, offline.stderr);
    assert.doesNotMatch(offline.stderr, /could not fetch/);
    assert.match(await readFile(path.join(dir, "two", "clip", "index.html"), "utf8"), /<picture>[\s\S]*fetchpriority="high" width="1600" height="900"/);
  });

  it("that cannot be fetched as the hero keep a clean figure of the image's shape, with one warning naming the note", async () => {
    const dir = await tempDir("unreachable");
    const src = "http://127.0.0.1:9/missing.jpg";
    const vault = await vaultWith(dir, src);
    const result = await runTrellis(["build", vault, "--out", path.join(dir, "site")], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr.match(/could not fetch/g)?.length, 1);
    // Line 4: the image, after three lines of frontmatter.
    assert.match(result.stderr, /warning: .*Clip\.md:4: could not fetch or read the image http:\/\/127\.0\.0\.1:9\/missing\.jpg/);
    const html = await readFile(path.join(dir, "site", "clip", "index.html"), "utf8");
    assert.match(result.stderr, /missing\.jpg .*the hero is shown as a box of the image's shape with its caption and credit/);
    const figure = html.match(/<figure class="hero hero--unavailable"[\s\S]*?<\/figure>/)?.[0] ?? "";
    assert.match(figure, /<div class="hero__media hero__placeholder" style="aspect-ratio: 16 \/ 9">/);
    assert.match(figure, /<a class="hero__original" href="http:\/\/127\.0\.0\.1:9\/missing\.jpg" rel="noopener"><span class="visually-hidden">A remote photo: <\/span>View the image on 127\.0\.0\.1:9<\/a>/);
    // The reader's browser may reach the image: it is shown from its own address over the box, which the page's policy allows.
    assert.match(figure, /<img class="hero__remote" src="http:\/\/127\.0\.0\.1:9\/missing\.jpg" alt="A remote photo" decoding="async" fetchpriority="high" referrerpolicy="no-referrer">/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*img-src &#39;self&#39; data: http:\/\/127\.0\.0\.1:9[ ;"]/);
    assert.match(html, /<script type="module" src="\/js\/page\.js"><\/script>/);
  });
});

describe("social cards", () => {
  it("give every note a 1200×630 picture to share, drawn once, when the site has an address", async () => {
    const dir = await tempDir("cards");
    const env = { TRELLIS_CACHE: path.join(dir, "cache") };
    const out = path.join(dir, "site");
    const built = await runTrellis(["build", fixture("garden"), "--out", out, "--url", "https://garden.example"], { env });
    assert.equal(built.code, 0, built.stderr);
    const site = await readSite(out);
    for (const page of ["photo-story/index.html", "alpha/index.html"]) {
      const card = site.get(page)?.match(/<meta property="og:image" content="https:\/\/garden\.example(\/og\/[\w-]+\.jpg)">/)?.[1];
      assert.ok(card, `${page} has no social card`);
      const { default: sharp } = await import("sharp");
      const { width, height } = await sharp(path.join(out, card)).metadata();
      assert.deepEqual([width, height], [1200, 630]);
    }
    const folder = path.join(await vaultCache(path.join(dir, "cache")), "cards");
    const cards = await listFiles(folder);
    assert.ok(cards.length > 5, "no cards were drawn");
    // The site shares the cache's cards instead of holding copies: the same file, twice linked.
    for (const card of cards) {
      const [cached, published] = await Promise.all([stat(path.join(folder, card)), stat(path.join(out, "og", card))]);
      assert.equal(published.ino, cached.ino, `og/${card} is a copy`);
    }
    const before = await Promise.all(cards.map(async (file) => (await stat(path.join(folder, file))).mtimeMs));
    const again = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "again"), "--url", "https://garden.example"], { env });
    assert.equal(again.code, 0, again.stderr);
    const after = await Promise.all(cards.map(async (file) => (await stat(path.join(folder, file))).mtimeMs));
    assert.deepEqual(after, before, "cards were drawn again");

    const plain = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "plain")], { env });
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(await readFile(path.join(dir, "plain", "alpha", "index.html"), "utf8"), /og:image/);
  });
});

describe("a damaged image cache", () => {
  it("is reported and made again, never published", async () => {
    const dir = await tempDir("images-damaged");
    const cache = path.join(dir, "cache");
    const env = { TRELLIS_CACHE: cache };
    const args = ["--url", "https://garden.example"];
    const first = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "one"), ...args], { env });
    assert.equal(first.code, 0, first.stderr);
    // Read before the cache is damaged: the site shares the cache's files (hard links).
    const one = await readSite(path.join(dir, "one"));
    const folder = await vaultCache(cache);
    // Garbage in every optimised image and card, and one truncated.
    const images = (await listFiles(path.join(folder, "img"))).map((file) => path.join(folder, "img", file));
    const cards = (await listFiles(path.join(folder, "cards"))).map((file) => path.join(folder, "cards", file));
    const [truncated, ...rest] = [...images, ...cards];
    await writeFile(truncated ?? "", (await readFile(truncated ?? "")).subarray(0, 100));
    for (const file of rest) await writeFile(file, "garbage, not an image at all");
    const second = await runTrellis(["build", fixture("garden"), "--out", path.join(dir, "two"), ...args], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /warning: the image cache in .* held damaged files for \d+ images?; they were made again/);
    assert.match(second.stderr, new RegExp(`warning: the social card cache in .* held ${cards.length} damaged cards?; (it was|they were) drawn again`));
    const two = await readSite(path.join(dir, "two"));
    for (const file of [...one.keys()].filter((name) => name.startsWith("img/") || name.startsWith("og/"))) {
      assert.ok(two.get(file) === one.get(file), `${file} was published from the damaged cache`);
    }
  });
});

describe("images with the same content", () => {
  it("share their files, and a damaged shared file is made again whole for every one of them", async () => {
    const { optimiseImages, generatedFiles } = await import("../../src/render/images/optimise.ts");
    const { isWholeImage } = await import("../../src/render/images/image-file.ts");
    const dir = await tempDir("images-same");
    const source = path.join(fixture("garden"), "Attachments", "harbour.jpg");
    const jobs = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const copy = path.join(dir, `copy ${i}.jpg`);
        await copyFile(source, copy);
        return { key: `/assets/copy-${i}.jpg`, source: copy, note: `Note ${i}.md` };
      }),
    );
    const options = { cacheDir: path.join(dir, "cache") };
    const first = await optimiseImages(jobs, options, []);
    const files = new Set([...first.values()].flatMap((metadata) => generatedFiles(metadata).map((file) => file.from)));
    assert.ok(files.size > 0 && files.size < 8 * 2, `the copies made ${files.size} files instead of sharing them`);
    for (const file of files) await writeFile(file, "garbage, not an image at all");

    const diagnostics: Diagnostic[] = [];
    const failed = new Map();
    const second = await optimiseImages(jobs, options, diagnostics, failed);
    assert.equal(failed.size, 0, [...failed.values()].map((warning) => warning.message).join("\n"));
    assert.equal(second.size, jobs.length);
    for (const metadata of second.values()) {
      for (const { from, format } of generatedFiles(metadata)) {
        assert.ok(isWholeImage(from, format), `${from} is not whole`);
      }
    }
    assert.match(diagnostics.map((warning) => warning.message).join("\n"), /held damaged files for 8 images; they were made again/);
  });
});

describe("a photo's metadata", () => {
  it("never reaches the site: the hero's copy in /assets/ keeps its picture, colour and orientation, not its GPS position", async () => {
    const dir = await tempDir("exif");
    const vault = path.join(dir, "vault");
    await mkdir(vault, { recursive: true });
    const sharp = (await import("sharp")).default;
    // A phone's photo: GPS position, camera, copyright, taken on its side (orientation 6), with a colour profile.
    const photo = await sharp({ create: { width: 60, height: 40, channels: 3, background: "#3a6" } })
      .jpeg()
      .withMetadata({ orientation: 6, icc: "p3" })
      .withExif({ IFD0: { Copyright: "the author", Make: "Phone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" } })
      .toBuffer();
    await writeFile(path.join(vault, "photo.jpg"), photo);
    const original = await sharp(photo).metadata();
    assert.ok(original.exif && original.icc && original.orientation === 6, "the test photo has no metadata to remove");
    await writeFile(path.join(vault, "Trip.md"), "---\ndg-publish: true\n---\n![[photo.jpg]]\n\nWhere we were.\n");
    await writeFile(path.join(vault, "Plain.md"), "---\ndg-publish: true\n---\n![[plain.png]]\n");
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer();
    await writeFile(path.join(vault, "plain.png"), plain);
    const out = path.join(dir, "site");
    const result = await runTrellis(["build", vault, "--out", out, "--url", "https://garden.example"], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
    assert.equal(result.code, 0, result.stderr);
    const copy = await readFile(path.join(out, "assets", "photo.jpg"));
    const published = await sharp(copy).metadata();
    assert.equal(published.exif, undefined, "the copy keeps EXIF");
    assert.equal(published.xmp, undefined);
    assert.ok(!copy.includes(Buffer.from("the author")) && !copy.includes(Buffer.from("Phone")), "the copy keeps the camera's words");
    assert.ok(published.icc, "the colour profile was lost");
    assert.deepEqual([published.width, published.height, published.orientation ?? 1], [40, 60, 1], "the orientation is not applied");
    assert.deepEqual(await readFile(path.join(out, "assets", "plain.png")), plain, "an image without metadata is not copied byte for byte");
    const page = await readFile(path.join(out, "trip", "index.html"), "utf8");
    assert.match(page, /<meta property="og:image" content="https:\/\/garden\.example\/[^"]+"/);
  });
});
