import fs from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { RESULTS_FILE_NAME } from "./results/results-store.ts";

/**
 * Thrown before the server listens when it cannot run safely: main.ts prints the message (one plain
 * sentence naming the path or port and what to do) and exits 1, without a stack trace.
 */
export class StartupError extends Error {}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EROFS") return "it is on a read-only file system";
  if (code === "EACCES" || code === "EPERM") return "this user may not write there";
  if (code === "ENOTDIR" || code === "EEXIST") return "a file of that name is in the way";
  if (code === "ENOSPC") return "the disk is full";
  return (error as Error).message;
}

/**
 * Checks DATA_DIR before any game can start: the folder can be created and written to, and an
 * existing results file is a SQLite database that passes `PRAGMA quick_check`. A game that boots on
 * a broken folder would refuse every join and lose every answer, so the server refuses to start.
 */
export function checkDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StartupError(
      `Hands Up cannot start: the data folder ${dataDir} cannot be created (${reason(error)}). ` +
        "Set DATA_DIR to a folder this user can write to, or fix the folder's permissions.",
    );
  }
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
  } catch (error) {
    throw new StartupError(
      `Hands Up cannot start: the data folder ${dataDir} is not writable (${reason(error)}). ` +
        "Set DATA_DIR to a folder this user can write to, or fix the folder's permissions.",
    );
  }
  const file = path.join(dataDir, RESULTS_FILE_NAME);
  if (!fs.existsSync(file)) return;
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `Hands Up cannot start: the results file ${file} cannot be written (${reason(error)}). ` +
        "Fix its permissions, or set DATA_DIR to another folder.",
    );
  }
  const problem = quickCheck(file);
  if (problem !== undefined) {
    throw new StartupError(
      `Hands Up cannot start: the results file ${file} is damaged or not a Hands Up database (${problem}). ` +
        "Move it somewhere else (restore it from a backup if you have one) and start again with a fresh file, " +
        "or set DATA_DIR to another folder.",
    );
  }
}

/** Undefined when the file is a healthy SQLite database, else what SQLite found (first problem only). */
function quickCheck(file: string): string | undefined {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
    const rows = db.prepare("PRAGMA quick_check").all() as { quick_check?: string }[];
    const first = rows[0]?.quick_check;
    if (rows.length === 1 && first === "ok") return undefined;
    return `SQLite quick_check: ${first ?? "no answer"}${rows.length > 1 ? ` and ${rows.length - 1} more` : ""}`;
  } catch (error) {
    return `SQLite says: ${(error as Error).message}`;
  } finally {
    try {
      db?.close();
    } catch {
      // closing a file that never opened
    }
  }
}
