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

/** Largest stored picture: the bank check (content's MAX_IMAGE_BYTES) refuses bigger ones. */
export const MAX_STORED_BYTES = 2 * 1024 * 1024;

/**
 * A picture path a bank may reference and the server will serve: plain names joined by "/", never "..", a dot file,
 * a leading "/" or a backslash (the same rule as the bank schema's `image.src`), ending in a picture extension.
 */
export const IMAGE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*\.(?:png|jpe?g|webp|gif)$/i;

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
  const original: StoredFormat =
    metadata.format === "png" || metadata.format === "webp" || metadata.format === "gif" ? metadata.format : "jpeg";
  let format = original;
  let side = MAX_IMAGE_SIDE;
  let encoded = await encode(data, format, side);
  // A photo saved as PNG can stay over the limit even at 1600 px: WebP keeps its transparency at a tenth of the size.
  if (encoded.data.length > MAX_STORED_BYTES && format === "png") {
    format = "webp";
    encoded = await encode(data, format, side);
  }
  while (encoded.data.length > MAX_STORED_BYTES && side > 400) {
    side = Math.round(side * 0.75);
    encoded = await encode(data, format, side);
  }
  const { data: output, info } = encoded;
  const hash = createHash("sha256").update(output).digest("hex").slice(0, 8);
  const src = `${baseName(originalName)}-${hash}.${FORMATS[format]}`;
  const folder = path.join(banksDir, bankId);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, src), output);
  return { src, width: info.width, height: info.pageHeight ?? info.height, bytes: output.length };
}

async function encode(data: Uint8Array, format: StoredFormat, side: number) {
  const animated = format === "gif" || format === "webp";
  const pipeline = sharp(data, { animated })
    .rotate()
    .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true });
  const typed =
    format === "jpeg"
      ? pipeline.jpeg({ quality: 82, mozjpeg: true })
      : format === "png"
        ? pipeline.png({ compressionLevel: 9 })
        : format === "webp"
          ? pipeline.webp({ quality: 82 })
          : pipeline.gif();
  return typed.toBuffer({ resolveWithObject: true });
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
