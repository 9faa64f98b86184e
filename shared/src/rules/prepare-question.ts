import { type Question, type QuestionImage, type QuestionType, takesSeveralAnswers } from "../content/bank.schema.ts";
import { bankImageUrl } from "../content/bank-image.ts";
import { hasMaths } from "../content/maths.ts";
import { type Rng, randomInt, shuffle } from "./random.ts";
import { BASE_POINTS } from "./scoring.ts";

/** Labels a true-false question shows, in option-index order (0 = True). */
export const TRUE_FALSE_OPTIONS = ["True", "False"] as const;

/** What a student's phone receives while the question is open: nothing that gives the answer away. */
export interface PublicQuestion {
  /** Opaque and new each game (from the game's seed): never the bank's question id, which may spell the answer. */
  id: string;
  type: QuestionType;
  prompt: string;
  /** Multiple-choice options in this game's shuffled order (bank order only with `shuffle: false`);
   * ["True", "False"] for true-false; [] otherwise. Answers and reveals refer to these positions. */
  options: string[];
  /** Ordering items in the shuffled order students see; [] for other types. */
  items: string[];
  /** Numeric unit, "" when none. */
  unit: string;
  timeLimitMs: number;
  basePoints: number;
  /** Students may pick several options ("Pick all that are right"); false for every type but multiple-choice. */
  multiSelect: boolean;
  /** The question's picture: `src` is the URL path the server serves it at. */
  image: QuestionImage | null;
  /** Whether the prompt, options or items hold `$…$` maths to typeset (split them with `splitMaths`). */
  hasMaths: boolean;
}

/** A question made ready for one game: the secret parts stay on the server beside what students see. */
export interface PreparedQuestion {
  bankId: string;
  question: Question;
  public: PublicQuestion;
  /** For each shown option, its index in the bank's `options` (multiple-choice; [] otherwise). */
  optionOrder: number[];
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

/**
 * Prepares a bank question for one game, drawing from the game's `rng` (so every screen and a replay agree):
 * an opaque public id, the options in a shuffled order (unless `shuffle: false`), the ordering items shuffled
 * away from the answer, and the correct positions kept beside the public view for the server.
 */
export function prepareQuestion(question: Question, bankId: string, rng: Rng): PreparedQuestion {
  const id = opaqueId(rng);
  const optionOrder =
    question.type === "multiple-choice" ? optionOrderOf(question.options.length, question.shuffle, rng) : [];
  const options =
    question.type === "multiple-choice"
      ? optionOrder.map((index) => question.options[index] ?? "")
      : optionsOf(question);
  const displayedItems = question.type === "ordering" ? shuffleAwayFromCorrect(question.items, rng) : [];
  return {
    bankId,
    question,
    public: {
      id,
      type: question.type,
      prompt: question.prompt,
      options,
      items: displayedItems,
      unit: question.type === "numeric" ? (question.unit ?? "") : "",
      timeLimitMs: question.timeLimitSec * 1000,
      basePoints: BASE_POINTS[question.points],
      multiSelect: question.type === "multiple-choice" && takesSeveralAnswers(question),
      image: question.image ? { src: bankImageUrl(bankId, question.image.src), alt: question.image.alt } : null,
      hasMaths: [question.prompt, ...options, ...displayedItems].some(hasMaths),
    },
    optionOrder,
    correctOptionIndices: correctOptionIndicesOf(question, options),
    displayedItems,
  };
}

/** "q-" and six base-36 characters from the game's rng: the same on every screen, saying nothing of the question. */
function opaqueId(rng: Rng): string {
  return `q-${randomInt(rng, 36 ** 6)
    .toString(36)
    .padStart(6, "0")}`;
}

/** Bank indices in display order: a uniform shuffle, or the file's order when the question asks to keep it. */
function optionOrderOf(count: number, shuffled: boolean, rng: Rng): number[] {
  const inFileOrder = Array.from({ length: count }, (_, index) => index);
  return shuffled ? shuffle(inFileOrder, rng) : inFileOrder;
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

function correctOptionIndicesOf(question: Question, shownOptions: readonly string[]): number[] {
  if (question.type === "multiple-choice") {
    return shownOptions.flatMap((option, index) => (question.correct.includes(option) ? [index] : []));
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
