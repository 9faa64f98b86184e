import { rankOf, rankStandings, type Standing, topN } from "@handsup/shared";
import { describe, expect, test } from "vitest";

const standings: Standing[] = [
  { playerId: "p1", name: "Cy", score: 1900, reachedAt: 7 },
  { playerId: "p2", name: "Ann", score: 3450, reachedAt: 9 },
  { playerId: "p3", name: "Bob", score: 1900, reachedAt: 4 },
  { playerId: "p4", name: "Dee", score: 0, reachedAt: 0 },
  { playerId: "p5", name: "Eve", score: 1200, reachedAt: 8 },
];

describe("rankStandings", () => {
  test("dense ranks: equal scores share a rank, the next score takes the next rank; ties by first reach", () => {
    expect(rankStandings(standings).map((s) => [s.name, s.score, s.rank])).toEqual([
      ["Ann", 3450, 1],
      ["Bob", 1900, 2], // reached 1900 before Cy
      ["Cy", 1900, 2],
      ["Eve", 1200, 3],
      ["Dee", 0, 4],
    ]);
  });

  test("the result does not depend on input order", () => {
    expect(rankStandings([...standings].reverse())).toEqual(rankStandings(standings));
  });

  test("same score and same reach: by name", () => {
    const tied = [
      { playerId: "b", name: "Zed", score: 10, reachedAt: 1 },
      { playerId: "a", name: "Amy", score: 10, reachedAt: 1 },
    ];
    expect(rankStandings(tied).map((s) => [s.name, s.rank])).toEqual([
      ["Amy", 1],
      ["Zed", 1],
    ]);
  });

  test("no players, no ranks", () => {
    expect(rankStandings([])).toEqual([]);
  });
});

describe("topN and rankOf", () => {
  const ranked = rankStandings(standings);
  test("topN keeps the first n in order", () => {
    expect(topN(ranked, 3).map((s) => s.name)).toEqual(["Ann", "Bob", "Cy"]);
    expect(topN(ranked, 10)).toHaveLength(5);
    expect(topN(ranked, 0)).toEqual([]);
  });
  test("rankOf finds a player's rank", () => {
    expect(rankOf(ranked, "p1")).toBe(2);
    expect(rankOf(ranked, "p4")).toBe(4);
    expect(rankOf(ranked, "nobody")).toBeUndefined();
  });
});
