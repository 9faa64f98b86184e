import { BANKS_DIR, loadBanksFromDir } from "@handsup/content";
import type { AnswerInput, Question } from "@handsup/shared";

/** What a bot reads from `state.question` to answer it. */
export interface ShownQuestion {
  id: string;
  type: string;
  options: readonly string[];
  items: readonly string[];
}

/**
 * Every question of the built-in banks by its prompt, so a bot can answer right (or wrong on purpose). By prompt,
 * because phones get an opaque question id, never the bank's (which may spell the answer).
 */
export function loadQuestionsByPrompt(): Map<string, Question> {
  const { banks, errors } = loadBanksFromDir(BANKS_DIR);
  if (errors.length > 0) throw new Error(`cannot load the banks: ${errors.map((e) => e.message).join("; ")}`);
  return new Map(banks.flatMap((bank) => bank.questions.map((question) => [question.prompt, question] as const)));
}

/** The right answer to a question as displayed (ordering answers refer to the displayed item indices). */
export function correctAnswer(question: Question, shown: ShownQuestion): AnswerInput {
  switch (question.type) {
    case "multiple-choice":
      return {
        kind: "choice",
        choices: shown.options.flatMap((option, index) => (question.correct.includes(option) ? [index] : [])),
      };
    case "true-false":
      return { kind: "boolean", value: question.correct };
    case "type-answer":
      return { kind: "text", text: question.accepted[0] ?? "" };
    case "numeric":
      return { kind: "number", value: question.correct };
    case "ordering":
      return { kind: "order", order: question.items.map((item) => shown.items.indexOf(item)) };
  }
}

/** A well-formed answer that is certainly wrong. */
export function wrongAnswer(question: Question, shown: ShownQuestion): AnswerInput {
  switch (question.type) {
    case "multiple-choice": {
      const wrong = shown.options.findIndex((option) => !question.correct.includes(option));
      return { kind: "choice", choices: [Math.max(0, wrong)] };
    }
    case "true-false":
      return { kind: "boolean", value: !question.correct };
    case "type-answer":
      return { kind: "text", text: "definitely not this" };
    case "numeric":
      return { kind: "number", value: question.correct + 1000 * (question.tolerance + 1) };
    case "ordering":
      // The server never displays items in the correct order, so the displayed order is wrong.
      return { kind: "order", order: shown.items.map((_item, index) => index) };
  }
}

/** A guess, as a student who does not know would make: a random option, a random order, right or wrong text. */
export function randomAnswer(question: Question, shown: ShownQuestion, random: () => number): AnswerInput {
  const pick = (n: number) => Math.floor(random() * n);
  switch (question.type) {
    case "multiple-choice":
      return { kind: "choice", choices: [pick(shown.options.length)] };
    case "true-false":
      return { kind: "boolean", value: random() < 0.5 };
    case "ordering": {
      const order = shown.items.map((_item, index) => index);
      for (let i = order.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return { kind: "order", order };
    }
    default:
      return random() < 0.5 ? correctAnswer(question, shown) : wrongAnswer(question, shown);
  }
}
