// pnpm content:import <file.xlsx|file.csv> --out content/banks/<id>.yaml [--title T]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Bank, formatBankYaml, parseBank } from "@handsup/shared";
import {
  importSpreadsheetRows,
  readCsvRows,
  readXlsxRows,
  SpreadsheetTemplateError,
} from "@handsup/shared/content/import-spreadsheet.ts";
import { describeFsError } from "../load-banks.ts";
import { printErrors, runCli, UserError } from "./report.ts";

const USAGE = "usage: pnpm content:import <file.xlsx|file.csv> --out content/banks/<id>.yaml [--title T]";

async function readRows(file: string): Promise<string[][]> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== ".xlsx" && extension !== ".csv") throw new UserError(`${file}: expected an .xlsx or .csv file`);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`${file}: ${describeFsError(error)}`);
  }
  if (extension === ".csv") return readCsvRows(data.toString("utf8"));
  try {
    return await readXlsxRows(data);
  } catch {
    throw new UserError(`${file}: not a readable .xlsx file`);
  }
}

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { out: { type: "string" }, title: { type: "string" } },
  });
  const [input] = positionals;
  if (!input || !values.out || positionals.length > 1) throw new UserError(USAGE);
  const out = values.out;
  const id = path.basename(out).replace(/\.ya?ml$/i, "");

  const rows = await readRows(input);
  let imported: ReturnType<typeof importSpreadsheetRows>;
  try {
    imported = importSpreadsheetRows(rows, path.basename(input));
  } catch (error) {
    if (error instanceof SpreadsheetTemplateError) throw new UserError(`${input}: ${error.message}`);
    throw error;
  }
  for (const { row, reason } of imported.rejected) console.log(`row ${row}: ${reason}`);
  if (imported.questions.length === 0) {
    console.log(`Nothing imported from ${input}.`);
    return 1;
  }

  const bank: Bank = {
    id,
    title: values.title ?? path.basename(input, path.extname(input)),
    source: `Imported from the spreadsheet ${path.basename(input)}`,
    tags: [],
    questions: imported.questions,
  };
  const yamlText = formatBankYaml(bank);
  // Re-read what we are about to write, so a bad id (say, from the file name) is caught before it lands in banks/.
  const check = parseBank(yamlText, out);
  if (!check.ok) {
    printErrors(check.errors, console.error);
    throw new UserError(`Not written: the imported bank would not be valid (is "${id}" a kebab-case file name?).`);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, yamlText);
  const rejectedNote = imported.rejected.length > 0 ? `, ${imported.rejected.length} rows rejected` : "";
  console.log(`Imported ${imported.questions.length} questions into ${out}${rejectedNote}.`);
  const unexplained = imported.questions.filter((question) => question.explanation === "").length;
  if (unexplained > 0) {
    console.log(
      `${unexplained} of them have no explanation yet (the template has no column for it): write one in each ` +
        '`explanation: ""` so students learn why at the reveal.',
    );
  }
  return 0;
});
