import type { AnswerInput } from "../protocol/answer-input.ts";
import { checkAnswer } from "./check-answer.ts";
import { type PreparedQuestion, TRUE_FALSE_OPTIONS } from "./prepare-question.ts";

/** Labels of the answer-distribution bars: the options when one option is correct, else "Correct" and "Wrong". */
export function distributionLabels(prepared: PreparedQuestion): string[] {
  return hasOptionBars(prepared) ? [...prepared.public.options] : ["Correct", "Wrong"];
}

/**
 * Which bar of the distribution chart an answer counts towards: the chosen option index for a single-answer
 * multiple-choice or true-false question (True = 0, False = 1); otherwise 0 = correct, 1 = wrong.
 * A multi-option pick on a single-answer question has no bar of its own and returns -1.
 */
export function distributionBucket(prepared: PreparedQuestion, answer: AnswerInput): number {
  if (!hasOptionBars(prepared)) return checkAnswer(prepared, answer) ? 0 : 1;
  if (answer.kind === "boolean" && prepared.question.type === "true-false") return answer.value ? 0 : 1;
  if (answer.kind === "choice" && prepared.question.type === "multiple-choice" && answer.choices.length === 1) {
    const chosen = answer.choices[0]!;
    return chosen < prepared.public.options.length ? chosen : -1;
  }
  return -1;
}

/** A readable form of a student's answer for reports: "Beria", "True", the typed text, "3.7", "B, A, C". */
export function answerToText(prepared: PreparedQuestion, answer: AnswerInput): string {
  switch (answer.kind) {
    case "choice":
      return answer.choices.map((index) => prepared.public.options[index] ?? `#${index}`).join(", ");
    case "boolean":
      return answer.value ? TRUE_FALSE_OPTIONS[0] : TRUE_FALSE_OPTIONS[1];
    case "text":
      return answer.text;
    case "number":
      return String(answer.value);
    case "order":
      return answer.order.map((index) => prepared.displayedItems[index] ?? `#${index}`).join(", ");
  }
}

function hasOptionBars(prepared: PreparedQuestion): boolean {
  const { question } = prepared;
  return question.type === "true-false" || (question.type === "multiple-choice" && question.correct.length === 1);
}
