import { playerDeadline, replay, standings } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script } from "./game-script.ts";

/** Whole `everyone` games replayed through the real reducer (`step`), with exact scores, ranks and phases. */

function toQuestion(script: Script, index: number) {
  if (script.game.phase.name === "lobby") script.host("start");
  else {
    script.host("next"); // reveal → leaderboard
    expect(script.game.phase.name).toBe("leaderboard");
    script.host("next"); // leaderboard → get ready
  }
  expect(script.game.phase).toMatchObject({ name: "getReady", questionIndex: index });
  script.waitForPhase("question");
  expect(script.game.phase.questionIndex).toBe(index);
}

describe("an everyone game of six questions, three students", () => {
  test("scores every answer exactly, closes when all answered, streaks and misses, one ranking", () => {
    const s = new Script(roomTestSetup({ questionCount: 6, speedScoring: false, streaks: true }));
    for (const name of ["Ann", "Bob", "Cy"]) s.join(name);
    expect(s.game.activeCount).toBe(3);

    // Q1 capital-france: Ann and Bob right, Cy wrong; nothing is scored before the reveal.
    toQuestion(s, 0);
    s.answer("ann", true);
    s.answer("bob", true);
    expect(s.game.players.ann?.lastResult).toBe("none");
    expect(s.game.players.ann?.score).toBe(0);
    expect(s.game.phase.name).toBe("question");
    s.answer("cy", false); // last one in closes the question at once
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.players.ann).toMatchObject({ lastResult: "correct", lastPoints: 1000 });
    expect(s.game.players.cy?.lastResult).toBe("wrong");
    expect(s.game.current?.revealed).toEqual({ answered: 3, correct: 2, distribution: s.bars({ Paris: 2, Lyon: 1 }) });
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 1000, Cy: 0 });
    expect(s.ranking()).toEqual(["1. Ann 1000", "1. Bob 1000", "2. Cy 0"]);

    // Q2 sky-blue: Ann right (streak 2: +100), Bob wrong, Cy right.
    toQuestion(s, 1);
    s.answer("ann", true);
    s.answer("bob", false);
    s.answer("cy", true);
    expect(s.scores()).toEqual({ Ann: 2100, Bob: 1000, Cy: 1000 });

    // Q3 double points: Ann right (2000 + streak 3: +200), Bob right, Cy says nothing: the teacher reveals.
    toQuestion(s, 2);
    s.answer("ann", true);
    s.answer("bob", true);
    s.host("revealNow");
    expect(s.game.players.cy?.lastResult).toBe("missed");
    expect(s.scores()).toEqual({ Ann: 4300, Bob: 3000, Cy: 1000 });

    // Q4 ordering: all right; Cy's streak restarted after the miss.
    toQuestion(s, 3);
    for (const id of ["ann", "bob", "cy"]) s.answer(id, true);
    expect(s.scores()).toEqual({ Ann: 5600, Bob: 4100, Cy: 2000 });

    // Q5 type-answer: punctuation ignored for Ann, one typo forgiven for Bob, Cy wrong.
    toQuestion(s, 4);
    s.answer("ann", true);
    s.answer("bob", true, { typed: "pacifc" });
    s.answer("cy", false);
    expect(s.scores()).toEqual({ Ann: 7000, Bob: 5300, Cy: 2000 });

    // Q6 several correct options: all and only the right ones count.
    toQuestion(s, 5);
    s.answer("ann", true);
    s.answer("bob", false);
    s.answer("cy", true);
    expect(s.scores()).toEqual({ Ann: 8500, Bob: 5300, Cy: 3000 });
    expect(s.ranking()).toEqual(["1. Ann 8500", "2. Bob 5300", "3. Cy 3000"]);
    expect(standings(s.game).map((row) => [row.name, row.correctCount, row.streak])).toEqual([
      ["Ann", 6, 6],
      ["Bob", 4, 0],
      ["Cy", 3, 1],
    ]);

    s.host("next");
    s.host("next");
    expect(s.game.phase.name).toBe("podium");
    s.host("next");
    expect(s.game.phase.name).toBe("ended");
    expect(s.lastEffects.some((effect) => effect.type === "gameEnded")).toBe(true);

    // The ledger is the one truth: 18 entries, and the log replays to the very same game.
    expect(s.game.ledger).toHaveLength(18);
    expect(replay(s.log)).toEqual(s.game);
  });

  test("speed scoring counts from the student's own screen (fair start), extra time stretches deadline and scale", () => {
    const s = new Script(roomTestSetup({ questionCount: 1 }));
    s.join("Fast");
    s.join("Slow");
    s.join("Late");
    s.ok({ type: "grantExtraTime", playerId: "slow", factor: 2 });
    s.host("start");
    s.waitForPhase("question");
    const opened = s.game.current?.openedAt ?? 0;
    // Late's phone shows the question 600 ms after it opened (its clock runs 5 s ahead, 100 ms round trip; the
    // grace for a late screen is rtt + jitter allowance + render budget = 640 ms).
    const clock = { offsetMs: 5000, rttMs: 100, jitterMs: 10, samples: 8 };
    s.t = opened + 700;
    s.ok({ type: "shown", playerId: "late", questionIndex: 0, shownAtClient: opened + 600 + 5000, clock });
    expect(s.game.current?.shownAt.late).toBe(opened + 600);
    const late = s.game.players.late;
    const slow = s.game.players.slow;
    const fast = s.game.players.fast;
    if (!late || !slow || !fast) throw new Error("players");
    expect(playerDeadline(s.game, fast)).toBe(opened + 20_000);
    expect(playerDeadline(s.game, slow)).toBe(opened + 40_000);
    expect(playerDeadline(s.game, late)).toBe(opened + 20_600);

    // Fast answers 5 s after opening: round(1000 × (1 − 5/20/2)) = 875.
    s.t = opened + 5000;
    s.answer("fast", true);
    // Late answers 5 s after ITS screen showed it (stamped on its own clock): also 875, not 860.
    s.t = opened + 5600 + 30;
    s.answer("late", true, { answeredAtClient: opened + 5600 + 5000, clock });
    // Slow answers 10 s in, against a 40 s limit: round(1000 × (1 − 10/40/2)) = 875.
    s.t = opened + 10_000;
    s.answer("slow", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Fast: 875, Slow: 875, Late: 875 });
    expect(s.ranking()).toEqual(["1. Fast 875", "1. Late 875", "1. Slow 875"]);
  });

  test("closes at the latest personal deadline of those still thinking, not before", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, speedScoring: false }));
    s.join("Ann");
    s.join("Slow");
    s.ok({ type: "grantExtraTime", playerId: "slow", factor: 1.5 });
    s.host("start");
    s.waitForPhase("question");
    const opened = s.game.current?.openedAt ?? 0;
    s.answer("ann", true);
    expect(s.game.wakeAt).toBe(opened + 20_000);
    s.wait(20_000);
    expect(s.game.phase.name).toBe("question"); // Slow still has 10 s
    expect(s.game.wakeAt).toBe(opened + 30_000);
    s.wait(9_999);
    const refusedLate = s.answer("ann", true);
    expect(refusedLate[0]).toMatchObject({ type: "refuse", code: "already-answered" });
    s.wait(1);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.players.slow?.lastResult).toBe("missed");
  });

  test("a late joiner waits for the next question and does not hold the question open", () => {
    const s = new Script(roomTestSetup({ questionCount: 2, speedScoring: false }));
    s.join("Ann");
    s.host("start");
    s.waitForPhase("question");
    s.join("Late");
    expect(s.answer("late", true)[0]).toMatchObject({
      type: "refuse",
      message: "You joined during this question: wait for the next one.",
    });
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.players.late?.lastResult).toBe("none"); // not "missed": it was not theirs to play
    toQuestion(s, 1);
    s.answer("late", true);
    s.answer("ann", true);
    expect(s.scores()).toEqual({ Ann: 2100, Late: 1000 });
  });
});
