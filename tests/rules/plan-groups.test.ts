import { type Bank, BankSchema, planGame } from "@handsup/shared";
import { describe, expect, test } from "vitest";

const q = (id: string, group?: string) => ({
  id,
  type: "true-false",
  prompt: `${id}?`,
  correct: true,
  explanation: "Because.",
  ...(group ? { group } : {}),
});

// Two pairs that give each other away (a1/a2, a4/a5), one question on its own.
const bank: Bank = BankSchema.parse({
  id: "thaw",
  title: "Thaw",
  questions: [q("a1", "beria"), q("a2", "beria"), q("a3"), q("a4", "red-army"), q("a5", "red-army")],
});
// Another bank may use the same group name for its own questions: groups belong to their bank.
const other: Bank = BankSchema.parse({ id: "space", title: "Space", questions: [q("b1", "beria"), q("b2")] });

function played(plan: ReturnType<typeof planGame>): string[] {
  if (!plan.ok) throw new Error(plan.reason);
  return plan.rounds.flatMap((round) => round.questions.map((p) => `${p.bankId}/${p.question.id}`));
}

const base = { banks: [bank], order: "bank" as const, seed: 1, rounds: [] };

describe("question groups: a game draws at most one question of a group", () => {
  test("in bank order the first of each group plays; the other half of the pair never does", () => {
    expect(played(planGame({ ...base, questionCount: 10 }))).toEqual(["thaw/a1", "thaw/a3", "thaw/a4"]);
  });

  test("asking for more than the groups allow plays all that can be played, and says why there are fewer", () => {
    const plan = planGame({ ...base, questionCount: 5 });
    expect(plan).toMatchObject({
      ok: true,
      warning: "Only 3 questions match the filters (questions of one group count once) (5 asked); playing all of them.",
    });
  });

  test("shuffled: over many seeds, never both of a pair, and each half of a pair gets its turn", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const ids = played(planGame({ ...base, order: "shuffled", seed, questionCount: 5 }));
      expect(ids).toHaveLength(3);
      expect(ids.filter((id) => id === "thaw/a1" || id === "thaw/a2")).toHaveLength(1);
      expect(ids.filter((id) => id === "thaw/a4" || id === "thaw/a5")).toHaveLength(1);
      expect(ids).toContain("thaw/a3");
      for (const id of ids) seen.add(id);
    }
    expect([...seen].sort()).toEqual(["thaw/a1", "thaw/a2", "thaw/a3", "thaw/a4", "thaw/a5"]);
  });

  test("the same group name in two banks is two groups", () => {
    expect(played(planGame({ ...base, banks: [bank, other], questionCount: 10 }))).toEqual([
      "thaw/a1",
      "thaw/a3",
      "thaw/a4",
      "space/b1",
      "space/b2",
    ]);
  });

  test("a filter that leaves out one half of a pair lets the other half play", () => {
    const tagged: Bank = BankSchema.parse({
      id: "thaw",
      title: "Thaw",
      questions: [q("a1", "beria"), { ...q("a2", "beria"), tags: ["germany"] }],
    });
    expect(played(planGame({ ...base, banks: [tagged], tags: ["germany"], questionCount: 2 }))).toEqual(["thaw/a2"]);
  });
});
