import type { AnswerInput } from "../protocol/answer-input.ts";
import type { PreparedQuestion } from "./prepare-question.ts";

/** Typed answers shorter than this (after normalising) must match exactly: "USA" is not "USB". */
export const MIN_FUZZY_LENGTH = 4;
/** Absorbs binary floating-point error such as 0.1 + 0.2 !== 0.3. */
export const NUMERIC_EPSILON = 1e-9;

/** Normalises typed text for comparison: lower case, no diacritics, no punctuation, single spaces. */
export function normalizeAnswerText(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      // Dashes and slashes separate words ("Sino-Soviet" = "Sino Soviet"); other punctuation just disappears.
      .replace(/[\p{Pd}/]/gu, " ")
      .replace(/[\p{P}\p{S}]/gu, "")
      .replace(/\s+/gu, " ")
      .trim()
  );
}

/** Levenshtein distance: the fewest single-character insertions, deletions or substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** Whether an answer is correct for a prepared question; an answer of the wrong kind is simply wrong. */
export function checkAnswer(prepared: PreparedQuestion, answer: AnswerInput): boolean {
  const { question } = prepared;
  switch (question.type) {
    case "multiple-choice":
      return answer.kind === "choice" && sameSet(answer.choices, prepared.correctOptionIndices);
    case "true-false":
      return answer.kind === "boolean" && answer.value === question.correct;
    case "type-answer":
      return answer.kind === "text" && matchesTypedAnswer(answer.text, question.accepted, question.typoTolerance);
    case "numeric":
      return (
        answer.kind === "number" &&
        Number.isFinite(answer.value) &&
        Math.abs(answer.value - question.correct) <= question.tolerance + NUMERIC_EPSILON
      );
    case "ordering":
      return (
        answer.kind === "order" &&
        answer.order.length === question.items.length &&
        answer.order.every(
          (displayedIndex, position) => prepared.displayedItems[displayedIndex] === question.items[position],
        )
      );
  }
}

/** Normalised equality with any accepted answer, or within `typoTolerance` edits of one at least 4 characters long. */
function matchesTypedAnswer(typed: string, accepted: readonly string[], typoTolerance: number): boolean {
  const given = normalizeAnswerText(typed);
  if (given === "") return false;
  return accepted.some((candidate) => {
    const wanted = normalizeAnswerText(candidate);
    if (given === wanted) return true;
    return (
      typoTolerance > 0 && Array.from(wanted).length >= MIN_FUZZY_LENGTH && editDistance(given, wanted) <= typoTolerance
    );
  });
}

function sameSet(chosen: readonly number[], correct: readonly number[]): boolean {
  const chosenSet = new Set(chosen);
  return chosenSet.size === correct.length && correct.every((index) => chosenSet.has(index));
}
