import { type Bank, BankSchema, planGame } from "@handsup/shared";
import { describe, expect, test } from "vitest";

const q = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  type: "true-false",
  prompt: `${id}?`,
  correct: true,
  explanation: "Because.",
  ...fields,
});

const coldWar: Bank = BankSchema.parse({
  id: "cold-war",
  title: "Cold War",
  tags: ["history"],
  questions: [
    q("a1", { difficulty: 1, tags: ["thaw"] }),
    q("a2", { difficulty: 2 }),
    q("a3", { difficulty: 3, tags: ["thaw"] }),
    q("a4", { type: "numeric", correct: 1955, difficulty: 1 }),
    q("a5", { difficulty: 2, tags: ["thaw"] }),
  ],
});
const space: Bank = BankSchema.parse({
  id: "space",
  title: "Space race",
  questions: [q("b1", { difficulty: 1 }), q("b2", { tags: ["thaw"] }), q("b3", { difficulty: 3 })],
});

const base = { banks: [coldWar, space], order: "bank" as const, seed: 1, rounds: [] };
/** Each round as [mode, ["bank/question", …]]; fails the test if the plan was refused. */
function ids(plan: ReturnType<typeof planGame>): [string, string[]][] {
  if (!plan.ok) throw new Error(plan.reason);
  return plan.rounds.map((round) => [round.mode, round.questions.map((p) => `${p.bankId}/${p.question.id}`)]);
}

describe("planGame", () => {
  test("bank order across banks, one everyone round by default", () => {
    expect(ids(planGame({ ...base, questionCount: 6 }))).toEqual([
      ["everyone", ["cold-war/a1", "cold-war/a2", "cold-war/a3", "cold-war/a4", "cold-war/a5", "space/b1"]],
    ]);
  });

  test("filters: tags (own or the bank's), difficulties, types", () => {
    expect(ids(planGame({ ...base, questionCount: 10, tags: ["thaw"] }))[0]).toEqual([
      "everyone",
      ["cold-war/a1", "cold-war/a3", "cold-war/a5", "space/b2"],
    ]);
    expect(ids(planGame({ ...base, questionCount: 5, tags: ["history"] }))[0]?.[1]).toHaveLength(5);
    expect(ids(planGame({ ...base, questionCount: 3, difficulties: [1] }))[0]).toEqual([
      "everyone",
      ["cold-war/a1", "cold-war/a4", "space/b1"],
    ]);
    expect(ids(planGame({ ...base, questionCount: 1, types: ["numeric"] }))[0]).toEqual(["everyone", ["cold-war/a4"]]);
  });

  test("shuffled order is fixed by the seed", () => {
    const plan = ids(planGame({ ...base, questionCount: 8, order: "shuffled", seed: 99 }));
    expect(ids(planGame({ ...base, questionCount: 8, order: "shuffled", seed: 99 }))).toEqual(plan);
    expect(ids(planGame({ ...base, questionCount: 8, order: "shuffled", seed: 100 }))).not.toEqual(plan);
    const all = plan[0]![1];
    expect([...all].sort()).toEqual([
      "cold-war/a1",
      "cold-war/a2",
      "cold-war/a3",
      "cold-war/a4",
      "cold-war/a5",
      "space/b1",
      "space/b2",
      "space/b3",
    ]);
    expect(all).not.toEqual([...all].sort());
  });

  test("rounds take their questions in order; the last takes what remains", () => {
    const rounds = [
      { mode: "everyone" as const, questionCount: 3 },
      { mode: "buzzer" as const, questionCount: 2 },
      { mode: "everyone" as const, questionCount: 1 },
    ];
    expect(ids(planGame({ ...base, questionCount: 6, rounds }))).toEqual([
      ["everyone", ["cold-war/a1", "cold-war/a2", "cold-war/a3"]],
      ["buzzer", ["cold-war/a4", "cold-war/a5"]],
      ["everyone", ["space/b1"]],
    ]);
  });

  test("too few questions: plays all of them, with a warning; rounds that get none are dropped", () => {
    const plan = planGame({
      ...base,
      questionCount: 10,
      difficulties: [3],
      rounds: [
        { mode: "buzzer", questionCount: 2 },
        { mode: "everyone", questionCount: 8 },
      ],
    });
    expect(plan).toEqual({
      ok: true,
      rounds: [{ mode: "buzzer", questions: [expect.objectContaining({ bankId: "cold-war" }), expect.anything()] }],
      warning: "Only 2 questions match the filters (10 asked); playing all of them.",
    });
  });

  test("no matching question: a clear refusal", () => {
    expect(planGame({ ...base, questionCount: 5, tags: ["nope"] })).toEqual({
      ok: false,
      reason: "No questions match the chosen banks and filters.",
    });
    expect(planGame({ ...base, banks: [], questionCount: 5 })).toEqual({
      ok: false,
      reason: "No questions match the chosen banks and filters.",
    });
  });
});
