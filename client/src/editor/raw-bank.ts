import { QUESTION_FIELDS, QUESTION_TYPES, type QuestionType } from "@handsup/shared";
import type { RawBank } from "./api.ts";

/**
 * The editor works on a bank as the YAML file holds it (defaults left out, `correct: Beria` as written), so saving
 * an untouched question writes back exactly what the teacher had. These helpers read and change that plain data.
 */
export type RawQuestion = Record<string, unknown>;

export const TYPE_LABELS: Record<QuestionType, string> = {
  "multiple-choice": "Multiple choice",
  "true-false": "True or false",
  "type-answer": "Type the answer",
  numeric: "Number",
  ordering: "Put in order",
};

export function questionsOf(bank: RawBank): RawQuestion[] {
  if (!Array.isArray(bank.questions)) bank.questions = [];
  return bank.questions as RawQuestion[];
}

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === "string" && (QUESTION_TYPES as readonly string[]).includes(value);
}

/** Whether the schema (shared with the server) has this field for this type: new fields appear in the form by themselves. */
export function typeHasField(type: QuestionType, field: string): boolean {
  return QUESTION_FIELDS[type].includes(field);
}

/** A list field as texts (a bare number like a year is shown as text). */
export function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => (item === null || item === undefined ? "" : String(item)));
  if (value === undefined || value === null) return [];
  return [String(value)];
}

export function textOf(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/** "My Year 9 Quiz!" → "my-year-9-quiz": a bank or question id. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** `base`, or `base-2`, `base-3`… whichever is not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const start = base === "" ? "question" : base;
  if (!taken.has(start)) return start;
  for (let n = 2; ; n++) if (!taken.has(`${start}-${n}`)) return `${start}-${n}`;
}

/** A new question of `type`, with an id not yet used in the bank and the fields its type needs, empty to fill in. */
export function newQuestion(type: QuestionType, bank: RawBank): RawQuestion {
  const taken = new Set(questionsOf(bank).map((question) => textOf(question.id)));
  const id = uniqueId(`q-${questionsOf(bank).length + 1}`, taken);
  const base = { id, type, prompt: "" };
  switch (type) {
    case "multiple-choice":
      return { ...base, options: ["", ""], correct: [], explanation: "" };
    case "true-false":
      return { ...base, correct: true, explanation: "" };
    case "type-answer":
      return { ...base, accepted: [""], explanation: "" };
    case "numeric":
      return { ...base, correct: 0, explanation: "" };
    case "ordering":
      return { ...base, items: ["", "", ""], explanation: "" };
  }
}

/**
 * Changes a question's type, keeping what still makes sense (prompt, explanation, common settings, and the answers
 * as options or items) and dropping the fields the new type does not have, so the result is never rejected for them.
 */
export function changeType(question: RawQuestion, type: QuestionType, bank: RawBank): RawQuestion {
  const fresh = newQuestion(type, bank);
  const answers = textList(question.options ?? question.items ?? question.accepted).filter((text) => text !== "");
  const kept: RawQuestion = { ...fresh, id: question.id };
  for (const [key, value] of Object.entries(question)) {
    if (["type", "correct", "options", "items", "accepted"].includes(key)) continue;
    if (typeHasField(type, key)) kept[key] = value;
  }
  if (answers.length > 0) {
    if (type === "multiple-choice") kept.options = answers.slice(0, 6);
    if (type === "ordering") kept.items = answers.slice(0, 6);
    if (type === "type-answer") kept.accepted = answers;
  }
  // Put the keys in the order the docs use: id, type, prompt, the answer fields, explanation, then the rest.
  const order = [
    "id",
    "type",
    "prompt",
    "options",
    "correct",
    "accepted",
    "items",
    "typoTolerance",
    "tolerance",
    "unit",
  ];
  const sorted: RawQuestion = {};
  for (const key of order) if (key in kept) sorted[key] = kept[key];
  for (const [key, value] of Object.entries(kept)) if (!(key in sorted)) sorted[key] = value;
  return sorted;
}

/** The correct options of a multiple-choice question, as a list whatever way the file wrote them. */
export function correctOptions(question: RawQuestion): string[] {
  return textList(question.correct);
}

/** Writes the correct options back the way teachers write them: one as a bare value, several as a list. */
export function setCorrectOptions(question: RawQuestion, correct: string[]): void {
  const values = correct.map(plainValue);
  question.correct = values.length === 1 ? values[0] : values;
}

/**
 * A list entry as the file should hold it: "1953" as the number 1953, so the YAML reads `[1953, 1956]` as teachers write
 * it rather than `["1953", "1956"]` (the schema reads numbers as text). Only when the number prints back the same.
 */
export function plainValue(text: string): string | number {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) && String(value) === text ? value : text;
}

/** Imported questions come as text; give their answer lists the same plain numbers the form writes. */
export function tidyImported(question: RawQuestion): RawQuestion {
  for (const key of ["options", "items", "accepted"]) {
    if (Array.isArray(question[key])) question[key] = textList(question[key]).map(plainValue);
  }
  if (question.type === "multiple-choice") setCorrectOptions(question, correctOptions(question));
  return question;
}

/** Sets `key` to `value`, or removes it when the value is empty (so an optional field left blank is not written). */
export function setOptional(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete target[key];
  else target[key] = value;
}

/** A number typed in a field: the number, undefined for an empty field, or the text itself (the schema says why). */
export function numberFromField(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) ? value : trimmed;
}
