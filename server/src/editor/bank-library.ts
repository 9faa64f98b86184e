import fs from "node:fs";
import path from "node:path";
import { bankFilesIn, loadBankFiles } from "@handsup/content";
import type { Bank, ContentError } from "@handsup/shared";
import { removeStaleTemporaries } from "./bank-files.ts";

/** A problem in one bank file, with the file named as the teacher sees it in the banks folder. */
export type BankProblem = ContentError;

/** How often the folder is compared with what was loaded, for changes fs.watch did not report (network drives). */
const POLL_MS = 2000;
/** fs.watch fires several events for one save; wait this long after the last before reloading. */
const SETTLE_MS = 100;

/**
 * The banks the server plays, kept in step with the banks folder while it runs. At boot the server still
 * refuses to start on a broken bank; after that a file broken on disk is reported in `problems` and the
 * last good version of that bank stays playable, so one mistake never takes the other banks down.
 */
export class BankLibrary {
  /** The playable banks. The same array for the server's lifetime, refilled on each reload, so the game API that
   * was given it at boot always sees the current banks without being rewired. */
  readonly banks: Bank[] = [];
  problems: BankProblem[] = [];
  /** Counts reloads; a test (or a page) can wait for the next one. */
  generation = 0;
  readonly dir: string;
  private lastGood = new Map<string, Bank>();
  private signature = "";
  private watcher: fs.FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;

  constructor(dir: string) {
    this.dir = dir;
    try {
      removeStaleTemporaries(dir, Date.now());
    } catch {
      // A read-only banks folder: nothing to tidy, and nothing the editor can save either.
    }
    this.reload();
  }

  /** Re-reads every bank file now. */
  reload(): void {
    const files = safeBankFiles(this.dir);
    const problems: BankProblem[] = [];
    const present = new Set(files);
    for (const file of this.lastGood.keys()) if (!present.has(file)) this.lastGood.delete(file);
    for (const file of files) {
      const { banks, errors } = loadBankFiles([file]);
      const loaded = banks[0];
      if (loaded && errors.length === 0) {
        this.lastGood.set(file, loaded.bank);
        continue;
      }
      const kept = this.lastGood.get(file);
      const note = kept ? ` (games still use the last good version of "${kept.title}")` : "";
      problems.push(
        ...errors.map((error, i) => ({ ...error, message: i === 0 ? error.message + note : error.message })),
      );
    }
    const byId = new Map<string, string>();
    const playable: Bank[] = [];
    for (const file of files) {
      const bank = this.lastGood.get(file);
      if (!bank) continue;
      const earlier = byId.get(bank.id);
      if (earlier) {
        problems.push({
          file,
          path: "id",
          message: `bank id "${bank.id}" is already used by ${path.basename(earlier)}`,
        });
        continue;
      }
      byId.set(bank.id, file);
      playable.push(bank);
    }
    this.banks.splice(0, this.banks.length, ...playable);
    this.problems = problems.map((problem) => ({ ...problem, file: path.basename(problem.file) }));
    this.signature = folderSignature(this.dir);
    this.generation++;
  }

  /** The file a playable bank was loaded from. */
  fileOf(bankId: string): string | undefined {
    for (const [file, bank] of this.lastGood) if (bank.id === bankId) return file;
    return undefined;
  }

  /** Starts following the folder: fs.watch for quick reloads, a cheap poll of names and times as a safety net. */
  watch(): void {
    try {
      this.watcher = fs.watch(this.dir, () => this.reloadSoon());
      this.watcher.on("error", () => this.watcher?.close());
    } catch {
      // No watcher (some network drives): the poll below still notices changes.
    }
    this.poller = setInterval(() => {
      if (folderSignature(this.dir) !== this.signature) this.reload();
    }, POLL_MS);
    this.poller.unref();
  }

  stop(): void {
    this.watcher?.close();
    clearInterval(this.poller);
    clearTimeout(this.settle);
  }

  private reloadSoon(): void {
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.reload(), SETTLE_MS);
    this.settle.unref();
  }
}

function safeBankFiles(dir: string): string[] {
  try {
    return bankFilesIn(dir);
  } catch {
    return [];
  }
}

/** Names, sizes and modification times of the bank files: changes whenever a bank is added, edited or removed. */
function folderSignature(dir: string): string {
  return safeBankFiles(dir)
    .map((file) => {
      try {
        const stat = fs.statSync(file);
        return `${file}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        return `${file}:gone`;
      }
    })
    .join("|");
}
