import { describe, expect, it } from "vitest";
import {
  type CompetitionGameEntry,
  competitionStandings,
  competitionTeamTotals,
  resolveStudentKey,
  selectFinalists,
  studentKey,
} from "../../shared/src/rules/competition.ts";
import {
  balanceTeam,
  DEFAULT_TEAMS,
  defaultTeams,
  housesFromNames,
  type TeamPointsEntry,
  teamStandings,
} from "../../shared/src/rules/teams.ts";

describe("teams", () => {
  it("gives every built-in team a distinct colour, shape and letter", () => {
    expect(new Set(DEFAULT_TEAMS.map((t) => t.color)).size).toBe(8);
    expect(new Set(DEFAULT_TEAMS.map((t) => t.shape)).size).toBe(8);
    expect(new Set(DEFAULT_TEAMS.map((t) => t.letter)).size).toBe(8);
  });

  it.each([1, 9, 2.5])("refuses %s teams", (count) => {
    expect(() => defaultTeams(count)).toThrow(/2 to 8 teams/);
  });

  it("builds houses whose ids follow their names, so they match across games", () => {
    const houses = housesFromNames(["Austen ", "Brontë", "Curie"]);
    expect(houses.map((h) => [h.id, h.name, h.letter])).toEqual([
      ["house-austen", "Austen", "A"],
      ["house-brontë", "Brontë", "B"],
      ["house-curie", "Curie", "C"],
    ]);
    expect(housesFromNames(["Austen", "Curie"])[0]?.id).toBe(houses[0]?.id);
    expect(() => housesFromNames(["Austen", "austen"])).toThrow(/named twice/);
  });

  it("puts each joining student in the smallest team, the first listed on a tie", () => {
    const teams = defaultTeams(3);
    const members: Record<string, string> = {};
    const placed: string[] = [];
    for (const id of ["a", "b", "c", "d", "e"]) {
      const team = balanceTeam(teams, members);
      members[id] = team;
      placed.push(team);
    }
    expect(placed).toEqual(["red", "blue", "gold", "red", "blue"]);
    delete members.a; // a red student left: red and gold are smallest, red is listed first
    expect(balanceTeam(teams, members)).toBe("red");
    members.f = "red";
    expect(balanceTeam(teams, members)).toBe("gold");
  });

  it("scores uneven teams by the mean of members present per question", () => {
    const teams = defaultTeams(2);
    const entries: TeamPointsEntry[] = [
      // question 0: red has 3 members (1000, 1000, 0), blue has 1 member (900)
      { playerId: "r1", teamId: "red", questionIndex: 0, points: 1000 },
      { playerId: "r2", teamId: "red", questionIndex: 0, points: 1000 },
      { playerId: "r3", teamId: "red", questionIndex: 0, points: 0 },
      { playerId: "b1", teamId: "blue", questionIndex: 0, points: 900 },
      // question 1: a second blue student joined
      { playerId: "r1", teamId: "red", questionIndex: 1, points: 500 },
      { playerId: "r2", teamId: "red", questionIndex: 1, points: 500 },
      { playerId: "r3", teamId: "red", questionIndex: 1, points: 500 },
      { playerId: "b1", teamId: "blue", questionIndex: 1, points: 0 },
      { playerId: "b2", teamId: "blue", questionIndex: 1, points: 600 },
    ];
    const members = { r1: "red", r2: "red", r3: "red", b1: "blue", b2: "blue" };
    expect(teamStandings(teams, entries, members)).toEqual([
      { teamId: "blue", score: 1200, memberCount: 2, rank: 1 }, // 900 + (0+600)/2
      { teamId: "red", score: 1167, memberCount: 3, rank: 2 }, // 666.67 + 500
    ]);
  });

  it("ties a small team and a big team that did equally well, listed in team order", () => {
    const teams = defaultTeams(2);
    const entries: TeamPointsEntry[] = [
      ...["r1", "r2", "r3"].map((playerId) => ({ playerId, teamId: "red", questionIndex: 0, points: 1000 })),
      ...["b1", "b2", "b3", "b4", "b5", "b6"].map((playerId) => ({
        playerId,
        teamId: "blue",
        questionIndex: 0,
        points: 1000,
      })),
    ];
    const ranks = teamStandings(teams, entries, {}).map((row) => [row.teamId, row.score, row.rank]);
    expect(ranks).toEqual([
      ["red", 1000, 1],
      ["blue", 1000, 1],
    ]);
  });
});

function entry(
  over: Partial<CompetitionGameEntry> & Pick<CompetitionGameEntry, "gameId" | "name">,
): CompetitionGameEntry {
  return {
    playerId: `${over.gameId}-${over.name}`,
    deviceId: `dev-${over.name.toLowerCase()}`,
    score: 0,
    correct: 0,
    answered: 0,
    teamId: null,
    removed: false,
    ...over,
  };
}

