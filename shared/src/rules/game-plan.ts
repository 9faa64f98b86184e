import type { Bank, Question, QuestionType } from "../content/bank.schema.ts";
import { createRng, shuffle } from "./random.ts";

export type RoundMode = "everyone" | "buzzer";

export interface GamePlanInput {
  banks: readonly Bank[];
  questionCount: number;
  /** Keep questions carrying any of these tags (their own or their bank's); all when absent or empty. */
  tags?: string[];
  difficulties?: number[];
  types?: QuestionType[];
  order: "bank" | "shuffled";
  seed: number;
  rounds: { mode: RoundMode; questionCount: number }[];
}

export interface PlannedQuestion {
  bankId: string;
  question: Question;
}

export interface PlannedRound {
  mode: RoundMode;
  questions: PlannedQuestion[];
}

export type GamePlan = { ok: true; rounds: PlannedRound[]; warning?: string } | { ok: false; reason: string };

/**
 * Chooses the questions of a game: filters across the banks, keeps bank order or shuffles by seed, keeps at most
 * one question of each `group` (the first in that order), takes `questionCount` and deals them to the rounds in
 * order (the last round takes any the rounds do not claim).
 * With fewer matching questions than asked it plays all of them and says so in `warning`; with none it refuses.
 */
export function planGame(input: GamePlanInput): GamePlan {
  if (input.questionCount < 1) return { ok: false, reason: "Choose at least 1 question." };
  const matching = input.banks.flatMap((bank) =>
    bank.questions
      .filter((question) => matchesFilters(question, bank, input))
      .map((question) => ({ bankId: bank.id, question })),
  );
  if (matching.length === 0) return { ok: false, reason: "No questions match the chosen banks and filters." };
  const ordered = input.order === "shuffled" ? shuffle(matching, createRng(input.seed)) : matching;
  const playable = oneOfEachGroup(ordered);
  const chosen = playable.slice(0, input.questionCount);
  const rounds = dealIntoRounds(chosen, input.rounds);
  if (chosen.length < input.questionCount) {
    const grouped = playable.length < matching.length ? " (questions of one group count once)" : "";
    const warning = `Only ${chosen.length} question${chosen.length === 1 ? "" : "s"} match the filters${grouped} (${input.questionCount} asked); playing all of them.`;
    return { ok: true, rounds, warning };
  }
  return { ok: true, rounds };
}

/** Drops every question whose group (within its bank) an earlier question already represents. */
function oneOfEachGroup(questions: readonly PlannedQuestion[]): PlannedQuestion[] {
  const taken = new Set<string>();
  return questions.filter(({ bankId, question }) => {
    if (question.group === undefined) return true;
    const key = `${bankId}/${question.group}`;
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
}

function matchesFilters(question: Question, bank: Bank, input: GamePlanInput): boolean {
  const { tags, difficulties, types } = input;
  if (types && types.length > 0 && !types.includes(question.type)) return false;
  if (difficulties && difficulties.length > 0 && !difficulties.includes(question.difficulty)) return false;
  if (tags && tags.length > 0) {
    const questionTags = new Set([...question.tags, ...bank.tags]);
    if (!tags.some((tag) => questionTags.has(tag))) return false;
  }
  return true;
}

/** Deals questions to rounds in order; rounds left empty are dropped; no rounds means one `everyone` round. */
function dealIntoRounds(
  questions: readonly PlannedQuestion[],
  rounds: readonly { mode: RoundMode; questionCount: number }[],
): PlannedRound[] {
  if (rounds.length === 0) return [{ mode: "everyone", questions: [...questions] }];
  let next = 0;
  const dealt = rounds.map((round, index) => {
    const end = index === rounds.length - 1 ? questions.length : next + Math.max(0, round.questionCount);
    const taken = questions.slice(next, end);
    next = Math.min(questions.length, end);
    return { mode: round.mode, questions: taken };
  });
  return dealt.filter((round) => round.questions.length > 0);
}
