import { type AnswerInput, AnswerInputSchema } from "../protocol/answer-input.ts";
import { distributionBucket, distributionLabels } from "../rules/answer-report.ts";
import type { PreparedQuestion } from "../rules/prepare-question.ts";
import { Refusal } from "./context.ts";

/** Checks a raw answer payload against the schema and the question on screen; refuses with a reason. */
export function acceptAnswerInput(raw: unknown, prepared: PreparedQuestion): AnswerInput {
  const parsed = AnswerInputSchema.safeParse(raw);
  if (!parsed.success) throw new Refusal("invalid", "That answer is not in a form this question accepts.");
  const answer = asBooleanIfTrueFalse(parsed.data, prepared);
  if (!answerFitsQuestion(answer, prepared)) {
    throw new Refusal("invalid", `That kind of answer does not fit a ${prepared.public.type} question.`);
  }
  return answer;
}

/** Whether an answer payload's kind (and indices) fit the question on screen. */
export function answerFitsQuestion(answer: AnswerInput, prepared: PreparedQuestion): boolean {
  switch (prepared.public.type) {
    case "multiple-choice":
      return answer.kind === "choice" && answer.choices.every((i) => i < prepared.public.options.length);
    case "true-false":
      return answer.kind === "boolean";
    case "type-answer":
      return answer.kind === "text";
    case "numeric":
      return answer.kind === "number";
    case "ordering":
      return (
        answer.kind === "order" &&
        answer.order.length === prepared.displayedItems.length &&
        answer.order.every((i) => i < prepared.displayedItems.length)
      );
  }
}

/** A true-false question may be answered by tapping option 0 (True) or 1 (False) like any other. */
export function asBooleanIfTrueFalse(answer: AnswerInput, prepared: PreparedQuestion): AnswerInput {
  if (prepared.public.type === "true-false" && answer.kind === "choice" && answer.choices.length === 1) {
    return { kind: "boolean", value: answer.choices[0] === 0 };
  }
  return answer;
}

/**
 * The distribution bar a buzzer answer counts towards: the chosen option when it was given on the phone; for an
 * answer spoken aloud, the correct option when right and no option bar when wrong (the teacher did not say which).
 * Questions without option bars count [right, wrong].
 */
export function buzzerBucket(prepared: PreparedQuestion, correct: boolean, input: AnswerInput | undefined): number {
  if (input) return distributionBucket(prepared, input);
  if (prepared.correctOptionIndices.length === 0 || distributionLabels(prepared)[0] === "Correct")
    return correct ? 0 : 1;
  return correct ? (prepared.correctOptionIndices[0] ?? -1) : -1;
}

/** Adds one answer to a distribution, ignoring answers with no bar. */
export function bump(distribution: number[], bucket: number, by = 1): void {
  if (bucket >= 0 && bucket < distribution.length) distribution[bucket] = (distribution[bucket] ?? 0) + by;
}
