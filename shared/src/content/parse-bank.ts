import { parseDocument } from "yaml";
import type { z } from "zod";
import {
  BANK_FIELDS,
  type Bank,
  BankSchema,
  QUESTION_FIELDS,
  QUESTION_TYPES,
  type QuestionType,
} from "./bank.schema.ts";

/** One problem found in a content file, worded for the teacher who wrote it. */
export type ContentError = { file: string; path: string; message: string };

export type ParseBankResult = { ok: true; bank: Bank } | { ok: false; errors: ContentError[] };

/** Parses the text of a bank YAML file: syntax, shape and cross-field rules, all errors at once. */
export function parseBank(yamlText: string, fileName: string): ParseBankResult {
  const document = parseDocument(yamlText);
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => ({
        file: fileName,
        path: error.linePos ? `line ${error.linePos[0].line}` : "(file)",
        message: `YAML syntax error: ${firstLine(error.message)}`,
      })),
    };
  }
  return parseBankObject(document.toJS(), fileName);
}

/** Validates already-parsed bank data (for example JSON) against the bank rules. */
export function parseBankObject(data: unknown, fileName: string): ParseBankResult {
  if (data === null || data === undefined) {
    return { ok: false, errors: [{ file: fileName, path: "(file)", message: "the file is empty" }] };
  }
  const result = BankSchema.safeParse(data, { error: plainMessage, reportInput: true });
  if (result.success) return { ok: true, bank: result.data };
  const errors = result.error.issues
    .map((issue, order) => ({ issue, order }))
    // Bank-level problems first, then question by question, as the teacher reads the file.
    .sort((a, b) => questionIndex(a.issue.path) - questionIndex(b.issue.path) || a.order - b.order)
    .flatMap(({ issue }) => toContentErrors(issue, data, fileName));
  return { ok: false, errors };
}

function questionIndex(path: readonly PropertyKey[]): number {
  return path[0] === "questions" && typeof path[1] === "number" ? path[1] : -1;
}

/** Extra words for a required field whose purpose is not obvious from its name. */
const REQUIRED_HINTS: Record<string, string> = {
  explanation:
    'is required: a sentence or two that students see when the answer is revealed (write explanation: "" to show none)',
  alt: "is required: a few words saying what the picture shows, read aloud to students who cannot see it",
};

/** Formats a zod path as the teacher sees it in the file: `questions[12].options[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(file)" : out;
}

function toContentErrors(issue: z.core.$ZodIssue, data: unknown, file: string): ContentError[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownFieldsAt(issue.path, data);
    return issue.keys.map((key) => ({
      file,
      path: formatPath([...issue.path, key]),
      message: unknownFieldMessage(key, known),
    }));
  }
  const field = issue.path.at(-1);
  const hint = issue.code === "invalid_type" && typeof field === "string" ? REQUIRED_HINTS[field] : undefined;
  const message = hint && issue.message === "is required" ? hint : issue.message;
  return [{ file, path: formatPath(issue.path), message }];
}

/** Field names allowed where an unknown field was found: the bank's, or those of that question's type. */
function knownFieldsAt(path: readonly PropertyKey[], data: unknown): readonly string[] {
  if (path.length === 0) return BANK_FIELDS;
  const question = valueAt(data, path);
  const type = typeof question === "object" && question !== null ? (question as { type?: unknown }).type : undefined;
  if (isQuestionType(type)) return QUESTION_FIELDS[type];
  return [...new Set(Object.values(QUESTION_FIELDS).flat())];
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = closestName(key, known);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
  return `unknown field "${key}"${hint}`;
}

/** The known name within a couple of edits of `name`, if any; catches `explaination`, `option`, `timelimit`. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(best.name.length / 3)));
  return best.distance <= allowed ? best.name : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) between two names; a swap like "titel" counts once. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === "string" && (QUESTION_TYPES as readonly string[]).includes(value);
}

/** yaml's message without its code frame and position suffix (the path already says the line). */
function firstLine(message: string): string {
  const line = message.split("\n")[0]?.trim() ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a set of fields (name: value lines)",
};

/** Plain-English wording for zod's issues; the schema's own `error` texts take precedence over this. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      return tooSmallMessage(issue.origin, Number(issue.minimum));
    case "too_big":
      return tooBigMessage(issue.origin, Number(issue.maximum));
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      if (issue.note === "No matching discriminator") return questionTypeMessage(issue.input);
      return undefined;
    default:
      return undefined;
  }
}

function questionTypeMessage(question: unknown): string {
  const type = typeof question === "object" && question !== null ? (question as { type?: unknown }).type : undefined;
  const list = QUESTION_TYPES.join(", ");
  if (type === undefined) return `is required: one of ${list}`;
  return `"${String(type)}" is not a question type; use one of ${list}`;
}

function tooSmallMessage(origin: string, minimum: number): string {
  if (origin === "string") return minimum <= 1 ? "must not be empty" : `must be at least ${minimum} characters`;
  if (origin === "array") return `needs at least ${minimum} ${minimum === 1 ? "entry" : "entries"}`;
  return `must be at least ${minimum}`;
}

function tooBigMessage(origin: string, maximum: number): string {
  if (origin === "string") return `must be at most ${maximum} characters`;
  if (origin === "array") return `can have at most ${maximum} entries`;
  return `must be at most ${maximum}`;
}
