import {
  type Game,
  type GameEvent,
  type LedgerEntry,
  NO_ANSWER_TEXT,
  replay,
  reportStandings,
  revealOf,
  SPOKEN_ANSWER_TEXT,
} from "@handsup/shared";
import { type GameReport, mostCommonAnswer, type QuestionResult } from "./report.ts";
import type { GameRow } from "./results-store.ts";

/**
 * The report of a game, derived from its event log: the game is rebuilt by `replay` and every figure comes from
 * its ledger, ranked by THE ranking function (rules/leaderboard.ts). So the report can never disagree with what
 * the projector and phones showed: a skipped question's answers are voided here exactly as there.
 */
export function reportFromEvents(row: GameRow, events: readonly GameEvent[]): GameReport {
  return reportFromGame(row, replay([...events]));
}

export function reportFromGame(row: GameRow, game: Game): GameReport {
  const counted = [...game.ledger.filter((entry) => !entry.voided), ...pendingAnswers(game)];
  const students = reportStandings(game).map((row) => {
    const answers = counted.filter((entry) => entry.playerId === row.playerId && entry.answerText !== null);
    return {
      rank: row.rank,
      ...(row.status === "kicked" ? { removed: true } : {}),
      name: row.name,
      score: row.score,
      correct: answers.filter((entry) => entry.result === "correct").length,
      answered: answers.length,
      averageMs: average(answers.map((entry) => entry.responseMs)),
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
    questions.push({
      index,
      questionId: played.prepared.question.id,
      bankId: played.prepared.bankId,
      prompt: played.prepared.public.prompt,
      correctText: revealOf(played.prepared).correctText,
      answered: answers.length,
      percentCorrect: answers.length === 0 ? null : Math.round((correct / answers.length) * 1000) / 10,
      averageMs: average(answers.map((entry) => entry.responseMs)),
      mostCommonWrongAnswer: mostCommonAnswer(wrongTexts),
    });
  });
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
