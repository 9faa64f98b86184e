import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bankToSpreadsheetRows, writeCsv, writeXlsx } from "../../shared/src/content/export-spreadsheet.ts";
import { importSpreadsheetRows, readCsvRows, readXlsxRows } from "../../shared/src/content/import-spreadsheet.ts";
import { type Bank, parseBank, type Question } from "../../shared/src/content/index.ts";

const HEADER = [
  "",
  "Question - max 120 characters",
  "Answer 1 - max 75 characters",
  "Answer 2 - max 75 characters",
  "Answer 3 - max 75 characters",
  "Answer 4 - max 75 characters",
  "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
  "Correct answer(s) - choose at least one",
];

// Spreadsheet rows 3–12 (the header is row 2, a title is row 1). Rows 7 and 10 are broken.
const DATA_ROWS: (string | number)[][] = [
  [1, "Who proposed a neutral Germany in 1953?", "Beria", "Malenkov", "Khrushchev", "Molotov", 20, 1],
  [2, "The Austrian State Treaty was signed in 1955.", "True", "False", "", "", 10, 1],
  [3, "Which were Soviet leaders after Stalin?", "Malenkov", "Truman", "Khrushchev", "", 30, "1,3"],
  [4, "Berlin Wall built in 1961.", "false", "TRUE", "", "", 5, 2],
  [5, "Where was the 1955 summit?", "Geneva", "Paris", "Vienna", "", 20, 3],
  [6, "Which base went back to Finland?", "Porkkala", "Hanko", "Turku", "", 20, 5],
  [7, "Which year was the Secret Speech?", "1953", "1956", "", "", 60, 2],
  [8, "Who led the Warsaw Pact's founding?", "USSR", "Poland", "", "", 90, 1],
  [9, "Hungary rose up in …", "1956", "1968", "1953", "", 7, 1],
  [10, "Who wrote the Secret Speech?", "Khrushchev", "Beria", "Zhukov", "Stalin", 240, 1],
];

const EXPECTED = [
  {
    type: "multiple-choice",
    prompt: "Who proposed a neutral Germany in 1953?",
    options: ["Beria", "Malenkov", "Khrushchev", "Molotov"],
    correct: ["Beria"],
    timeLimitSec: 20,
  },
  { type: "true-false", prompt: "The Austrian State Treaty was signed in 1955.", correct: true, timeLimitSec: 10 },
  {
    type: "multiple-choice",
    prompt: "Which were Soviet leaders after Stalin?",
    options: ["Malenkov", "Truman", "Khrushchev"],
    correct: ["Malenkov", "Khrushchev"],
    timeLimitSec: 30,
  },
  { type: "true-false", prompt: "Berlin Wall built in 1961.", correct: true, timeLimitSec: 5 },
  {
    type: "multiple-choice",
    prompt: "Where was the 1955 summit?",
    options: ["Geneva", "Paris", "Vienna"],
    correct: ["Vienna"],
    timeLimitSec: 20,
  },
  {
    type: "multiple-choice",
    prompt: "Which year was the Secret Speech?",
    options: ["1953", "1956"],
    correct: ["1956"],
    timeLimitSec: 60,
  },
  {
    type: "multiple-choice",
    prompt: "Who led the Warsaw Pact's founding?",
    options: ["USSR", "Poland"],
    correct: ["USSR"],
    timeLimitSec: 90,
  },
  {
    type: "multiple-choice",
    prompt: "Who wrote the Secret Speech?",
    options: ["Khrushchev", "Beria", "Zhukov", "Stalin"],
    correct: ["Khrushchev"],
    timeLimitSec: 240,
  },
];

/** The parts of a question the spreadsheet carries. */
function gist(question: Question) {
  const { type, prompt, timeLimitSec } = question;
  if (question.type === "multiple-choice")
    return { type, prompt, options: question.options, correct: question.correct, timeLimitSec };
  if (question.type === "true-false") return { type, prompt, correct: question.correct, timeLimitSec };
  return { type, prompt, timeLimitSec };
}

