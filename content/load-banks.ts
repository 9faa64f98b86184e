import fs from "node:fs";
import path from "node:path";
import { type Bank, type ContentError, checkBankImages, parseBank } from "@handsup/shared";

/** A bank together with the file it came from. */
export type LoadedBank = { file: string; bank: Bank };

/**
 * Reads and validates bank files, and the pictures their questions show (content/banks/<bank id>/<src>); also
 * rejects two files that declare the same bank id.
 */
export function loadBankFiles(files: readonly string[]): { banks: LoadedBank[]; errors: ContentError[] } {
  const banks: LoadedBank[] = [];
  const errors: ContentError[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      errors.push({ file, path: "(file)", message: `could not read the file (${describeFsError(error)})` });
      continue;
    }
    const result = parseBank(text, file);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const pictureFolder = path.join(path.dirname(file), result.bank.id);
    const imageErrors = checkBankImages(result.bank, file, (src) => readPicture(pictureFolder, src));
    if (imageErrors.length > 0) {
      errors.push(...imageErrors);
      continue;
    }
    const earlier = banks.find((loaded) => loaded.bank.id === result.bank.id);
    if (earlier) {
      errors.push({ file, path: "id", message: `bank id "${result.bank.id}" is already used by ${earlier.file}` });
      continue;
    }
    banks.push({ file, bank: result.bank });
  }
  return { banks, errors };
}

/** A picture's bytes, or undefined when there is no such file. */
function readPicture(folder: string, src: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(path.join(folder, src));
  } catch {
    return undefined;
  }
}

/** Every .yaml/.yml file directly inside `dir`, sorted by name. */
export function bankFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Loads every bank in a folder; the server calls this at boot and refuses to start if `errors` is not empty. */
export function loadBanksFromDir(dir: string): { banks: Bank[]; errors: ContentError[] } {
  let files: string[];
  try {
    files = bankFilesIn(dir);
  } catch (error) {
    return {
      banks: [],
      errors: [{ file: dir, path: "(file)", message: `could not read the folder (${describeFsError(error)})` }],
    };
  }
  const { banks, errors } = loadBankFiles(files);
  return { banks: banks.map((loaded) => loaded.bank), errors };
}

/** "no such file or directory" rather than a stack trace. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a folder";
  return error instanceof Error ? error.message : String(error);
}
