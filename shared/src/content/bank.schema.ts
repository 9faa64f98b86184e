import { z } from "zod";

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

/** Fields every question type shares; defaults are filled in after parsing. */
function commonFields(type: QuestionType) {
  return {
    id: kebabId,
    prompt: text,
    explanation: text,
    source: text.optional(),
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
  })
  .superRefine((question, ctx) => {
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

export const TrueFalseQuestionSchema = z.strictObject({
  type: z.literal("true-false"),
  ...commonFields("true-false"),
  correct: z.boolean(),
});

export const TypeAnswerQuestionSchema = z
  .strictObject({
    type: z.literal("type-answer"),
    ...commonFields("type-answer"),
    accepted: z.array(text).min(1),
    typoTolerance: z.literal([0, 1, 2]).default(0),
  })
  .superRefine((question, ctx) => reportDuplicates(question.accepted, "accepted", ctx, "the accepted answers"));

export const NumericQuestionSchema = z.strictObject({
  type: z.literal("numeric"),
  ...commonFields("numeric"),
  correct: z.number(),
  tolerance: z.number().min(0, { error: "must be 0 or more (it is how far off an answer may be)" }).default(0),
  unit: text.optional(),
});

export const OrderingQuestionSchema = z
  .strictObject({
    type: z.literal("ordering"),
    ...commonFields("ordering"),
    items: z.array(text).min(3).max(6),
  })
  .superRefine((question, ctx) => reportDuplicates(question.items, "items", ctx, "the items"));

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
