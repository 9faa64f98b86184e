import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Bank, MultipleChoiceQuestion, Question } from "./bank.schema.ts";
import { unescapeDollars } from "./maths.ts";
import {
  TEMPLATE_ANSWER_COLUMNS,
  TEMPLATE_HEADERS,
  TEMPLATE_MAX_ANSWER_LENGTH,
  TEMPLATE_MAX_QUESTION_LENGTH,
  TEMPLATE_TIME_LIMITS,
} from "./spreadsheet-template.ts";

/** A question left out of the export, with the reason in plain words. */
export type SkippedQuestion = { id: string; reason: string };
/** A question exported with a change the template forced (for example a time limit it does not offer). */
export type AdjustedQuestion = { id: string; change: string };
export type SpreadsheetExport = { rows: string[][]; skipped: SkippedQuestion[]; adjusted: AdjustedQuestion[] };

/** Lays a bank out in the quiz template: a title row, a blank row, the header, then one numbered row per question. */
export function bankToSpreadsheetRows(bank: Bank): SpreadsheetExport {
  const header = [
    "",
    TEMPLATE_HEADERS.question,
    ...Array.from({ length: TEMPLATE_ANSWER_COLUMNS }, (_, i) => TEMPLATE_HEADERS.answer(i + 1)),
    TEMPLATE_HEADERS.timeLimit,
    TEMPLATE_HEADERS.correct,
  ];
  const rows: string[][] = [["", `${bank.title} (bank ${bank.id})`], [], header];
  const skipped: SkippedQuestion[] = [];
  const adjusted: AdjustedQuestion[] = [];
  for (const question of bank.questions) {
    const answers = templateAnswers(question);
    if (typeof answers === "string") {
      skipped.push({ id: question.id, reason: answers });
      continue;
    }
    const timeLimit = nearestTemplateTimeLimit(question.timeLimitSec);
    if (timeLimit !== question.timeLimitSec) {
      adjusted.push({ id: question.id, change: `time limit ${question.timeLimitSec} s written as ${timeLimit} s` });
    }
    const number = String(rows.length - 2);
    const answerCells = Array.from({ length: TEMPLATE_ANSWER_COLUMNS }, (_, i) => answers.options[i] ?? "");
    // The template is plain text: a `\$` (a dollar sign in the bank) is written as "$".
    const cells = [question.prompt, ...answerCells].map(unescapeDollars);
    rows.push([number, ...cells, String(timeLimit), answers.correct.join(",")]);
  }
  return { rows, skipped, adjusted };
}

/** The template's answer cells and 1-based correct numbers for a question, or why it cannot be exported. */
function templateAnswers(question: Question): { options: string[]; correct: number[] } | string {
  if (question.type === "true-false") {
    return { options: ["True", "False"], correct: [question.correct ? 1 : 2] };
  }
  if (question.type !== "multiple-choice") {
    return `${question.type} questions don't fit the template (it holds multiple-choice and true-false only)`;
  }
  if (question.prompt.length > TEMPLATE_MAX_QUESTION_LENGTH) {
    return `question longer than ${TEMPLATE_MAX_QUESTION_LENGTH} characters`;
  }
  if (question.options.length > TEMPLATE_ANSWER_COLUMNS) {
    return `has ${question.options.length} options; the template holds at most ${TEMPLATE_ANSWER_COLUMNS}`;
  }
  const longOption = question.options.findIndex((option) => option.length > TEMPLATE_MAX_ANSWER_LENGTH);
  if (longOption !== -1) return `option ${longOption + 1} longer than ${TEMPLATE_MAX_ANSWER_LENGTH} characters`;
  return { options: question.options, correct: correctNumbers(question) };
}

function correctNumbers(question: MultipleChoiceQuestion): number[] {
  return question.options.flatMap((option, index) => (question.correct.includes(option) ? [index + 1] : []));
}

/** The smallest template time limit that gives at least `seconds` (never less time than the bank asked for). */
function nearestTemplateTimeLimit(seconds: number): number {
  return TEMPLATE_TIME_LIMITS.find((allowed) => allowed >= seconds) ?? TEMPLATE_TIME_LIMITS.at(-1) ?? seconds;
}

/** Writes rows as an XLSX workbook with one sheet; whole-number cells are stored as numbers, as the template has them. */
export async function writeXlsx(rows: readonly (readonly string[])[], sheetName = "Quiz"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 5 : index === 1 ? 60 : 30;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}

/** Writes rows as CSV text. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows.map((row) => [...row]));
}
