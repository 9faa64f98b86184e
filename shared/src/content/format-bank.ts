import { Document, isScalar, visit } from "yaml";
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
  const yamlDocument = new Document(document);
  // Short lists of plain values read best on one line, as teachers write them: options: [Beria, Malenkov].
  visit(yamlDocument, {
    Seq(_key, node) {
      const texts = node.items.map((item) => (isScalar(item) ? String(item.value) : undefined));
      if (texts.every((text) => text !== undefined) && texts.join(", ").length <= FLOW_LIST_MAX_LENGTH)
        node.flow = true;
    },
  });
  return yamlDocument.toString({ lineWidth: 0, flowCollectionPadding: false });
}

const FLOW_LIST_MAX_LENGTH = 100;

function questionForYaml(question: Question): Record<string, unknown> {
  const byType = (() => {
    switch (question.type) {
      case "multiple-choice":
        return {
          options: question.options,
          correct: question.correct.length === 1 ? question.correct[0] : question.correct,
          shuffle: question.shuffle ? undefined : false,
          multiSelect: question.multiSelect,
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
    image: question.image,
    ...byType,
    explanation: question.explanation,
    source: question.source,
    group: question.group,
    timeLimitSec: question.timeLimitSec === DEFAULT_TIME_LIMIT_SEC[question.type] ? undefined : question.timeLimitSec,
    points: question.points === "standard" ? undefined : question.points,
    difficulty: question.difficulty === 2 ? undefined : question.difficulty,
    tags: question.tags.length > 0 ? question.tags : undefined,
  };
}
