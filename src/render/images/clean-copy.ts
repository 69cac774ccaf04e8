/**
 * A photo published as it was taken would tell more than its picture: the EXIF of a phone's
 * photo holds where it was taken (GPS), when and with what; XMP and IPTC more of the same. The
 * copies of attachments Trellis publishes keep none of it: an image with such metadata is
 * written again without it, keeping its colour profile, and its orientation applied to the
 * pixels; one without is copied byte for byte. (The resized images eleventy-img makes never
 * keep metadata.)
 */
import { copyFile } from "node:fs/promises";
import type { FormatEnum } from "sharp";

/** The formats sharp writes again as they were (others are copied as they are: SVG, GIF, ICO…). */
const REWRITTEN = new Set<keyof FormatEnum>(["jpeg", "png", "webp", "tiff", "heif"]);

export async function copyWithoutMetadata(from: string, to: string): Promise<void> {
  const sharp = (await import("sharp")).default;
  const image = sharp(from, { failOn: "none" });
  const metadata = await image.metadata().catch(() => undefined);
  const format = metadata?.format as keyof FormatEnum | undefined;
  if (!metadata || !format || !REWRITTEN.has(format) || (!metadata.exif && !metadata.xmp && !metadata.iptc)) return copyFile(from, to);
  // As close to the original as writing it again allows: lossless where the format is, JPEG at a high quality.
  const options = format === "jpeg" ? { quality: 95, mozjpeg: true } : format === "png" || format === "tiff" ? {} : { quality: 95 };
  try {
    await image.rotate().keepIccProfile().toFormat(format, options).toFile(to);
  } catch (error) {
    // Never the original with its metadata: the build stops, saying why.
    throw new Error(`Trellis: the metadata of the image ${from} could not be removed (${(error as Error).message}); save it as JPEG or PNG, or remove its metadata yourself`);
  }
}
