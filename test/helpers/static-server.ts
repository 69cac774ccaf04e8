/** A minimal static file server over a build output folder, for browser tests. */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fixture, runTrellis, tempDir } from "./cli.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".pf_meta": "application/octet-stream",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Types a static host compresses (GitHub Pages, Netlify and Cloudflare Pages all do). */
const COMPRESSED = /^(text\/|application\/(json|xml)|image\/svg)/;

/**
 * Serves `root` at `prefix` (`/` or a sub-path like `/repo/`), as a static host would; with
 * `compress`, text is sent gzipped to a browser that accepts it, as those hosts send it.
 */
export async function serveFolder(root: string, prefix = "/", { compress = false }: { compress?: boolean } = {}): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!pathname.startsWith(prefix)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    let file = path.join(root, pathname.slice(prefix.length - 1));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      if (compress && COMPRESSED.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
        response.writeHead(200, { "content-type": type, "content-encoding": "gzip", vary: "accept-encoding" });
        response.end(gzipSync(body));
      } else {
        response.writeHead(200, { "content-type": type });
        response.end(body);
      }
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fixture vault (test/fixtures/NAME) built into a temporary folder, served; close it after. */
export async function serveBuiltFixture(name: string): Promise<StaticServer> {
  const dir = await tempDir(`${name}-site`);
  const out = path.join(dir, "site");
  const built = await runTrellis(["build", fixture(name), "--out", out], { env: { TRELLIS_CACHE: path.join(dir, "cache") } });
  if (built.code !== 0) throw new Error(`building test/fixtures/${name} failed:\n${built.stderr}`);
  return serveFolder(out);
}
