import Papa from "papaparse";
import type { GameReport } from "./report.ts";
import { gameLine, reportTable, type TableName } from "./report-tables.ts";

// Excel reads a CSV as the local ANSI code page unless it starts with a byte order mark.
const UTF8_BOM = "\uFEFF";
const NEWLINE = "\r\n";

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets; papaparse
// prefixes such text cells with ' (numbers are left alone, so a score of -5 stays a number).
// Its own default pattern ends in `.*$` without the s flag, so it misses text with a line break.
const FORMULA_START = /^[=+\-@\t\r]/;

export const STUDENT_COLUMNS = ["Rank", "Name", "Score", "Correct", "Answered", "Average time (ms)"];
export const QUESTION_COLUMNS = [
  "Question",
  "Bank",
  "Question ID",
  "Prompt",
  "Correct answer",
  "Answered",
  "% correct",
  "Average time (ms)",
  "Most common wrong answer",
];

/** The report as a spreadsheet-friendly CSV: a students table, a blank line, then a questions table. */
export function reportToCsv(report: GameReport): string {
  const students = report.students.map((s) => [
    s.removed ? "removed" : s.rank,
    s.name,
    s.score,
    s.correct,
    s.answered,
    s.averageMs,
  ]);
  // Questions are numbered from 1 for teachers; the report's index is 0-based like the game's.
  const questions = report.questions.map((q) => [
    q.index + 1,
    q.bankId,
    q.questionId,
    q.prompt,
    q.correctText,
    q.answered,
    q.percentCorrect,
    q.averageMs,
    q.mostCommonWrongAnswer,
  ]);
  return UTF8_BOM + toCsv(STUDENT_COLUMNS, students) + NEWLINE + NEWLINE + toCsv(QUESTION_COLUMNS, questions) + NEWLINE;
}

/**
 * One table of the report (report-tables.ts) as a CSV: a first row saying which game it is, then the header and the
 * rows. Times in seconds. Same BOM, line ends and formula protection as the combined file.
 */
export function tableToCsv(report: GameReport, name: TableName): string {
  const table = reportTable(report, name);
  const which = Papa.unparse([[gameLine(report)]], { newline: NEWLINE, escapeFormulae: FORMULA_START });
  return UTF8_BOM + which + NEWLINE + toCsv(table.columns, table.rows) + NEWLINE;
}

function toCsv(fields: string[], data: unknown[][]): string {
  return Papa.unparse({ fields, data }, { newline: NEWLINE, escapeFormulae: FORMULA_START });
}
