import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp, { type Metadata } from "sharp";

/** Longest side of a stored picture: sharp on a 1920×1080 projector, and small enough for a phone on school Wi-Fi. */
export const MAX_IMAGE_SIDE = 1600;
/** Largest upload accepted before resizing (a phone photo is 3–8 MB). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The picture formats a bank may use, by the extension its file gets. */
const FORMATS = { jpeg: "jpg", png: "png", webp: "webp", gif: "gif" } as const;
type StoredFormat = keyof typeof FORMATS;

/** A file name a bank may reference and the server will serve: no folders, no dot files, a picture extension. */
export const IMAGE_FILE_NAME = /^[a-z0-9][a-z0-9_-]*\.(png|jpe?g|webp|gif)$/i;

export type StoredImage = { src: string; width: number; height: number; bytes: number };

export class ImageUploadError extends Error {}

/**
 * Stores an uploaded picture beside its bank (`<banks dir>/<bank id>/<name>-<hash>.<ext>`), turned the right way up and
 * shrunk to at most MAX_IMAGE_SIDE on its longest side. PNG, WebP and GIF keep their format (diagrams keep their sharp
 * edges and transparency); anything else sharp can read (HEIC from an iPhone, TIFF, AVIF) becomes JPEG.
 */
export async function storeBankImage(
  banksDir: string,
  bankId: string,
  originalName: string,
  data: Uint8Array,
): Promise<StoredImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(data).metadata();
  } catch {
    throw new ImageUploadError("That file is not a picture this server can read. Use a PNG, JPEG, WebP or GIF.");
  }
  const format: StoredFormat =
    metadata.format === "png" || metadata.format === "webp" || metadata.format === "gif" ? metadata.format : "jpeg";
  const animated = format === "gif" || format === "webp";
  let pipeline = sharp(data, { animated })
    .rotate()
    .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
  pipeline =
    format === "jpeg"
      ? pipeline.jpeg({ quality: 82, mozjpeg: true })
      : format === "png"
        ? pipeline.png({ compressionLevel: 9 })
        : format === "webp"
          ? pipeline.webp({ quality: 82 })
          : pipeline.gif();
  const { data: output, info } = await pipeline.toBuffer({ resolveWithObject: true });
  const hash = createHash("sha256").update(output).digest("hex").slice(0, 8);
  const src = `${baseName(originalName)}-${hash}.${FORMATS[format]}`;
  const folder = path.join(banksDir, bankId);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, src), output);
  return { src, width: info.width, height: info.pageHeight ?? info.height, bytes: output.length };
}

/** "Map of Europe (1955).PNG" → "map-of-europe-1955": safe in a URL, a file system and a YAML file. */
function baseName(originalName: string): string {
  const stem = path
    .basename(originalName)
    .replace(/\.[^.]*$/, "")
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return stem === "" ? "picture" : stem;
}
