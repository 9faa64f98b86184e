// Pictures in questions: a question's `image.src` is a path inside the folder named after its bank, beside the
// bank's YAML file (content/banks/<bank id>/<src>). The checks here are pure: the caller reads the bytes.
import type { Bank } from "./bank.schema.ts";
import type { ContentError } from "./parse-bank.ts";

/** Largest picture a bank may carry: a phone on school Wi-Fi must load it before the question's timer starts. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The picture formats every browser shows, with the file name endings each may have. */
export const IMAGE_FORMATS = {
  png: { name: "PNG", extensions: ["png"] },
  jpeg: { name: "JPEG", extensions: ["jpg", "jpeg"] },
  webp: { name: "WebP", extensions: ["webp"] },
  gif: { name: "GIF", extensions: ["gif"] },
} as const;
export type ImageFormat = keyof typeof IMAGE_FORMATS;

/** The URL path the server serves a bank's picture at (the editor's route); each path segment is URL-encoded. */
export function bankImageUrl(bankId: string, src: string): string {
  return `/api/bank-images/${encodeURIComponent(bankId)}/${src.split("/").map(encodeURIComponent).join("/")}`;
}

/** The picture's format from its first bytes (its "magic number"), whatever its name says. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const startsWith = (signature: readonly number[], offset = 0) =>
    signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith([0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return "gif";
  // RIFF....WEBP
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return undefined;
}

/** The format a file name promises by its ending, if it is one of the allowed ones. */
export function formatFromName(src: string): ImageFormat | undefined {
  const extension = src.toLowerCase().split(".").pop() ?? "";
  for (const [format, { extensions }] of Object.entries(IMAGE_FORMATS)) {
    if ((extensions as readonly string[]).includes(extension)) return format as ImageFormat;
  }
  return undefined;
}

/** Why a picture file cannot be used, in a teacher's words; undefined when it is fine. `bytes` undefined = no file. */
export function checkImageFile(src: string, bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return `"${src}" not found`;
  if (bytes.length > MAX_IMAGE_BYTES) {
    return `"${src}" is ${megabytes(bytes.length)} MB; pictures may be at most ${megabytes(MAX_IMAGE_BYTES)} MB (save it smaller)`;
  }
  const actual = sniffImageFormat(bytes);
  if (actual === undefined) return `"${src}" is not a PNG, JPEG, WebP or GIF picture`;
  const named = formatFromName(src);
  if (named !== actual) {
    const ending = IMAGE_FORMATS[actual].extensions[0];
    return `"${src}" is a ${IMAGE_FORMATS[actual].name} picture but its name says otherwise: rename it to end in .${ending}`;
  }
  return undefined;
}

/** Megabytes to one decimal, rounded up, so a file just over the limit never reads as "2.0 MB" beside a 2.0 MB limit. */
function megabytes(bytes: number): string {
  return (Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1);
}

/**
 * Checks every picture a bank refers to. `read` returns a file's bytes by its path inside the bank's picture
 * folder, or undefined when there is no such file.
 */
export function checkBankImages(
  bank: Bank,
  file: string,
  read: (src: string) => Uint8Array | undefined,
): ContentError[] {
  return bank.questions.flatMap((question, index) => {
    if (!question.image) return [];
    const bytes = read(question.image.src);
    const problem = checkImageFile(question.image.src, bytes);
    if (problem === undefined) return [];
    // Where to put it is the one thing a teacher with a missing picture needs to know.
    const hint = bytes === undefined ? ` (pictures go in the folder "${bank.id}" beside the bank's file)` : "";
    return [{ file, path: `questions[${index}].image.src`, message: `${problem}${hint}` }];
  });
}
