import type { GameReport, GridCell } from "./report.ts";

/**
 * The report as the tables a teacher downloads (CSV per table, one XLSX sheet per table). One definition for both
 * formats, so a column means the same in each; docs/results.md describes every column. Times are in seconds.
 */
export type TableName = "summary" | "students" | "questions" | "grid";
export const TABLE_NAMES: readonly TableName[] = ["summary", "students", "questions", "grid"];

export type Cell = string | number | null;

export interface ReportTable {
  name: TableName;
  /** the sheet's name in the XLSX */
  title: string;
  columns: string[];
  rows: Cell[][];
}

const OUTCOME_TEXT: Record<GridCell["outcome"], string> = {
  right: "right",
  wrong: "wrong",
  noAnswer: "no answer",
  skipped: "skipped",
};

/** "Which game is this": the line each file carries (the Summary sheet, and a first row in each CSV). */
export function gameLine(report: GameReport): string {
  return `Hands Up results: ${report.game.title} (game ${report.game.code}, ${gameDate(report)})`;
}

/** The game's date (UTC) as YYYY-MM-DD. */
export function gameDate(report: GameReport): string {
  return new Date(report.game.createdAt).toISOString().slice(0, 10);
}

/** A file name carrying the game's title and date, in characters every file system and browser accepts. */
export function reportFileName(report: GameReport, table: TableName | "all", extension: "csv" | "xlsx"): string {
  const title =
    report.game.title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "") // é → e: accents dropped rather than turned into _
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "game";
  const part = table === "all" ? "" : `-${table}`;
  return `handsup-${title}-${gameDate(report)}${part}.${extension}`;
}

export function reportTable(report: GameReport, name: TableName): ReportTable {
  switch (name) {
    case "summary":
      return summaryTable(report);
    case "students":
      return studentsTable(report);
    case "questions":
      return questionsTable(report);
    case "grid":
      return gridTable(report);
  }
}

function summaryTable(report: GameReport): ReportTable {
  const { game, students, questions } = report;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(".000Z", "Z"));
  const reteach = report.reteach
    .map((index) => {
      const q = questions.find((question) => question.index === index);
      return q ? `Q${index + 1} (${q.percentCorrect}%)` : "";
    })
    .join(", ");
  return {
    name: "summary",
    title: "Summary",
    columns: ["Field", "Value"],
    rows: [
      ["Game", game.title],
      ["Join code", game.code],
      ["Question banks", game.bankIds.join(", ")],
      ["Started (UTC)", iso(game.createdAt)],
      ["Ended (UTC)", iso(game.endedAt)],
      ["Questions played", questions.length],
      ["Questions skipped", questions.filter((q) => q.skipped).length],
      ["Students", students.filter((s) => !s.removed).length],
      ["Students removed", students.filter((s) => s.removed).length],
      ["Questions to re-teach (lowest % correct first)", reteach],
    ],
  };
}

function studentsTable(report: GameReport): ReportTable {
  return {
    name: "students",
    title: "Students",
    columns: ["Rank", "Name", "Status", "Score", "Correct", "Answered", "Average time (s)"],
    rows: report.students.map((s) => [
      s.rank,
      s.name,
      s.removed ? "removed" : "playing",
      s.score,
      s.correct,
      s.answered,
      s.averageSeconds,
    ]),
  };
}

function questionsTable(report: GameReport): ReportTable {
  const reteachRank = new Map(report.reteach.map((index, position) => [index, position + 1]));
  return {
    name: "questions",
    title: "Questions",
    columns: [
      "Question",
      "Status",
      "Prompt",
      "Correct answer",
      "Answered",
      "% correct",
      "Most common wrong answer",
      "Average time (s)",
      "Re-teach rank",
      "Bank",
      "Question ID",
    ],
    rows: report.questions.map((q) => [
      q.index + 1,
      q.skipped ? "skipped" : "played",
      q.prompt,
      q.correctText,
      q.answered,
      q.percentCorrect,
      q.mostCommonWrongAnswer,
      q.averageSeconds,
      reteachRank.get(q.index) ?? null,
      q.bankId,
      q.questionId,
    ]),
  };
}

/** The student × question grid, long form: one row per student per question (filters and pivots well). */
function gridTable(report: GameReport): ReportTable {
  const prompts = new Map(report.questions.map((q) => [q.index, q.prompt]));
  return {
    name: "grid",
    title: "Grid",
    columns: ["Name", "Status", "Question", "Prompt", "Result", "Answer", "Time (s)", "Points"],
    rows: report.grid.flatMap((row) =>
      row.cells.map((cell) => [
        row.name,
        row.removed ? "removed" : "playing",
        cell.questionIndex + 1,
        prompts.get(cell.questionIndex) ?? "",
        OUTCOME_TEXT[cell.outcome],
        cell.answerText,
        cell.seconds,
        cell.points,
      ]),
    ),
  };
}