let dir: string;
let quizFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-spreadsheet-"));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sheet1");
  sheet.addRow(["", "Quiz template: Cold War thaw"]);
  sheet.addRow(HEADER);
  for (const row of DATA_ROWS) sheet.addRow(row);
  // The real template comes pre-numbered well past the last question.
  for (let n = 11; n <= 15; n++) sheet.addRow([n]);
  quizFile = path.join(dir, "quiz.xlsx");
  await workbook.xlsx.writeFile(quizFile);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("importing the quiz template", () => {
  test("a real XLSX: 8 questions, and the 2 broken rows reported by row number", async () => {
    const rows = await readXlsxRows(fs.readFileSync(quizFile));
    const { questions, rejected } = importSpreadsheetRows(rows, "quiz.xlsx");
    expect(rejected).toEqual([
      { row: 8, reason: "correct answer 5 but only 3 answers given" },
      { row: 11, reason: "time limit 7 is not one of 5, 10, 20, 30, 60, 90, 120, 240" },
    ]);
    expect(questions.map(gist)).toEqual(EXPECTED);
    expect(questions.map((question) => question.id)).toEqual([
      "q-001",
      "q-002",
      "q-003",
      "q-004",
      "q-005",
      "q-006",
      "q-007",
      "q-008",
    ]);
    expect(questions[0]).toMatchObject({
      // The template has no explanation column: none, rather than filler the phones would show as teaching.
      explanation: "",
      points: "standard",
      difficulty: 2,
      tags: [],
    });
  });

  test.each([
    ["no question text", ["", "", "A", "B", "", "", "20", "1"], "no question text"],
    [
      "a question over 120 characters",
      ["", "x".repeat(121), "A", "B", "", "", "20", "1"],
      "question longer than 120 characters",
    ],
    [
      "an answer over 75 characters",
      ["", "Q?", "A", "b".repeat(76), "", "", "20", "1"],
      "answer 2 longer than 75 characters",
    ],
    ["a single answer", ["", "Q?", "A", "", "", "", "20", "1"], "needs at least 2 answers, found 1"],
    ["no correct answer", ["", "Q?", "A", "B", "", "", "20", ""], "no correct answer chosen"],
    [
      "a letter as the correct answer",
      ["", "Q?", "A", "B", "", "", "20", "B"],
      'correct answer "B" is not an answer number (1 to 4)',
    ],
    [
      "a correct answer pointing at a gap",
      ["", "Q?", "A", "", "C", "", "20", "2"],
      "correct answer 2 but answer 2 is empty",
    ],
    ["two equal answers", ["", "Q?", "A", "B", "A", "", "20", "1"], 'answers 1 and 3 are the same ("A")'],
    [
      "a time limit off the list",
      ["", "Q?", "A", "B", "", "", "45", "1"],
      "time limit 45 is not one of 5, 10, 20, 30, 60, 90, 120, 240",
    ],
  ])("rejects %s", (_what, row, reason) => {
    const header = HEADER.map((cell) => cell.replace("\u2013", "-"));
    expect(importSpreadsheetRows([header, row], "q.csv")).toEqual({ questions: [], rejected: [{ row: 2, reason }] });
  });

  test("a blank time limit takes the type's default; a header without the number column works", () => {
    const rows = [
      HEADER.slice(1),
      ["Is it?", "True", "False", "", "", "", "2"],
      ["Which?", "A", "B", "C", "", "", "2"],
    ];
    const { questions } = importSpreadsheetRows(rows, "q.csv");
    expect(questions.map(gist)).toEqual([
      { type: "true-false", prompt: "Is it?", correct: false, timeLimitSec: 10 },
      { type: "multiple-choice", prompt: "Which?", options: ["A", "B", "C"], correct: ["B"], timeLimitSec: 20 },
    ]);
  });
});

