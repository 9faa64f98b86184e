import { z } from "zod";
import { formatFromName } from "./bank-image.ts";
import { splitMaths } from "./maths.ts";

/** The question types a bank may hold, in the order the docs and summaries list them. */
export const QUESTION_TYPES = ["multiple-choice", "true-false", "type-answer", "numeric", "ordering"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Time limit a question gets when its file does not set `timeLimitSec`. */
export const DEFAULT_TIME_LIMIT_SEC: Readonly<Record<QuestionType, number>> = {
  "multiple-choice": 20,
  "true-false": 10,
  "type-answer": 30,
  numeric: 30,
  ordering: 40,
};

export const MIN_TIME_LIMIT_SEC = 5;
export const MAX_TIME_LIMIT_SEC = 240;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const kebabId = z
  .string()
  .regex(KEBAB_CASE, { error: "must be kebab-case: lowercase letters, digits and hyphens (like beria-germany)" });

/** Free text; a bare number (a year, say) is read as text so `options: [1953, 1956]` just works. */
const text = z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string().trim().min(1));

/**
 * The explanation must be written, but may be written empty (`explanation: ""`): an imported question has none
 * until the teacher adds one, and phones then show none, rather than filler.
 */
const explanationText = z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string().trim());

/** A path inside the bank's picture folder: plain names joined by "/", never "..", a leading "/" or a backslash. */
const IMAGE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const imageSrc = z
  .string()
  .regex(IMAGE_PATH, {
    error:
      'must be a file in the bank\'s picture folder, like "austria-map.png" or "maps/austria.png" (letters, digits, - _ . and /; no spaces, no "..", no leading /)',
  })
  .refine((src) => formatFromName(src) !== undefined, { error: "must end in .png, .jpg, .jpeg, .webp or .gif" });

/** A picture shown with the question; the alt text is read to students who cannot see it. */
export const QuestionImageSchema = z.strictObject({ src: imageSrc, alt: text });

/** Fields every question type shares; defaults are filled in after parsing. */
function commonFields(type: QuestionType) {
  return {
    id: kebabId,
    prompt: text,
    explanation: explanationText,
    source: text.optional(),
    /** Questions sharing a group give each other away: a game draws at most one of them. */
    group: kebabId.optional(),
    image: QuestionImageSchema.optional(),
    timeLimitSec: z
      .number()
      // A plain refine rather than .int(): .int() aborts the parse, which would hide other errors in the bank.
      .refine(Number.isInteger, { error: "must be a whole number of seconds" })
      .min(MIN_TIME_LIMIT_SEC)
      .max(MAX_TIME_LIMIT_SEC)
      .default(DEFAULT_TIME_LIMIT_SEC[type]),
    points: z.enum(["standard", "double"]).default("standard"),
    difficulty: z.literal([1, 2, 3]).default(2),
    tags: z.array(text).default([]),
  };
}

/** Reports every value that appears more than once in `values`, at its second (third…) position. */
function reportDuplicates(values: readonly string[], field: string, ctx: z.RefinementCtx, what: string): void {
  const firstIndex = new Map<string, number>();
  values.forEach((value, index) => {
    const first = firstIndex.get(value);
    if (first === undefined) {
      firstIndex.set(value, index);
      return;
    }
    ctx.addIssue({
      code: "custom",
      path: [field, index],
      message: `"${value}" appears twice in ${what} (also at ${field}[${first}]); each must be different`,
    });
  });
}

/** Reports `$…$` maths that would not typeset: an unclosed `$`, an empty formula, money written as maths. */
function reportMaths(value: string | readonly string[], field: string, ctx: z.RefinementCtx): void {
  const values = typeof value === "string" ? [value] : value;
  values.forEach((text, index) => {
    const split = splitMaths(text);
    if (split.ok) return;
    ctx.addIssue({
      code: "custom",
      path: typeof value === "string" ? [field] : [field, index],
      message: split.message,
    });
  });
}

/** The maths check for the text every question shows: its prompt and its explanation. */
function reportCommonMaths(question: { prompt: string; explanation: string }, ctx: z.RefinementCtx): void {
  reportMaths(question.prompt, "prompt", ctx);
  reportMaths(question.explanation, "explanation", ctx);
}

export const MultipleChoiceQuestionSchema = z
  .strictObject({
    type: z.literal("multiple-choice"),
    ...commonFields("multiple-choice"),
    options: z.array(text).min(2).max(6),
    // One option or a list of them; always a list after parsing, so the game has one shape to handle.
    correct: z.preprocess(
      (value) => (typeof value === "string" || typeof value === "number" ? [value] : value),
      z.array(text, { error: "must be one of the options, or a list of options" }).min(1),
    ),
    /** Options appear in a new order each game; false keeps the file's order ("All of the above" last). */
    shuffle: z.boolean().default(true),
    /** Students may pick several options; follows from `correct` when left out, and must agree with it. */
    multiSelect: z.boolean().optional(),
  })
  .superRefine((question, ctx) => {
    reportCommonMaths(question, ctx);
    reportMaths(question.options, "options", ctx);
    if (question.multiSelect === false && question.correct.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["multiSelect"],
        message: `is false, but ${question.correct.length} answers are correct: students must be able to pick them all (remove multiSelect: false, or keep one correct answer)`,
      });
    }
    reportDuplicates(question.options, "options", ctx, "the options");
    reportDuplicates(question.correct, "correct", ctx, "the correct answers");
    const optionList = question.options.join(", ");
    question.correct.forEach((answer, index) => {
      if (!question.options.includes(answer)) {
        ctx.addIssue({
          code: "custom",
          path: ["correct", index],
          message: `"${answer}" must be one of the options: ${optionList}`,
        });
      }
    });
  });

