import ExcelJS from "exceljs";
import Papa from "papaparse";
import { DEFAULT_TIME_LIMIT_SEC, type Question, QuestionSchema } from "./bank.schema.ts";
import { escapeDollars } from "./maths.ts";
import {
  TEMPLATE_ANSWER_COLUMNS,
  TEMPLATE_MAX_ANSWER_LENGTH,
  TEMPLATE_MAX_QUESTION_LENGTH,
  TEMPLATE_TIME_LIMITS,
} from "./spreadsheet-template.ts";

/** A spreadsheet row that could not become a question; `row` is the 1-based row number the teacher sees. */
export type RejectedRow = { row: number; reason: string };
export type SpreadsheetImport = { questions: Question[]; rejected: RejectedRow[] };

/** Thrown when the sheet is not in the template layout at all (no header row), as opposed to a bad row. */
export class SpreadsheetTemplateError extends Error {
  override name = "SpreadsheetTemplateError";
}

type TemplateColumns = { question: number; answers: number[]; timeLimit: number | undefined; correct: number };

/** Reads the first worksheet that holds a template header, as rows of cell texts (row i is spreadsheet row i+1). */
export async function readXlsxRows(data: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` type; at run time it accepts any Uint8Array.
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text);
      rows.push(cells);
    }
    return rows;
  });
  return sheets.find((rows) => findHeader(rows) !== undefined) ?? sheets[0] ?? [];
}

/** Parses CSV text into rows of cell texts (row i is spreadsheet row i+1). */
export function readCsvRows(csvText: string): string[][] {
  const parsed = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  return parsed.data;
}

/**
 * Turns template rows into questions; rows above the header are ignored, each unusable row is reported with a reason.
 * The file name is no longer written into the questions (it made filler explanations); callers still pass it.
 */
export function importSpreadsheetRows(rows: readonly (readonly string[])[], _fileName: string): SpreadsheetImport {
  const header = findHeader(rows);
  if (!header) {
    throw new SpreadsheetTemplateError(
      'no header row found: expected a row with the columns "Question - max 120 characters", "Answer 1 - max 75 characters" … "Correct answer(s) - choose at least one"',
    );
  }
  const questions: Question[] = [];
  const rejected: RejectedRow[] = [];
  for (let index = header.rowIndex + 1; index < rows.length; index++) {
    const rowNumber = index + 1;
    // The template has no explanation column: the question gets none (phones show none) until the teacher adds one.
    const outcome = questionFromRow(rows[index] ?? [], header.columns, {
      id: `q-${String(questions.length + 1).padStart(3, "0")}`,
      explanation: "",
    });
    if (outcome === "blank") continue;
    if (typeof outcome === "string") rejected.push({ row: rowNumber, reason: outcome });
    else questions.push(outcome);
  }
  return { questions, rejected };
}

/** Canonical form of a header cell: lowercase, any dash as "-", single spaces. */
function normaliseHeader(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function findHeader(rows: readonly (readonly string[])[]): { rowIndex: number; columns: TemplateColumns } | undefined {
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const cells = (rows[rowIndex] ?? []).map(normaliseHeader);
    const column = (prefix: string) => {
      const found = cells.findIndex((cell) => cell.startsWith(prefix));
      return found === -1 ? undefined : found;
    };
    const question = column("question");
    const firstAnswer = column("answer 1");
    const correct = column("correct answer");
    // Requiring the answer and correct columns too keeps a title row like "Questions on …" from passing as the header.
    if (question === undefined || firstAnswer === undefined || correct === undefined) continue;
    const answers: number[] = [];
    for (let n = 1; n <= TEMPLATE_ANSWER_COLUMNS; n++) {
      const found = column(`answer ${n}`);
      if (found !== undefined) answers.push(found);
    }
    return { rowIndex, columns: { question, answers, timeLimit: column("time limit"), correct } };
  }
  return undefined;
}

/** One row → a question, "blank" for an empty row, or the reason the row was rejected. */
function questionFromRow(
  row: readonly string[],
  columns: TemplateColumns,
  identity: { id: string; explanation: string },
): Question | "blank" | string {
  const cell = (index: number | undefined) => (index === undefined ? "" : (row[index] ?? "").trim());
  const prompt = cell(columns.question);
  const answers = columns.answers.map((index) => cell(index));
  const timeText = cell(columns.timeLimit);
  const correctText = cell(columns.correct);
  // The template comes pre-numbered, so a row with only its number in it is still blank.
  if (prompt === "" && answers.every((answer) => answer === "") && timeText === "" && correctText === "")
    return "blank";

  if (prompt === "") return "no question text";
  if (prompt.length > TEMPLATE_MAX_QUESTION_LENGTH) {
    return `question longer than ${TEMPLATE_MAX_QUESTION_LENGTH} characters`;
  }
  const tooLong = answers.findIndex((answer) => answer.length > TEMPLATE_MAX_ANSWER_LENGTH);
  if (tooLong !== -1) return `answer ${tooLong + 1} longer than ${TEMPLATE_MAX_ANSWER_LENGTH} characters`;
  const given = answers.filter((answer) => answer !== "");
  if (given.length < 2) return `needs at least 2 answers, found ${given.length}`;
  const duplicate = findDuplicate(answers);
  if (duplicate) return `answers ${duplicate[0] + 1} and ${duplicate[1] + 1} are the same ("${answers[duplicate[0]]}")`;

  const correctNumbers = parseCorrectNumbers(correctText, answers);
  if (typeof correctNumbers === "string") return correctNumbers;
  const correctAnswers = correctNumbers.map((n) => answers[n - 1] ?? "");

  const isTrueFalse =
    given.length === 2 &&
    correctAnswers.length === 1 &&
    [...given.map((answer) => answer.toLowerCase())].sort().join(",") === "false,true";
  const type = isTrueFalse ? "true-false" : "multiple-choice";
  const timeLimitSec = parseTimeLimit(timeText, DEFAULT_TIME_LIMIT_SEC[type]);
  if (typeof timeLimitSec === "string") return timeLimitSec;

  // The template has no maths: a `$` in it is money ("$300 million"), so it is kept as a plain dollar sign.
  const plain = {
    prompt: escapeDollars(prompt),
    options: given.map(escapeDollars),
    correct: correctAnswers.map(escapeDollars),
  };
  const raw = isTrueFalse
    ? { ...identity, type, prompt: plain.prompt, correct: correctAnswers[0]?.toLowerCase() === "true", timeLimitSec }
    : { ...identity, type, ...plain, timeLimitSec };
  const parsed = QuestionSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "not a valid question";
  return parsed.data;
}

function findDuplicate(answers: readonly string[]): [number, number] | undefined {
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      if (answers[i] !== "" && answers[i] === answers[j]) return [i, j];
    }
  }
  return undefined;
}

/** "1, 3" → [1, 3], checked against the answers actually filled in; otherwise the reason it is unusable. */
function parseCorrectNumbers(text: string, answers: readonly string[]): number[] | string {
  if (text === "") return "no correct answer chosen";
  const given = answers.filter((answer) => answer !== "").length;
  const numbers: number[] = [];
  for (const part of text.split(/[,;\s]+/).filter((piece) => piece !== "")) {
    if (!/^\d+$/.test(part)) return `correct answer "${part}" is not an answer number (1 to ${answers.length})`;
    const n = Number(part);
    if (n < 1 || n > answers.length || (answers[n - 1] === "" && n > lastFilled(answers))) {
      return `correct answer ${n} but only ${given} answers given`;
    }
    if (answers[n - 1] === "") return `correct answer ${n} but answer ${n} is empty`;
    if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

function lastFilled(answers: readonly string[]): number {
  let last = 0;
  answers.forEach((answer, index) => {
    if (answer !== "") last = index + 1;
  });
  return last;
}

function parseTimeLimit(text: string, fallback: number): number | string {
  if (text === "") return fallback;
  const seconds = Number(text);
  if (!(TEMPLATE_TIME_LIMITS as readonly number[]).includes(seconds)) {
    return `time limit ${text} is not one of ${TEMPLATE_TIME_LIMITS.join(", ")}`;
  }
  return seconds;
}
