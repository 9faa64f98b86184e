// pnpm content:check [paths…] — validates bank files (default: every bank in content/banks).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BANKS_DIR } from "../index.ts";
import { bankFilesIn, describeFsError, loadBankFiles } from "../load-banks.ts";
import { countByType, printErrors, runCli, UserError } from "./report.ts";

/** Expands folder arguments into their .yaml/.yml files; file arguments pass through. */
function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((given) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (error) {
      throw new UserError(`${given}: ${describeFsError(error)}`);
    }
    if (!stat.isDirectory()) return [given];
    const files = bankFilesIn(given);
    if (files.length === 0) throw new UserError(`${given}: no .yaml or .yml files in this folder`);
    return files;
  });
}

await runCli(() => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const targets = positionals.length > 0 ? positionals : [path.relative(process.cwd(), BANKS_DIR) || "."];
  const { banks, errors } = loadBankFiles(expandPaths(targets));
  for (const { bank } of banks) {
    console.log(`${bank.id}: ${bank.questions.length} questions (${countByType(bank.questions)})`);
  }
  printErrors(errors);
  return errors.length > 0 ? 1 : 0;
});
