import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A bank's version: a short hash of its file's bytes, so any change (the editor's or a text editor's) is seen. */
export function versionOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The file's text, or undefined when there is no such file. */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Replaces `file` with `text` so that a reader (or a crash, or a power cut) sees the old file or the new one,
 * never half of one: write a temporary file beside it, flush it to disk, then rename it over the old name.
 * The temporary name ends in neither .yaml nor .yml, so the bank loader never picks it up.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const fd = fs.openSync(temporary, "wx", 0o644);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(dir);
}

/** Flushes a folder's entries, so a rename survives a power cut. */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}

/** Removes temporary files left by a save killed before its rename; a minute old, so never one being written now. */
export function removeStaleTemporaries(dir: string, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    if (!/^\..+\.ya?ml\.\d+-[0-9a-f]{8}\.tmp$/.test(name)) continue;
    const file = path.join(dir, name);
    if (now - fs.statSync(file).mtimeMs > 60_000) fs.rmSync(file, { force: true });
  }
}

/** Thrown when another process is saving the same bank at this moment. */
export class BankBusyError extends Error {}

/** A lock older than this was left by a process killed mid-save, and is taken over. */
const STALE_LOCK_MS = 10_000;

/**
 * Runs `work` while holding `<file>.lock` (created exclusively), so two server processes sharing a banks folder cannot
 * both check the version and then both write: the second is told to try again instead of overwriting the first.
 */
export function withFileLock<T>(file: string, work: () => T): T {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let age: number;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile: try again
      }
      if (age > STALE_LOCK_MS) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      throw new BankBusyError("Someone else is saving this bank right now. Wait a moment and save again.");
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
