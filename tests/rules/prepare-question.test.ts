import {
  answerToText,
  createRng,
  distributionBucket,
  distributionLabels,
  prepareQuestion,
  type Question,
  revealOf,
} from "@handsup/shared";
import { importSpreadsheetRows } from "@handsup/shared/content/import-spreadsheet.ts";
import { describe, expect, test } from "vitest";
import { armyCut, austria, beria, events, porkkala, question, twoCorrect } from "./questions.ts";

const prep = (q: Question, seed = 7) => prepareQuestion(q, "peaceful-coexistence", createRng(seed));

/** Beria as a bank writes it: options shuffled each game (the shared fixture keeps the file's order). */
const shuffledBeria = { ...beria, shuffle: true };
const BERIA_OPTIONS = ["Beria", "Malenkov", "Khrushchev", "Molotov"];
const SEEDS = Array.from({ length: 2400 }, (_, seed) => seed);

describe("public question", () => {
  test("multiple-choice shows the options, in this game's order, and nothing else", () => {
    expect(prep(beria).public).toEqual({
      id: expect.stringMatching(/^q-[0-9a-z]{6}$/),
      type: "multiple-choice",
      prompt: "Shortly after Stalin's death, who proposed a reunified, neutral Germany?",
      options: ["Beria", "Malenkov", "Khrushchev", "Molotov"],
      items: [],
      unit: "",
      timeLimitMs: 20_000,
      basePoints: 1000,
      multiSelect: false,
      image: null,
      hasMaths: false,
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

describe("options are shuffled per game, from the seed", () => {
  test("the same seed gives the same order and id (the server prepares once; projector and phones get that)", () => {
    const game = (seed: number) => {
      const rng = createRng(seed);
      return [shuffledBeria, twoCorrect, events, shuffledBeria].map((q) => prepareQuestion(q, "b", rng));
    };
    expect(game(42)).toEqual(game(42));
    expect(game(42).map((p) => p.public.options)).not.toEqual(game(43).map((p) => p.public.options));
  });

  test("every option is shown once, and the correct positions follow the shuffle", () => {
    for (const seed of SEEDS.slice(0, 200)) {
      const prepared = prep(shuffledBeria, seed);
      expect([...prepared.public.options].sort()).toEqual([...BERIA_OPTIONS].sort());
      expect(prepared.correctOptionIndices.map((i) => prepared.public.options[i])).toEqual(["Beria"]);
      expect(prepared.optionOrder.map((i) => BERIA_OPTIONS[i])).toEqual(prepared.public.options);
      expect(revealOf(prepared).correctText).toBe("Beria");
    }
  });

  test("over 2400 games the bank's order comes up no more than chance (1 in 24) and Beria sits in each place", () => {
    const inBankOrder = SEEDS.filter(
      (seed) => prep(shuffledBeria, seed).public.options.join() === BERIA_OPTIONS.join(),
    );
    // 2400 / 24 = 100 expected; the standard deviation is about 10.
    expect(inBankOrder.length).toBeGreaterThan(70);
    expect(inBankOrder.length).toBeLessThan(130);
    const places = [0, 0, 0, 0];
    for (const seed of SEEDS) places[prep(shuffledBeria, seed).correctOptionIndices[0]!]!++;
    // 600 expected in each place; a student tapping A every time scores what chance gives.
    for (const count of places) expect(Math.abs(count - 600)).toBeLessThan(75);
  });

  test("`shuffle: false` keeps the file's order in every game", () => {
    const allOfTheAbove = question({
      type: "multiple-choice",
      options: ["Beria", "Malenkov", "Khrushchev", "All of the above"],
      correct: "All of the above",
      shuffle: false,
    });
    for (const seed of SEEDS.slice(0, 300)) {
      const prepared = prep(allOfTheAbove, seed);
      expect(prepared.public.options).toEqual(["Beria", "Malenkov", "Khrushchev", "All of the above"]);
      expect(prepared.correctOptionIndices).toEqual([3]);
    }
  });
});

describe("multi-select comes from the data, not the wording", () => {
  test.each([
    ["one correct answer", { correct: "A" }, false],
    ["two correct answers", { correct: ["A", "C"] }, true],
    [
      "one correct answer, multiSelect: true (so the count is not given away)",
      { correct: "A", multiSelect: true },
      true,
    ],
    [
      "a prompt saying 'choose all that apply' but one answer",
      { correct: "A", prompt: "Choose all that apply: A?" },
      false,
    ],
  ])("%s → %s", (_what, fields, multiSelect) => {
    const q = question({ type: "multiple-choice", options: ["A", "B", "C"], ...fields });
    expect(prep(q).public.multiSelect).toBe(multiSelect);
  });

  test("other types never take several options", () => {
    expect([austria, porkkala, armyCut, events].map((q) => prep(q).public.multiSelect)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  test("an imported row with correct answers 1,3 and no such phrase is multi-select on every phone", () => {
    const header = [
      "Question - max 120 characters",
      "Answer 1",
      "Answer 2",
      "Answer 3",
      "Correct answer(s) - choose at least one",
    ];
    const { questions } = importSpreadsheetRows(
      [header, ["Leaders after Stalin?", "Malenkov", "Truman", "Khrushchev", "1,3"]],
      "q.csv",
    );
    expect(questions.map((q) => prep(q).public.multiSelect)).toEqual([true]);
  });
});

describe("nothing on a phone names the bank's question", () => {
  test("the public id is opaque, differs between the questions of a game, and never is the bank id", () => {
    const rng = createRng(5);
    const ids = [beria, twoCorrect, austria, porkkala, armyCut, events].map((q) => {
      const prepared = prepareQuestion(q, "peaceful-coexistence", rng);
      expect(JSON.stringify(prepared.public)).not.toContain(`"${q.id}"`);
      expect(prepared.question.id).toBe(q.id); // the server keeps it for the report
      return prepared.public.id;
    });
    expect(new Set(ids).size).toBe(6);
    expect(ids.every((id) => /^q-[0-9a-z]{6}$/.test(id))).toBe(true);
  });
});

describe("maths", () => {
  test.each([
    ["in the prompt", { prompt: "Which is $\\sqrt{4}$?" }, true],
    ["in an option", { options: ["$2$", "3"], correct: "3" }, true],
    ["a dollar sign written \\$", { prompt: "Which costs \\$5?" }, false],
    ["none", {}, false],
  ])("%s → hasMaths %s", (_what, fields, hasMaths) => {
    const q = question({ type: "multiple-choice", options: ["2", "3"], correct: "2", ...fields });
    expect(prep(q).public.hasMaths).toBe(hasMaths);
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
