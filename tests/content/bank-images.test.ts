import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadBankFiles } from "../../content/load-banks.ts";
import { BankLoadError, loadBanksOrFail } from "../../server/src/banks/load-banks.ts";
import {
  bankImageUrl,
  checkImageFile,
  MAX_IMAGE_BYTES,
  sniffImageFormat,
} from "../../shared/src/content/bank-image.ts";
import { createRng, prepareQuestion } from "../../shared/src/index.ts";

/** The first bytes of each allowed format, padded to a plausible small file. */
const PICTURES = {
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
  gif: bytes([...Buffer.from("GIF89a"), 1, 0, 1, 0]),
  webp: bytes([...Buffer.from("RIFF"), 36, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]),
};

function bytes(head: number[], size = 64): Uint8Array {
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  return out;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-images-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a one-question bank "pics" whose question shows `image`, plus any picture files, and loads it. */
function loadWith(image: unknown, files: Record<string, Uint8Array | string> = {}) {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, "pics", name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const bankFile = path.join(dir, "pics.yaml");
  const question = {
    id: "map",
    type: "true-false",
    prompt: "Austria was occupied by the big 4 in 1945.",
    correct: true,
    explanation: "Like Germany, it was.",
    image,
  };
  fs.writeFileSync(bankFile, JSON.stringify({ id: "pics", title: "Pictures", questions: [question] }));
  return { bankFile, ...loadBankFiles([bankFile]) };
}

describe("a question's picture, checked where the bank is loaded (content:check and the server)", () => {
  test.each([
    ["PNG", "map.png", PICTURES.png],
    ["JPEG", "map.jpg", PICTURES.jpeg],
    ["JPEG named .jpeg", "map.jpeg", PICTURES.jpeg],
    ["WebP", "map.webp", PICTURES.webp],
    ["GIF", "map.gif", PICTURES.gif],
    ["PNG in a subfolder, capital ending", "maps/Austria_1945.PNG", PICTURES.png],
  ])("accepts a %s", (_what, src, content) => {
    const { banks, errors } = loadWith({ src, alt: "Austria's four zones" }, { [src]: content });
    expect(errors).toEqual([]);
    expect(banks.map((loaded) => loaded.bank.questions[0]?.image)).toEqual([{ src, alt: "Austria's four zones" }]);
  });

  const tooBig = bytes([...PICTURES.png], 3 * 1024 * 1024);
  const justOver = bytes([...PICTURES.png], MAX_IMAGE_BYTES + 1);
  test.each([
    [
      "missing file",
      { src: "map.png", alt: "A map" },
      {},
      '"map.png" not found (pictures go in the folder "pics" beside the bank\'s file)',
    ],
    [
      "a folder, not a file",
      { src: "maps.png", alt: "A map" },
      { "maps.png/x.png": PICTURES.png },
      '"maps.png" not found',
    ],
    [
      "text named .png",
      { src: "map.png", alt: "A map" },
      { "map.png": "not a picture" },
      '"map.png" is not a PNG, JPEG, WebP or GIF picture',
    ],
    [
      "a PDF renamed .png",
      { src: "map.png", alt: "A map" },
      { "map.png": "%PDF-1.7 ..." },
      "is not a PNG, JPEG, WebP or GIF picture",
    ],
    [
      "a JPEG named .png",
      { src: "map.png", alt: "A map" },
      { "map.png": PICTURES.jpeg },
      '"map.png" is a JPEG picture but its name says otherwise: rename it to end in .jpg',
    ],
    [
      "too big (3 MB)",
      { src: "map.png", alt: "A map" },
      { "map.png": tooBig },
      '"map.png" is 3.0 MB; pictures may be at most 2.0 MB',
    ],
    [
      "one byte over 2 MB",
      { src: "map.png", alt: "A map" },
      { "map.png": justOver },
      '"map.png" is 2.1 MB; pictures may be at most 2.0 MB',
    ],
    [
      "no alt text",
      { src: "map.png" },
      { "map.png": PICTURES.png },
      "is required: a few words saying what the picture shows",
    ],
    ["empty alt text", { src: "map.png", alt: "" }, { "map.png": PICTURES.png }, "must not be empty"],
  ])("refuses %s, saying where and why", (_what, image, files, message) => {
    const { banks, errors, bankFile } = loadWith(image, files);
    expect(banks).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe(bankFile);
    expect(errors[0]?.path).toMatch(/^questions\[0\]\.image\.(src|alt)$/);
    expect(errors[0]?.message).toContain(message);
  });

  test("the server refuses to start with a missing picture and names the question", () => {
    loadWith({ src: "gone.webp", alt: "A map" });
    expect(() => loadBanksOrFail(dir)).toThrow(BankLoadError);
    expect(() => loadBanksOrFail(dir)).toThrow(/pics\.yaml: questions\[0\]\.image\.src: "gone\.webp" not found/);
  });
});

describe("the picture checks themselves (pure: a path and its bytes)", () => {
  test("the format comes from the bytes, not the name", () => {
    expect(Object.entries(PICTURES).map(([name, content]) => [name, sniffImageFormat(content)])).toEqual([
      ["png", "png"],
      ["jpeg", "jpeg"],
      ["gif", "gif"],
      ["webp", "webp"],
    ]);
    expect(sniffImageFormat(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array())).toBeUndefined();
    expect(sniffImageFormat(bytes([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVE")]))).toBeUndefined();
  });

  test("exactly 2 MB is allowed", () => {
    expect(checkImageFile("a.png", bytes([...PICTURES.png], MAX_IMAGE_BYTES))).toBeUndefined();
  });

  test("phones and the projector get the picture's URL path and its alt text", () => {
    const question = {
      id: "map",
      type: "true-false" as const,
      prompt: "Austria was occupied in 1945.",
      correct: true,
      explanation: "",
      timeLimitSec: 10,
      points: "standard" as const,
      difficulty: 2 as const,
      tags: [],
      image: { src: "maps/zone-map.png", alt: "Austria's four zones" },
    };
    expect(prepareQuestion(question, "cold-war", createRng(1)).public.image).toEqual({
      src: "/api/bank-images/cold-war/maps/zone-map.png",
      alt: "Austria's four zones",
    });
    expect(bankImageUrl("b", "a.png")).toBe("/api/bank-images/b/a.png");
  });
});
