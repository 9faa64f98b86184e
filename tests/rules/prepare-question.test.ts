import {
  answerToText,
  createRng,
  distributionBucket,
  distributionLabels,
  prepareQuestion,
  type Question,
  revealOf,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { armyCut, austria, beria, events, porkkala, question, twoCorrect } from "./questions.ts";

const prep = (q: Question, seed = 7) => prepareQuestion(q, "peaceful-coexistence", createRng(seed));

describe("public question", () => {
  test("multiple-choice shows the options as in the bank and nothing else", () => {
    expect(prep(beria).public).toEqual({
      id: "beria-germany",
      type: "multiple-choice",
      prompt: "Shortly after Stalin's death, who proposed a reunified, neutral Germany?",
      options: ["Beria", "Malenkov", "Khrushchev", "Molotov"],
      items: [],
      unit: "",
      timeLimitMs: 20_000,
      basePoints: 1000,
    });
  });

  test("true-false shows True / False; numeric shows its unit; double points are 2000", () => {
    expect(prep(austria).public.options).toEqual(["True", "False"]);
    expect(prep(austria).public.timeLimitMs).toBe(10_000);
    expect(prep(armyCut).public.unit).toBe("million men");
    expect(prep({ ...beria, points: "double" }).public.basePoints).toBe(2000);
  });

  test.each([
    [beria, []],
    [twoCorrect, []],
    [austria, []],
    [porkkala, ["porkkala", "peninsula"]],
    [armyCut, ["2.1"]],
    [events, []],
  ] as [Question, string[]][])("$id gives nothing away", (q, secrets) => {
    const json = JSON.stringify(prep(q).public);
    for (const field of ["correct", "accepted", "tolerance", "typoTolerance", "explanation", "source", "difficulty"]) {
      expect(json).not.toContain(`"${field}"`);
    }
    for (const secret of secrets) expect(json.toLowerCase()).not.toContain(secret);
  });

  test("ordering items are shuffled, deterministically by seed, never in the correct order", () => {
    const correct = ["Stalin dies", "Austrian State Treaty", "Secret Speech", "Sputnik"];
    const a = prep(events, 1).public.items;
    expect(prep(events, 1).public.items).toEqual(a);
    expect([...a].sort()).toEqual([...correct].sort());
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const items = prep(events, seed).displayedItems;
      expect(items).not.toEqual(correct);
      seen.add(items.join("|"));
    }
    // 23 of the 24 orders are not the answer; 200 seeds should find most of them.
    expect(seen.size).toBeGreaterThanOrEqual(20);
    expect(seen.size).toBeLessThanOrEqual(23);
  });

  test("a three-item ordering is never shown in the correct order either", () => {
    const abc = question({ type: "ordering", items: ["A", "B", "C"] });
    for (let seed = 0; seed < 50; seed++) expect(prep(abc, seed).displayedItems).not.toEqual(["A", "B", "C"]);
  });
});

describe("reveal", () => {
  test.each([
    [beria, [0], "Beria"],
    [twoCorrect, [0, 1], "Beria, Malenkov"],
    [austria, [0], "True"],
    [{ ...austria, correct: false }, [1], "False"],
    [porkkala, [], "Porkkala"],
    [armyCut, [], "2.1 million men"],
    [{ ...armyCut, tolerance: 0.1 }, [], "2.1 ± 0.1 million men"],
    [events, [], "Stalin dies → Austrian State Treaty → Secret Speech → Sputnik"],
  ] as [Question, number[], string][])("%#: %j", (q, indices, text) => {
    const reveal = revealOf(prep(q));
    expect(reveal.correctOptionIndices).toEqual(indices);
    expect(reveal.correctText).toBe(text);
    expect(reveal.explanation).toBe(q.explanation);
  });

  test("ordering reveals the correct order", () => {
    expect(revealOf(prep(events)).correctOrder).toEqual([
      "Stalin dies",
      "Austrian State Treaty",
      "Secret Speech",
      "Sputnik",
    ]);
    expect(revealOf(prep(beria)).correctOrder).toEqual([]);
  });
});

describe("answers in reports and the distribution chart", () => {
  const abc = question({ type: "ordering", items: ["A", "B", "C"] });

  test("answerToText", () => {
    expect(answerToText(prep(beria), { kind: "choice", choices: [0] })).toBe("Beria");
    expect(answerToText(prep(twoCorrect), { kind: "choice", choices: [1, 0] })).toBe("Malenkov, Beria");
    expect(answerToText(prep(austria), { kind: "boolean", value: true })).toBe("True");
    expect(answerToText(prep(porkkala), { kind: "text", text: "porkala " })).toBe("porkala ");
    expect(answerToText(prep(armyCut), { kind: "number", value: 3.7 })).toBe("3.7");
    const prepared = prep(abc);
    const order = ["B", "A", "C"].map((item) => prepared.displayedItems.indexOf(item));
    expect(answerToText(prepared, { kind: "order", order })).toBe("B, A, C");
  });

  test("single-answer questions have a bar per option; others have correct / wrong", () => {
    expect(distributionLabels(prep(beria))).toEqual(["Beria", "Malenkov", "Khrushchev", "Molotov"]);
    expect(distributionLabels(prep(austria))).toEqual(["True", "False"]);
    expect(distributionLabels(prep(twoCorrect))).toEqual(["Correct", "Wrong"]);
    expect(distributionLabels(prep(porkkala))).toEqual(["Correct", "Wrong"]);
  });

  test.each([
    [beria, { kind: "choice", choices: [2] }, 2],
    [beria, { kind: "choice", choices: [0, 2] }, -1],
    [austria, { kind: "boolean", value: false }, 1],
    [austria, { kind: "boolean", value: true }, 0],
    [twoCorrect, { kind: "choice", choices: [0, 1] }, 0],
    [twoCorrect, { kind: "choice", choices: [0] }, 1],
    [porkkala, { kind: "text", text: "Porkala" }, 0],
    [porkkala, { kind: "text", text: "Tallinn" }, 1],
    [armyCut, { kind: "number", value: 2.1 }, 0],
    [armyCut, { kind: "text", text: "2.1" }, 1],
  ] as const)("%#: bucket %i", (q, answer, bucket) => {
    expect(distributionBucket(prep(q), answer as Parameters<typeof distributionBucket>[1])).toBe(bucket);
  });
});