describe("exporting a bank to the template and back", () => {
  const bankFromImport = async (): Promise<Bank> => {
    const { questions } = importSpreadsheetRows(await readXlsxRows(fs.readFileSync(quizFile)), "quiz.xlsx");
    return { id: "cold-war", title: "Cold War thaw", tags: [], questions };
  };

  test("XLSX round trip keeps every question", async () => {
    const bank = await bankFromImport();
    const { rows, skipped } = bankToSpreadsheetRows(bank);
    expect(skipped).toEqual([]);
    const file = path.join(dir, "export.xlsx");
    fs.writeFileSync(file, await writeXlsx(rows));
    const again = importSpreadsheetRows(await readXlsxRows(fs.readFileSync(file)), "export.xlsx");
    expect(again.rejected).toEqual([]);
    expect(again.questions.map(gist)).toEqual(EXPECTED);
  });

  test("CSV round trip keeps every question", async () => {
    const bank = await bankFromImport();
    const file = path.join(dir, "export.csv");
    fs.writeFileSync(file, writeCsv(bankToSpreadsheetRows(bank).rows));
    const again = importSpreadsheetRows(readCsvRows(fs.readFileSync(file, "utf8")), "export.csv");
    expect(again.rejected).toEqual([]);
    expect(again.questions.map(gist)).toEqual(EXPECTED);
  });

  test("questions the template cannot hold are listed as skipped", () => {
    const parsed = parseBank(
      fs.readFileSync(path.join(import.meta.dirname, "../fixtures/banks/small-valid.yaml"), "utf8"),
      "small-valid.yaml",
    );
    if (!parsed.ok) throw new Error("fixture bank should be valid");
    const { rows, skipped, adjusted } = bankToSpreadsheetRows(parsed.bank);
    expect(skipped).toEqual([
      {
        id: "finland-base",
        reason: "type-answer questions don't fit the template (it holds multiple-choice and true-false only)",
      },
      {
        id: "army-cut",
        reason: "numeric questions don't fit the template (it holds multiple-choice and true-false only)",
      },
      {
        id: "thaw-order",
        reason: "ordering questions don't fit the template (it holds multiple-choice and true-false only)",
      },
    ]);
    expect(adjusted).toEqual([]);
    expect(rows.slice(3)).toEqual([
      [
        "1",
        "Shortly after Stalin's death, who proposed a reunified, neutral Germany?",
        "Beria",
        "Malenkov",
        "Khrushchev",
        "Molotov",
        "20",
        "1",
      ],
      ["2", "The Austrian State Treaty was signed in 1955.", "True", "False", "", "", "10", "1"],
    ]);
  });

  test("a time limit the template lacks is rounded up, never down", () => {
    const parsed = parseBank(
      "id: t\ntitle: T\nquestions:\n  - { id: a, type: true-false, prompt: P, correct: false, explanation: E, timeLimitSec: 45 }\n",
      "t.yaml",
    );
    if (!parsed.ok) throw new Error("bank should be valid");
    const { rows, adjusted } = bankToSpreadsheetRows(parsed.bank);
    expect(rows[3]).toEqual(["1", "P", "True", "False", "", "", "60", "2"]);
    expect(adjusted).toEqual([{ id: "a", change: "time limit 45 s written as 60 s" }]);
  });
});

describe("dollar signs in the template are money, not maths", () => {
  test("a price imports as a plain dollar sign, and exports back as it was written", () => {
    const header = HEADER.map((cell) => cell.replace("\u2013", "-"));
    const row = ["", "Finland paid $300 million. Was it more than $5?", "$300 million", "$5", "", "", "20", "1"];
    const { questions, rejected } = importSpreadsheetRows([header, row], "q.csv");
    expect(rejected).toEqual([]);
    expect(questions[0]).toMatchObject({
      prompt: "Finland paid \\$300 million. Was it more than \\$5?",
      options: ["\\$300 million", "\\$5"],
      correct: ["\\$300 million"],
    });
    const bank = { id: "money", title: "Money", tags: [], questions } as Bank;
    expect(bankToSpreadsheetRows(bank).rows[3]).toEqual([
      "1",
      "Finland paid $300 million. Was it more than $5?",
      "$300 million",
      "$5",
      "",
      "",
      "20",
      "1",
    ]);
  });
});