export const TrueFalseQuestionSchema = z
  .strictObject({
    type: z.literal("true-false"),
    ...commonFields("true-false"),
    correct: z.boolean(),
  })
  .superRefine(reportCommonMaths);

export const TypeAnswerQuestionSchema = z
  .strictObject({
    type: z.literal("type-answer"),
    ...commonFields("type-answer"),
    accepted: z.array(text).min(1),
    typoTolerance: z.literal([0, 1, 2]).default(0),
  })
  .superRefine((question, ctx) => {
    reportCommonMaths(question, ctx);
    reportDuplicates(question.accepted, "accepted", ctx, "the accepted answers");
  });

export const NumericQuestionSchema = z
  .strictObject({
    type: z.literal("numeric"),
    ...commonFields("numeric"),
    correct: z.number(),
    tolerance: z.number().min(0, { error: "must be 0 or more (it is how far off an answer may be)" }).default(0),
    unit: text.optional(),
  })
  .superRefine(reportCommonMaths);

export const OrderingQuestionSchema = z
  .strictObject({
    type: z.literal("ordering"),
    ...commonFields("ordering"),
    items: z.array(text).min(3).max(6),
  })
  .superRefine((question, ctx) => {
    reportCommonMaths(question, ctx);
    reportMaths(question.items, "items", ctx);
    reportDuplicates(question.items, "items", ctx, "the items");
  });

export const QuestionSchema = z.discriminatedUnion("type", [
  MultipleChoiceQuestionSchema,
  TrueFalseQuestionSchema,
  TypeAnswerQuestionSchema,
  NumericQuestionSchema,
  OrderingQuestionSchema,
]);

export const BankSchema = z
  .strictObject({
    id: kebabId,
    title: text,
    subject: text.optional(),
    level: text.optional(),
    source: text.optional(),
    tags: z.array(text).default([]),
    questions: z.array(QuestionSchema).min(1),
  })
  // Runs even when some question is malformed, so one check reports every duplicate id at once.
  .superRefine((bank, ctx) => reportDuplicateQuestionIds(bank.questions, ctx), { when: () => true });

/** Flags the second and later questions that reuse an id; the input may be partly invalid, so it is read warily. */
function reportDuplicateQuestionIds(questions: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(questions)) return;
  const firstIndex = new Map<string, number>();
  questions.forEach((question: unknown, index) => {
    const id = typeof question === "object" && question !== null ? (question as { id?: unknown }).id : undefined;
    if (typeof id !== "string") return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return;
    }
    ctx.addIssue({
      code: "custom",
      path: ["questions", index, "id"],
      message: `duplicate id "${id}": questions[${first}] already uses it (ids must be unique in a bank)`,
    });
  });
}

export type Bank = z.infer<typeof BankSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type MultipleChoiceQuestion = z.infer<typeof MultipleChoiceQuestionSchema>;
export type TrueFalseQuestion = z.infer<typeof TrueFalseQuestionSchema>;
export type TypeAnswerQuestion = z.infer<typeof TypeAnswerQuestionSchema>;
export type NumericQuestion = z.infer<typeof NumericQuestionSchema>;
export type OrderingQuestion = z.infer<typeof OrderingQuestionSchema>;
export type Points = Question["points"];
export type QuestionImage = z.infer<typeof QuestionImageSchema>;

/** Whether students pick several options: the explicit `multiSelect`, else whether more than one answer is correct. */
export function takesSeveralAnswers(question: MultipleChoiceQuestion): boolean {
  return question.multiSelect ?? question.correct.length > 1;
}

/** Points a question is worth before time scaling: standard 1000, double 2000. */
export function pointsValue(points: Points): 1000 | 2000 {
  return points === "double" ? 2000 : 1000;
}

/** Field names each question type accepts, used to suggest the intended name for a typo. */
export const QUESTION_FIELDS: Readonly<Record<QuestionType, readonly string[]>> = {
  "multiple-choice": Object.keys(MultipleChoiceQuestionSchema.shape),
  "true-false": Object.keys(TrueFalseQuestionSchema.shape),
  "type-answer": Object.keys(TypeAnswerQuestionSchema.shape),
  numeric: Object.keys(NumericQuestionSchema.shape),
  ordering: Object.keys(OrderingQuestionSchema.shape),
};

/** Field names a bank accepts at the top level. */
export const BANK_FIELDS: readonly string[] = Object.keys(BankSchema.shape);
