import type { Question, QuestionType } from "../content/bank.schema.ts";
import { type Rng, shuffle } from "./random.ts";
import { BASE_POINTS } from "./scoring.ts";

/** Labels a true-false question shows, in option-index order (0 = True). */
export const TRUE_FALSE_OPTIONS = ["True", "False"] as const;

/** What a student's phone receives while the question is open: nothing that gives the answer away. */
export interface PublicQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  /** Multiple-choice options as in the bank; ["True", "False"] for true-false; [] otherwise. */
  options: string[];
  /** Ordering items in the shuffled order students see; [] for other types. */
  items: string[];
  /** Numeric unit, "" when none. */
  unit: string;
  timeLimitMs: number;
  basePoints: number;
}

/** A question made ready for one game: the secret parts stay on the server beside what students see. */
export interface PreparedQuestion {
  bankId: string;
  question: Question;
  public: PublicQuestion;
  /** Indices into `public.options` that are correct (multiple-choice, true-false); [] otherwise. */
  correctOptionIndices: number[];
  /** Ordering items in displayed order (same as `public.items`); answers refer to these indices. */
  displayedItems: string[];
}

/** What the projector and phones show once the question closes. */
export interface Reveal {
  correctOptionIndices: number[];
  /** Human-readable answer: "Beria", "True", "Porkkala", "3.7 million men", "A → B → C". */
  correctText: string;
  /** Ordering items in the correct order; [] for other types. */
  correctOrder: string[];
  explanation: string;
}

/** Prepares a bank question for play: public view, correct indices, and ordering items shuffled with `rng`. */
export function prepareQuestion(question: Question, bankId: string, rng: Rng): PreparedQuestion {
  const options = optionsOf(question);
  const displayedItems = question.type === "ordering" ? shuffleAwayFromCorrect(question.items, rng) : [];
  return {
    bankId,
    question,
    public: {
      id: question.id,
      type: question.type,
      prompt: question.prompt,
      options,
      items: displayedItems,
      unit: question.type === "numeric" ? (question.unit ?? "") : "",
      timeLimitMs: question.timeLimitSec * 1000,
      basePoints: BASE_POINTS[question.points],
    },
    correctOptionIndices: correctOptionIndicesOf(question),
    displayedItems,
  };
}

/** The reveal for a prepared question. */
export function revealOf(prepared: PreparedQuestion): Reveal {
  const { question } = prepared;
  return {
    correctOptionIndices: prepared.correctOptionIndices,
    correctText: correctTextOf(question),
    correctOrder: question.type === "ordering" ? [...question.items] : [],
    explanation: question.explanation,
  };
}

function optionsOf(question: Question): string[] {
  if (question.type === "multiple-choice") return [...question.options];
  if (question.type === "true-false") return [...TRUE_FALSE_OPTIONS];
  return [];
}

function correctOptionIndicesOf(question: Question): number[] {
  if (question.type === "multiple-choice") {
    return question.options.flatMap((option, index) => (question.correct.includes(option) ? [index] : []));
  }
  if (question.type === "true-false") return [question.correct ? 0 : 1];
  return [];
}

function correctTextOf(question: Question): string {
  switch (question.type) {
    case "multiple-choice":
      return question.options.filter((option) => question.correct.includes(option)).join(", ");
    case "true-false":
      return question.correct ? TRUE_FALSE_OPTIONS[0] : TRUE_FALSE_OPTIONS[1];
    case "type-answer":
      return question.accepted[0] ?? "";
    case "numeric": {
      const within = question.tolerance > 0 ? ` ± ${question.tolerance}` : "";
      return `${question.correct}${within}${question.unit ? ` ${question.unit}` : ""}`;
    }
    case "ordering":
      return question.items.join(" → ");
  }
}

/** Shuffles, and if the shuffle happens to be the answer, rotates it by one so the order is never given away. */
function shuffleAwayFromCorrect(items: readonly string[], rng: Rng): string[] {
  const shuffled = shuffle(items, rng);
  const same = shuffled.every((item, index) => item === items[index]);
  return same && items.length > 1 ? [...shuffled.slice(1), shuffled[0]!] : shuffled;
}
