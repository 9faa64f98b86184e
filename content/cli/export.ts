// pnpm content:export <bank id> --format xlsx|csv [--out file] [--banks dir]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { bankToSpreadsheetRows, writeCsv, writeXlsx } from "@handsup/shared/content/export-spreadsheet.ts";
import { BANKS_DIR } from "../index.ts";
import { loadBanksFromDir } from "../load-banks.ts";
import { printErrors, runCli, UserError } from "./report.ts";

const USAGE = "usage: pnpm content:export <bank id> --format xlsx|csv [--out file]";

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" }, banks: { type: "string" } },
  });
  const [bankId] = positionals;
  const format = values.format;
  if (!bankId || positionals.length > 1 || (format !== "xlsx" && format !== "csv")) throw new UserError(USAGE);

  const { banks, errors } = loadBanksFromDir(values.banks ?? BANKS_DIR);
  const bank = banks.find((candidate) => candidate.id === bankId);
  if (!bank) {
    printErrors(errors, console.error);
    const known = banks.map((candidate) => candidate.id).join(", ") || "none";
    throw new UserError(`No valid bank with id "${bankId}". Banks available: ${known}.`);
  }

  const { rows, skipped, adjusted } = bankToSpreadsheetRows(bank);
  const out = values.out ?? `${bank.id}.${format}`;
  fs.writeFileSync(out, format === "xlsx" ? await writeXlsx(rows) : writeCsv(rows));
  for (const { id, reason } of skipped) console.log(`skipped ${id}: ${reason}`);
  for (const { id, change } of adjusted) console.log(`adjusted ${id}: ${change}`);
  console.log(`Exported ${bank.questions.length - skipped.length} of ${bank.questions.length} questions to ${out}.`);
  return 0;
});
