import { ArraySchema } from "@colyseus/schema";
import type { PublicQuestion, RankedStanding, Reveal } from "@handsup/shared";
import { LeaderRowState, type QuizState } from "@handsup/shared/state/quiz-state.ts";

/** Writes what students may see of a question (never its answer) into the shared state. */
export function writePublicQuestion(target: QuizState["question"], pub: PublicQuestion): void {
  target.id = pub.id;
  target.type = pub.type;
  target.prompt = pub.prompt;
  target.options = new ArraySchema(...pub.options);
  target.items = new ArraySchema(...pub.items);
  target.unit = pub.unit;
  target.timeLimitMs = pub.timeLimitMs;
  target.basePoints = pub.basePoints;
  target.multiSelect = pub.multiSelect;
  target.imageSrc = pub.image?.src ?? "";
  target.imageAlt = pub.image?.alt ?? "";
  target.hasMaths = pub.hasMaths;
}

/** Fills the reveal: the answer, the explanation and how the class answered. */
export function writeReveal(
  target: QuizState["reveal"],
  info: Reveal,
  tally: { distribution: number[]; answered: number; correct: number },
): void {
  target.correctOptionIndices = new ArraySchema(...info.correctOptionIndices);
  target.correctText = info.correctText;
  target.correctOrder = new ArraySchema(...info.correctOrder);
  target.explanation = info.explanation;
  target.distribution = new ArraySchema(...tally.distribution);
  target.answeredCount = tally.answered;
  target.correctCount = tally.correct;
}

/** Empties the reveal before the next question, so nothing of it lingers into the next one. */
export function clearReveal(target: QuizState["reveal"]): void {
  target.correctOptionIndices = new ArraySchema();
  target.correctText = "";
  target.correctOrder = new ArraySchema();
  target.explanation = "";
  target.distribution = new ArraySchema();
  target.answeredCount = 0;
  target.correctCount = 0;
}

/** The top rows of the leaderboard, as synchronised to every screen. */
export function leaderboardRows(top: readonly RankedStanding[]): ArraySchema<InstanceType<typeof LeaderRowState>> {
  const rows = new ArraySchema<InstanceType<typeof LeaderRowState>>();
  for (const standing of top) {
    const row = new LeaderRowState();
    row.playerId = standing.playerId;
    row.name = standing.name;
    row.score = standing.score;
    row.rank = standing.rank;
    rows.push(row);
  }
  return rows;
}
