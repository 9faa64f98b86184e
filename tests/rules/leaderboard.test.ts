import { onPodium, rankOf, rankStandings, type Standing, topN } from "@handsup/shared";
import { describe, expect, test } from "vitest";

const standings: Standing[] = [
  { playerId: "p1", name: "Cy", score: 1900 },
  { playerId: "p2", name: "Ann", score: 3450 },
  { playerId: "p3", name: "Bob", score: 1900 },
  { playerId: "p4", name: "Dee", score: 0 },
  { playerId: "p5", name: "Eve", score: 1200 },
];

describe("rankStandings: the one ranking (leaderboard, podium, phone, report)", () => {
  test("dense ranks: equal scores share a rank, the next score takes the next rank; ties listed by name", () => {
    expect(rankStandings(standings).map((s) => [s.name, s.score, s.rank])).toEqual([
      ["Ann", 3450, 1],
      ["Bob", 1900, 2],
      ["Cy", 1900, 2],
      ["Eve", 1200, 3],
      ["Dee", 0, 4],
    ]);
  });

  test("the result does not depend on input order", () => {
    expect(rankStandings([...standings].reverse())).toEqual(rankStandings(standings));
  });

  test("ties by name ignore case and accents, then by id", () => {
    const tied = [
      { playerId: "b", name: "zed", score: 10 },
      { playerId: "a", name: "Émile", score: 10 },
      { playerId: "c", name: "Amy", score: 10 },
    ];
    expect(rankStandings(tied).map((s) => [s.name, s.rank])).toEqual([
      ["Amy", 1],
      ["Émile", 1],
      ["zed", 1],
    ]);
  });

  test("no players, no ranks", () => {
    expect(rankStandings([])).toEqual([]);
  });
});

describe("topN, onPodium and rankOf", () => {
  const ranked = rankStandings(standings);
  test("topN keeps the first n in order", () => {
    expect(topN(ranked, 3).map((s) => s.name)).toEqual(["Ann", "Bob", "Cy"]);
    expect(topN(ranked, 10)).toHaveLength(5);
    expect(topN(ranked, 0)).toEqual([]);
  });
  test("the podium holds every student on ranks 1–3, a tie included", () => {
    expect(onPodium(ranked).map((s) => `${s.rank} ${s.name}`)).toEqual(["1 Ann", "2 Bob", "2 Cy", "3 Eve"]);
  });
  test("rankOf finds a player's rank", () => {
    expect(rankOf(ranked, "p1")).toBe(2);
    expect(rankOf(ranked, "p4")).toBe(4);
    expect(rankOf(ranked, "nobody")).toBeUndefined();
  });
});
