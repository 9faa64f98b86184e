import { z } from "zod";

/** Highest option / item index a question can have (at most 6 options or items). */
export const MAX_OPTION_INDEX = 5;
/** Longest typed answer accepted. */
export const MAX_ANSWER_TEXT_LENGTH = 200;

const optionIndex = z.number().int().min(0).max(MAX_OPTION_INDEX);

const distinct = (values: readonly number[]) => new Set(values).size === values.length;

/** A student's answer, by kind: chosen option indices, true/false, typed text, a number, or displayed-item order. */
export const AnswerInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("choice"),
    choices: z.array(optionIndex).min(1).max(6).refine(distinct, { error: "each choice may appear once" }),
  }),
  z.strictObject({ kind: z.literal("boolean"), value: z.boolean() }),
  z.strictObject({ kind: z.literal("text"), text: z.string().max(MAX_ANSWER_TEXT_LENGTH) }),
  z.strictObject({ kind: z.literal("number"), value: z.number().finite() }),
  z.strictObject({
    kind: z.literal("order"),
    order: z.array(optionIndex).min(3).max(6).refine(distinct, { error: "each item may appear once" }),
  }),
]);
export type AnswerInput = z.infer<typeof AnswerInputSchema>;
