import { stringify } from "yaml";
import { type Bank, DEFAULT_TIME_LIMIT_SEC, type Question } from "./bank.schema.ts";

/** Writes a bank as YAML in the hand-edited style: fields in reading order, defaults left out. */
export function formatBankYaml(bank: Bank): string {
  const document = {
    id: bank.id,
    title: bank.title,
    subject: bank.subject,
    level: bank.level,
    source: bank.source,
    tags: bank.tags.length > 0 ? bank.tags : undefined,
    questions: bank.questions.map(questionForYaml),
  };
  return stringify(document, { lineWidth: 0 });
}

function questionForYaml(question: Question): Record<string, unknown> {
  const byType = (() => {
    switch (question.type) {
      case "multiple-choice":
        return {
          options: question.options,
          correct: question.correct.length === 1 ? question.correct[0] : question.correct,
        };
      case "true-false":
        return { correct: question.correct };
      case "type-answer":
        return { accepted: question.accepted, typoTolerance: question.typoTolerance || undefined };
      case "numeric":
        return { correct: question.correct, tolerance: question.tolerance || undefined, unit: question.unit };
      case "ordering":
        return { items: question.items };
    }
  })();
  return {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    ...byType,
    explanation: question.explanation,
    source: question.source,
    timeLimitSec: question.timeLimitSec === DEFAULT_TIME_LIMIT_SEC[question.type] ? undefined : question.timeLimitSec,
    points: question.points === "standard" ? undefined : question.points,
    difficulty: question.difficulty === 2 ? undefined : question.difficulty,
    tags: question.tags.length > 0 ? question.tags : undefined,
  };
}
