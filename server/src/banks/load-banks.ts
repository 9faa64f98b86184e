import { bankFilesIn, loadBankFiles } from "@handsup/content";
import type { Bank } from "@handsup/shared";

/** Thrown at boot when a bank file is broken: the server refuses to start and says why. */
export class BankLoadError extends Error {}

/** Loads every bank in `dir`, or throws a BankLoadError listing each problem (file, path, message). */
export function loadBanksOrFail(dir: string): Bank[] {
  let files: string[];
  try {
    files = bankFilesIn(dir);
  } catch (error) {
    throw new BankLoadError(`Cannot read the question banks folder ${dir}: ${(error as Error).message}`);
  }
  const { banks, errors } = loadBankFiles(files);
  if (errors.length > 0) {
    const lines = errors.map((error) => `  ${error.file}: ${error.path}: ${error.message}`);
    throw new BankLoadError(
      `Hands Up cannot start: ${errors.length} problem(s) in the question banks.\n${lines.join("\n")}\n` +
        "Fix the file(s) above (run `pnpm content:check` to re-check) and start again.",
    );
  }
  if (banks.length === 0) throw new BankLoadError(`No question banks (*.yaml) found in ${dir}.`);
  return banks.map((loaded) => loaded.bank);
}
