import {
  type AnswerInput,
  distributionBucket,
  distributionLabels,
  type ErrorCode,
  type PreparedQuestion,
} from "@handsup/shared";

/** A refusal to send back to the client that caused it: nothing changed. */
export class Refusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
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
 * The distribution bar a buzzer answer counts towards: the chosen option when it was given on the
 * phone; for an answer spoken aloud, the correct option when right and no option bar when wrong
 * (the teacher did not say which). Questions without option bars count [right, wrong].
 */
export function buzzerBucket(prepared: PreparedQuestion, correct: boolean, input: AnswerInput | undefined): number {
  if (input) return distributionBucket(prepared, input);
  if (prepared.correctOptionIndices.length === 0 || distributionLabels(prepared)[0] === "Correct")
    return correct ? 0 : 1;
  return correct ? (prepared.correctOptionIndices[0] ?? -1) : -1;
}
