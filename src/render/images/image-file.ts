/**
 * Whether a file in the image cache is a whole image of its format: its signature at the start
 * and its end where the format says (a JPEG's end marker, a PNG's last chunk, a WebP's declared
 * length). A cached file that is not, damaged or truncated, is made again instead of published.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const HEAD = 16;
const TAIL = 12;

/**
 * Synchronous: four quick system calls on a file the cache just had, where the same calls each
 * through the thread pool cost five times the time (a garden's 9,024 cached cards: 70 ms against
 * 350–500 ms with 64 checked at once), and nothing else waits meanwhile.
 */
export function isWholeImage(file: string, format: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const { size } = fstatSync(fd);
    if (size < HEAD + TAIL) return false;
    const head = Buffer.alloc(HEAD);
    const tail = Buffer.alloc(TAIL);
    readSync(fd, head, 0, HEAD, 0);
    readSync(fd, tail, 0, TAIL, size - TAIL);
    switch (format) {
      case "jpeg":
      case "jpg":
        return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff && tail[TAIL - 2] === 0xff && tail[TAIL - 1] === 0xd9;
      case "png":
        return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && tail.subarray(4, 8).toString("latin1") === "IEND";
      case "webp":
        return head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP" && head.readUInt32LE(4) + 8 === size;
      case "avif":
        return head.subarray(4, 8).toString("latin1") === "ftyp";
      case "gif":
        return head.subarray(0, 4).toString("latin1") === "GIF8" && tail[TAIL - 1] === 0x3b;
      default:
        return true; // formats Trellis does not make (SVG is copied as written)
    }
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