describe("competition standings", () => {
  it("matches a student across games by device and name, and counts a missed game as nothing", () => {
    const entries = [
      entry({ gameId: "g1", name: "Amira", score: 3000, correct: 3, answered: 3 }),
      entry({ gameId: "g1", name: "Ben", score: 2500, correct: 2, answered: 3 }),
      entry({ gameId: "g1", name: "Chen", score: 1000, correct: 1, answered: 2 }),
      entry({ gameId: "g2", name: "amira", score: 500, correct: 1, answered: 3 }), // same device, name case differs
      entry({ gameId: "g2", name: "Ben", score: 2000, correct: 2, answered: 3 }),
      // Chen missed game 2
    ];
    const standings = competitionStandings(entries, ["g1", "g2"]);
    expect(standings.map((s) => [s.name, s.score, s.gamesPlayed, s.rank])).toEqual([
      ["Ben", 4500, 2, 1],
      ["amira", 3500, 2, 2],
      ["Chen", 1000, 1, 3],
    ]);
    expect(standings[2]?.perGame).toEqual({ g1: 1000 });
  });

  it("keeps two students apart who share a name on different devices", () => {
    const entries = [
      entry({ gameId: "g1", name: "Sam", deviceId: "phone-1", score: 100 }),
      entry({ gameId: "g1", name: "Sam", deviceId: "phone-2", score: 200 }),
    ];
    expect(competitionStandings(entries, ["g1"]).map((s) => s.score)).toEqual([200, 100]);
  });

  it("merges two entries the teacher says are one student (a new phone in game 2)", () => {
    const entries = [
      entry({ gameId: "g1", name: "Dana", deviceId: "old-phone", score: 1200, correct: 2, answered: 2 }),
      entry({ gameId: "g2", name: "Dana", deviceId: "new-phone", score: 800, correct: 1, answered: 2 }),
      entry({ gameId: "g2", name: "Eli", score: 1500, correct: 2, answered: 2 }),
    ];
    expect(competitionStandings(entries, ["g1", "g2"]).map((s) => s.score)).toEqual([1500, 1200, 800]);
    const merges = [{ from: studentKey("Dana", "new-phone"), into: studentKey("Dana", "old-phone") }];
    const merged = competitionStandings(entries, ["g1", "g2"], merges);
    expect(merged.map((s) => [s.name, s.score, s.correct, s.answered, s.gamesPlayed])).toEqual([
      ["Dana", 2000, 3, 4, 2],
      ["Eli", 1500, 2, 2, 1],
    ]);
  });

  it("follows chains of merges and survives a cycle", () => {
    expect(
      resolveStudentKey("a", [
        { from: "a", into: "b" },
        { from: "b", into: "c" },
      ]),
    ).toBe("c");
    expect(
      resolveStudentKey("a", [
        { from: "a", into: "b" },
        { from: "b", into: "a" },
      ]),
    ).toBe("a");
  });

  it("leaves removed students and games outside the competition out", () => {
    const entries = [
      entry({ gameId: "g1", name: "Rude", score: 9000, removed: true }),
      entry({ gameId: "other", name: "Fay", score: 9000 }),
      entry({ gameId: "g1", name: "Fay", score: 10 }),
    ];
    expect(competitionStandings(entries, ["g1"]).map((s) => [s.name, s.score])).toEqual([["Fay", 10]]);
  });

  it("adds team totals across games", () => {
    const rows = competitionTeamTotals([
      { gameId: "g1", teamId: "house-austen", score: 900 },
      { gameId: "g1", teamId: "house-curie", score: 1000 },
      { gameId: "g2", teamId: "house-austen", score: 400 },
      { gameId: "g2", teamId: "house-curie", score: 300 },
    ]);
    expect(rows).toEqual([
      { teamId: "house-austen", score: 1300, rank: 1 },
      { teamId: "house-curie", score: 1300, rank: 1 },
    ]);
  });
});

describe("the final's selection", () => {
  const ranked = [
    { name: "A", rank: 1 },
    { name: "B", rank: 2 },
    { name: "C", rank: 3 },
    { name: "D", rank: 3 },
    { name: "E", rank: 4 },
  ];
  it.each([
    [0, []],
    [1, ["A"]],
    [2, ["A", "B"]],
    [3, ["A", "B", "C", "D"]], // ties at the cut all go through
    [4, ["A", "B", "C", "D"]],
    [5, ["A", "B", "C", "D", "E"]],
    [9, ["A", "B", "C", "D", "E"]],
  ])("top %i → %j", (n, names) => {
    expect(selectFinalists(ranked, n).map((row) => row.name)).toEqual(names);
  });
});
