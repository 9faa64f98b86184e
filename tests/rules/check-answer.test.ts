import {
  type AnswerInput,
  AnswerInputSchema,
  checkAnswer,
  createRng,
  editDistance,
  normalizeAnswerText,
  type PreparedQuestion,
  prepareQuestion,
  type Question,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";
import {
  armyCut,
  austria,
  beria,
  events,
  kazakhstan,
  porkkala,
  question,
  thirds,
  twoCorrect,
  usa,
} from "./questions.ts";

const prep = (q: Question): PreparedQuestion => prepareQuestion(q, "bank", createRng(7));
const check = (q: Question, answer: AnswerInput) => checkAnswer(prep(q), answer);

describe("normalizeAnswerText", () => {
  test.each([
    ["Kazakhstán", "kazakhstan"],
    ["  PORKKALA  Peninsula ", "porkkala peninsula"],
    ["Porkkala!", "porkkala"],
    ["St. Petersburg", "st petersburg"],
    ["Sino-Soviet split", "sino soviet split"],
    ["Zoë’s “answer”?", "zoes answer"],
  ])("%s → %s", (raw, normalized) => {
    expect(normalizeAnswerText(raw)).toBe(normalized);
  });
});

describe("editDistance", () => {
  test.each([
    ["porkkala", "porkala", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["same", "same", 0],
    ["usa", "usb", 1],
  ])("%s ↔ %s = %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("multiple-choice", () => {
  test.each([
    [[0], true],
    [[1], false],
    [[0, 1], false],
  ])("one correct option: choices %j → %s", (choices, correct) => {
    expect(check(beria, { kind: "choice", choices })).toBe(correct);
  });

  test.each([
    [[0, 1], true],
    [[1, 0], true],
    [[0], false], // not all
    [[0, 1, 2], false], // not only
    [[2, 3], false],
  ])("two correct options: all and only; choices %j → %s", (choices, correct) => {
    expect(check(twoCorrect, { kind: "choice", choices })).toBe(correct);
  });
});

describe("true-false", () => {
  test("the boolean must match", () => {
    expect(check(austria, { kind: "boolean", value: true })).toBe(true);
    expect(check(austria, { kind: "boolean", value: false })).toBe(false);
  });
});

describe("type-answer", () => {
  test.each([
    ["Porkkala", true],
    ["porkkala", true],
    ["  PORKKALA ", true],
    ["Porkkala!", true],
    ["Porkkala   Peninsula", true],
    ["Porkala", true], // one typo allowed
    ["Porkkalo", true], // one substitution
    ["Prokala", false], // two edits
    ["Helsinki", false],
    ["", false],
    ["!!!", false],
  ])("accepted Porkkala (typo tolerance 1): %j → %s", (text, correct) => {
    expect(check(porkkala, { kind: "text", text })).toBe(correct);
  });

  test.each([
    ["Kazakhstán", true],
    ["KAZAKHSTAN.", true],
    ["Kazakstan", false], // no typo tolerance on this question
  ])("accepted Kazakhstan (no typos): %j → %s", (text, correct) => {
    expect(check(kazakhstan, { kind: "text", text })).toBe(correct);
  });

  test.each([
    ["usa", true],
    ["U.S.A.", true],
    ["USB", false], // too short to be fuzzy
    ["US", false],
  ])("short answers must match exactly: %j → %s", (text, correct) => {
    expect(check(usa, { kind: "text", text })).toBe(correct);
  });
});

describe("numeric", () => {
  test.each([
    [2.1, true],
    [2.11, false],
    [2, false],
  ])("exact (tolerance 0): %d → %s", (value, correct) => {
    expect(check(armyCut, { kind: "number", value })).toBe(correct);
  });

  test("floating-point sums count as exact", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(check(thirds, { kind: "number", value: 0.1 + 0.2 })).toBe(true);
    expect(check(armyCut, { kind: "number", value: 0.7 + 1.4 })).toBe(true); // 2.0999999999999996
  });

  test.each([
    [2.6, true],
    [3.4, true],
    [3.5, true], // the edge of the tolerance counts
    [2.5, true],
    [3.51, false],
    [2.49, false],
  ])("3 ± 0.5: %d → %s", (value, correct) => {
    const approx = question({ type: "numeric", correct: 3, tolerance: 0.5 });
    expect(check(approx, { kind: "number", value })).toBe(correct);
  });
});

describe("ordering", () => {
  test("answers name displayed indices; the displayed items in that order must be the correct order", () => {
    const prepared = prep(events);
    const correctOrder = events.type === "ordering" ? events.items : [];
    const order = correctOrder.map((item) => prepared.displayedItems.indexOf(item));
    expect(checkAnswer(prepared, { kind: "order", order })).toBe(true);
    expect(checkAnswer(prepared, { kind: "order", order: [order[1]!, order[0]!, order[2]!, order[3]!] })).toBe(false);
    expect(checkAnswer(prepared, { kind: "order", order: order.slice(0, 3) })).toBe(false);
  });

  test("the displayed order itself is wrong (it is never the answer)", () => {
    expect(check(events, { kind: "order", order: [0, 1, 2, 3] })).toBe(false);
  });
});

describe("wrong payload kind", () => {
  const answers: AnswerInput[] = [
    { kind: "choice", choices: [0] },
    { kind: "boolean", value: true },
    { kind: "text", text: "Beria" },
    { kind: "number", value: 2.1 },
    { kind: "order", order: [0, 1, 2] },
  ];
  const questions: [Question, AnswerInput["kind"]][] = [
    [beria, "choice"],
    [austria, "boolean"],
    [porkkala, "text"],
    [armyCut, "number"],
    [events, "order"],
  ];
  test.each(questions)("%s only accepts its own kind", (q, ownKind) => {
    for (const answer of answers.filter((a) => a.kind !== ownKind)) {
      expect(check(q, answer)).toBe(false);
    }
  });
});

describe("AnswerInputSchema", () => {
  test.each([
    [{ kind: "choice", choices: [0, 5] }, true],
    [{ kind: "choice", choices: [] }, false],
    [{ kind: "choice", choices: [6] }, false],
    [{ kind: "choice", choices: [1, 1] }, false],
    [{ kind: "choice", choices: [0.5] }, false],
    [{ kind: "boolean", value: false }, true],
    [{ kind: "boolean", value: "true" }, false],
    [{ kind: "text", text: "x".repeat(200) }, true],
    [{ kind: "text", text: "x".repeat(201) }, false],
    [{ kind: "number", value: -3.5 }, true],
    [{ kind: "number", value: Number.POSITIVE_INFINITY }, false],
    [{ kind: "number", value: Number.NaN }, false],
    [{ kind: "order", order: [2, 0, 1] }, true],
    [{ kind: "order", order: [0, 1] }, false],
    [{ kind: "order", order: [0, 1, 1] }, false],
    [{ kind: "order", order: [0, 1, 2, 3, 4, 5, 0] }, false],
    [{ kind: "guess", value: 1 }, false],
    [{ kind: "text", text: "a", extra: 1 }, false],
  ])("%j valid: %s", (payload, valid) => {
    expect(AnswerInputSchema.safeParse(payload).success).toBe(valid);
  });
});
