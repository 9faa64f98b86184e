import {
  createGame,
  type Game,
  type GameEvent,
  type LedgerEntry,
  NO_ANSWER_TEXT,
  reportStandings,
  revealOf,
  SPOKEN_ANSWER_TEXT,
  step,
} from "@handsup/shared";
import {
  type GameReport,
  type GridCell,
  type GridRow,
  mostCommonAnswer,
  type QuestionResult,
  reteachOrder,
  toSeconds,
} from "./report.ts";
import type { GameRow } from "./results-store.ts";

/**
 * The report of a game, derived from its event log: the game is rebuilt by `replay` and every figure comes from
 * its ledger, ranked by THE ranking function (rules/leaderboard.ts). So the report can never disagree with what
 * the projector and phones showed: a skipped question's answers are voided here exactly as there.
 */
export function reportFromEvents(row: GameRow, events: readonly GameEvent[]): GameReport {
  // replay() by hand, to hear which questions were skipped: the game keeps only the open question's flag.
  const [first, ...rest] = events;
  if (first?.type !== "create") throw new Error("an event log starts with create");
  const game = createGame(first);
  const skipped = new Set<number>();
  for (const event of rest) {
    for (const effect of step(game, event).effects) if (effect.type === "voided") skipped.add(effect.questionIndex);
  }
  return reportFromGame(row, game, skipped);
}

/** The report of a game already rebuilt; `skipped` = the questions the teacher skipped (the "voided" effects). */
export function reportFromGame(row: GameRow, game: Game, skipped: ReadonlySet<number> = new Set()): GameReport {
  const pending = pendingAnswers(game);
  const counted = [...game.ledger.filter((entry) => !entry.voided), ...pending];
  const standings = reportStandings(game);
  const students = standings.map((row) => {
    const answers = counted.filter((entry) => entry.playerId === row.playerId && entry.answerText !== null);
    const averageMs = average(answers.map((entry) => entry.responseMs));
    return {
      rank: row.rank,
      ...(row.status === "kicked" ? { removed: true } : {}),
      name: row.name,
      score: row.score,
      correct: answers.filter((entry) => entry.result === "correct").length,
      answered: answers.length,
      averageMs,
      averageSeconds: toSeconds(averageMs),
    };
  });
  const questions: QuestionResult[] = [];
  game.questions.forEach((played, index) => {
    if (!opened(game, index)) return;
    const answers = counted.filter((entry) => entry.questionIndex === index && entry.answerText !== null);
    const correct = answers.filter((entry) => entry.result === "correct").length;
    const wrongTexts = answers
      .map((entry) => (entry.result === "wrong" ? entry.answerText : null))
      .filter((text): text is string => text !== null && text !== SPOKEN_ANSWER_TEXT && text !== NO_ANSWER_TEXT);
    const averageMs = average(answers.map((entry) => entry.responseMs));
    questions.push({
      index,
      questionId: played.prepared.question.id,
      bankId: played.prepared.bankId,
      prompt: played.prepared.public.prompt,
      correctText: revealOf(played.prepared).correctText,
      answered: answers.length,
      percentCorrect: answers.length === 0 ? null : Math.round((correct / answers.length) * 1000) / 10,
      averageMs,
      averageSeconds: toSeconds(averageMs),
      mostCommonWrongAnswer: mostCommonAnswer(wrongTexts),
      skipped: skipped.has(index) || (game.current?.index === index && game.current.skipped),
    });
  });
  // The grid reads every entry, voided ones too: a skipped question shows what was answered, marked skipped.
  const all = [...game.ledger, ...pending];
  const grid: GridRow[] = standings.map((student, position) => ({
    name: student.name,
    ...(students[position]?.removed ? { removed: true } : {}),
    cells: questions.map((question) =>
      gridCell(
        question,
        all.filter((entry) => entry.playerId === student.playerId && entry.questionIndex === question.index),
      ),
    ),
  }));
  return {
    game: {
      code: row.code,
      title: row.title,
      bankIds: row.bankIds,
      createdAt: row.createdAt,
      endedAt: game.endedAt ?? row.endedAt,
      questionCount: questions.length,
    },
    students,
    questions,
    grid,
    reteach: reteachOrder(questions),
  };
}

/**
 * One student's cell for one question, from their ledger entries for it (a buzzer question can give a student at
 * most one turn; a "missed" entry records that an everyone-question got no answer).
 */
function gridCell(question: QuestionResult, entries: readonly LedgerEntry[]): GridCell {
  const given = entries.find((entry) => entry.answerText !== null);
  const points = question.skipped ? 0 : entries.reduce((sum, entry) => sum + (entry.voided ? 0 : entry.points), 0);
  const outcome: GridCell["outcome"] = question.skipped
    ? "skipped"
    : given === undefined
      ? "noAnswer"
      : given.result === "correct"
        ? "right"
        : "wrong";
  return {
    questionIndex: question.index,
    outcome,
    answerText: given?.answerText ?? null,
    seconds: given ? toSeconds(given.responseMs) : null,
    points,
  };
}

/**
 * Answers to the open `everyone` question: acknowledged and in the log, but scored only at its reveal. A report
 * taken mid-question (or after a crash) lists them as given; their points arrive with the reveal.
 */
function pendingAnswers(game: Game): LedgerEntry[] {
  const current = game.current;
  if (!current || current.revealed !== null || current.skipped) return [];
  return Object.entries(current.answers).map(([playerId, given]) => ({
    questionIndex: current.index,
    playerId,
    mode: "everyone",
    result: given.correct ? "correct" : "wrong",
    points: 0,
    bonus: 0,
    streakAfter: 0,
    answerText: given.text,
    responseMs: given.responseMs,
    at: given.at,
    voided: false,
  }));
}

/** A question counts in the report once it opened (reached the question phase). */
function opened(game: Game, index: number): boolean {
  const at = game.phase.questionIndex;
  if (index < at) return true;
  if (index > at) return false;
  return game.phase.name !== "lobby" && game.phase.name !== "getReady";
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}
