import { FLOW, GET_READY_MS, playerDeadline, podium, replay, reportStandings } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script } from "./game-script.ts";

/** The phase table as the flow: auto-advance, mixed rounds, kicks and extra time in an everyone question. */

describe("the phase table drives the game", () => {
  test("every phase names what comes next; only the table moves the game on", () => {
    const s = new Script(roomTestSetup({ questionCount: 2 }));
    expect(FLOW.lobby.next(s.game)).toEqual({ phase: "getReady", questionIndex: 0 });
    s.join("Ann");
    s.host("start");
    expect(s.game.phase).toMatchObject({ name: "getReady", endsAt: s.t + GET_READY_MS });
    expect(FLOW.getReady.next(s.game)).toEqual({ phase: "question", questionIndex: 0 });
    s.host("next"); // the teacher may open the question before the countdown ends
    expect(s.game.phase.name).toBe("question");
    expect(s.game.current?.openedAt).toBe(s.t);
    s.answer("ann", true);
    s.host("next");
    expect(FLOW.leaderboard.next(s.game)).toEqual({ phase: "getReady", questionIndex: 1 });
    s.host("next");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.host("next");
    expect(FLOW.leaderboard.next(s.game)).toEqual({ phase: "podium", questionIndex: 1 });
  });

  test("auto-advance: reveal and leaderboard move on by themselves after 6 s, to the podium", () => {
    const s = new Script(roomTestSetup({ questionCount: 2, autoAdvance: true, speedScoring: false }));
    s.join("Ann");
    s.host("start");
    const phases: string[] = [];
    for (let i = 0; i < 12 && s.game.phase.name !== "podium"; i++) {
      s.waitForPhase(s.game.phase.name === "question" ? "reveal" : FLOW[s.game.phase.name].next(s.game).phase);
      phases.push(s.game.phase.name);
    }
    // Nobody answers: each question runs its 20 s / 10 s, the reveal and the leaderboard 6 s each.
    expect(phases).toEqual([
      "question",
      "reveal",
      "leaderboard",
      "getReady",
      "question",
      "reveal",
      "leaderboard",
      "podium",
    ]);
    expect(s.game.ledger.map((e) => e.result)).toEqual(["missed", "missed"]);
    expect(s.game.wakeAt).toBeNull();
  });

  test("mixed rounds: an everyone round then a buzzer round, one ledger and one ranking across both", () => {
    const s = new Script(
      roomTestSetup({
        questionCount: 3,
        speedScoring: false,
        rounds: [
          { mode: "everyone", questionCount: 2 },
          { mode: "buzzer", questionCount: 1 },
        ],
      }),
    );
    s.join("Ann");
    s.join("Bob");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.answer("bob", true);
    s.host("next");
    s.host("next");
    s.waitForPhase("question");
    s.answer("ann", true); // streak 2: +100
    s.answer("bob", false);
    s.host("next");
    s.host("next");
    s.waitForPhase("question");
    expect(s.game.questions[2]?.mode).toBe("buzzer");
    s.buzz("bob");
    s.wait(150);
    s.answer("bob", true); // double points, no streak (his last was wrong)
    expect(s.scores()).toEqual({ Ann: 2100, Bob: 3000 });
    expect(s.game.players.ann?.streak).toBe(2); // a buzzer question Ann did not play leaves her streak alone
    s.host("next");
    s.host("next");
    expect(s.game.phase.name).toBe("podium");
    expect(podium(s.game).map((row) => `${row.rank} ${row.name}`)).toEqual(["1 Bob", "2 Ann"]);
    expect(replay(s.log)).toEqual(s.game);
  });
});

describe("students coming and going during an everyone question", () => {
  test("kicking the last student still thinking closes the question; a kicked student's answer is dropped", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, speedScoring: false }));
    s.join("Ann");
    s.join("Bob");
    s.join("Cy");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.answer("cy", true);
    expect(s.game.current?.answerCount).toBe(2);
    s.ok({ type: "kick", playerId: "cy" });
    expect(s.game.current?.answerCount).toBe(1);
    expect(s.game.current?.distribution).toEqual(s.bars({ Paris: 1 }));
    expect(s.game.phase.name).toBe("question"); // Bob is still thinking
    s.ok({ type: "kick", playerId: "bob" });
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.ledger.map((e) => `${e.playerId} ${e.result}`)).toEqual(["ann correct"]);
    expect(reportStandings(s.game).map((row) => `${row.rank} ${row.name} ${row.status}`)).toEqual([
      "1 Ann active",
      "null Bob kicked",
      "null Cy kicked",
    ]);
  });

  test("extra time granted mid-question moves that student's deadline, and the question waits for it", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, speedScoring: false }));
    s.join("Ann");
    s.join("Bob");
    s.host("start");
    s.waitForPhase("question");
    const opened = s.game.current?.openedAt ?? 0;
    s.answer("ann", true);
    s.wait(10_000);
    s.ok({ type: "grantExtraTime", playerId: "bob", factor: 1.5 });
    const bob = s.game.players.bob;
    if (!bob) throw new Error("bob");
    expect(playerDeadline(s.game, bob)).toBe(opened + 30_000);
    s.wait(19_999); // the question's own 20 s are long gone; Bob's 30 s are not
    expect(s.game.phase.name).toBe("question");
    s.answer("bob", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 1000 });
  });

  test("a phone that drops mid-question no longer holds it open; coming back, it may still answer in time", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, speedScoring: false }));
    s.join("Ann");
    s.join("Bob");
    s.join("Cy");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.ok({ type: "leave", playerId: "bob", consented: false });
    expect(s.game.current?.waitingCount).toBe(1);
    s.ok({ type: "rejoin", playerId: "bob" });
    expect(s.game.current?.waitingCount).toBe(2);
    s.answer("bob", false);
    s.ok({ type: "leave", playerId: "cy", consented: false });
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.ledger.map((e) => `${e.playerId} ${e.result}`)).toEqual(["ann correct", "bob wrong", "cy missed"]);
  });
});
