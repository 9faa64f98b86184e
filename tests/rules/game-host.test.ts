import { playerDeadline, replay } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script } from "./game-script.ts";

/** The teacher's controls, ties, reconnects and stale host actions, through the real reducer. */

function deadlineOf(s: Script, id: string): number | null {
  const player = s.game.players[id];
  return player ? playerDeadline(s.game, player) : null;
}

describe("the teacher's controls", () => {
  test("pause stops the clock, resume moves every deadline, +10 s extends, skip moves on even while paused", () => {
    const s = new Script(roomTestSetup({ questionCount: 3 }));
    s.join("Ann");
    s.host("start");
    s.waitForPhase("question");
    const deadline = deadlineOf(s, "ann") ?? 0;
    const endsAt = s.game.phase.endsAt ?? 0;
    s.wait(2000);
    s.host("pause");
    expect(s.game.phase.paused).toEqual({ at: s.t, remainingMs: 18_000 });
    expect(s.game.wakeAt).toBeNull();
    expect(s.answer("ann", true)[0]).toMatchObject({ type: "refuse", message: "The teacher has paused the game." });
    s.wait(600);
    s.host("resume");
    expect(deadlineOf(s, "ann")).toBe(deadline + 600);
    expect(s.game.phase.endsAt).toBe(endsAt + 600);
    s.ok({ type: "extend", seconds: 10, phase: "question", questionIndex: 0 });
    expect(deadlineOf(s, "ann")).toBe(deadline + 10_600);
    expect(s.game.wakeAt).toBe(endsAt + 10_600);
    s.host("pause");
    s.host("skip");
    expect(s.game.phase).toMatchObject({ name: "getReady", questionIndex: 1, paused: null });
    expect(s.scores()).toEqual({ Ann: 0 });
    s.waitForPhase("question");
    s.host("revealNow");
    expect(s.game.players.ann?.lastResult).toBe("missed");
    s.ok({ type: "showPrompt", show: false });
    expect(s.game.showPromptOnPhones).toBe(false);
    s.host("end");
    expect(s.game.phase.name).toBe("ended");
    expect(s.refused({ type: "end" })).toEqual({ code: "wrong-phase", message: "The game is over." });
  });

  test("skip voids the answers given: the projector, the ledger and the report agree on 0", () => {
    const s = new Script(roomTestSetup({ questionCount: 2, speedScoring: false }));
    s.join("Ann");
    s.join("Bob");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.host("skip");
    expect(s.scores()).toEqual({ Ann: 0, Bob: 0 });
    expect(s.game.ledger).toMatchObject([{ playerId: "ann", result: "correct", points: 1000, voided: true }]);
    // The streak is untouched by the skipped question: Ann's next right answer is her first.
    s.waitForPhase("question");
    s.answer("ann", true);
    s.answer("bob", true);
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 1000 });
    // Skipping from the reveal takes the points back too.
    s.host("skip");
    expect(s.game.phase.name).toBe("podium");
    expect(s.scores()).toEqual({ Ann: 0, Bob: 0 });
    expect(s.game.ledger.filter((e) => !e.voided)).toEqual([]);
  });

  test("ties share a rank everywhere; the podium shows every student on a podium rank", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, speedScoring: false }));
    for (const name of ["Dee", "Cy", "Bob", "Ann", "Eve"]) s.join(name);
    s.host("start");
    s.waitForPhase("question");
    s.answer("dee", true); // answer order is not a tie-break
    s.answer("ann", true);
    s.answer("bob", false);
    s.answer("cy", false);
    s.host("revealNow");
    expect(s.ranking()).toEqual(["1. Ann 1000", "1. Dee 1000", "2. Bob 0", "2. Cy 0", "2. Eve 0"]);
    s.host("next");
    s.host("next");
    expect(s.game.phase.name).toBe("podium");
    expect(s.ranking()).toHaveLength(5); // on the podium: ranks 1–3 are everyone here
  });

  test("a stale host action (another tab moved on) is refused wrong-phase and changes nothing", () => {
    const s = new Script(roomTestSetup({ questionCount: 2 }));
    s.join("Ann");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("reveal");
    // Two tabs press "next" on the reveal: the first moves to the leaderboard, the second is refused.
    s.ok({ type: "next", phase: "reveal", questionIndex: 0 });
    const before = structuredClone(s.game);
    expect(s.refused({ type: "next", phase: "reveal", questionIndex: 0 })).toEqual({
      code: "wrong-phase",
      message: "The game has moved on since you pressed that: look at the screen again.",
    });
    expect(s.game).toEqual(before);
    expect(s.refused({ type: "skip", phase: "leaderboard", questionIndex: 1 }).code).toBe("wrong-phase");
    expect(s.game.phase.name).toBe("leaderboard");
  });

  test("reconnect: a dropped phone keeps its seat; the same name + device takes the seat over; a kicked one never returns", () => {
    const s = new Script(roomTestSetup({ questionCount: 2, speedScoring: false }));
    s.join("Ann", "ann", "device-ann-0001");
    s.join("Bob");
    s.host("start");
    s.waitForPhase("question");
    s.answer("ann", true);
    s.ok({ type: "leave", playerId: "bob", consented: false });
    // Bob is gone: he no longer holds the question open.
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.connectedCount).toBe(1);
    s.ok({ type: "rejoin", playerId: "bob" });
    expect(s.game.connectedCount).toBe(2);
    // Ann's phone lost its token: joining by name from the same device gives her seat back, score and all.
    s.ok({ type: "leave", playerId: "ann", consented: false });
    const effects = s.ok({ type: "join", playerId: "new-session", name: "ANN", deviceId: "device-ann-0001" });
    expect(effects).toContainEqual({ type: "joined", playerId: "ann", name: "Ann", tookOver: true });
    expect(s.game.players.ann).toMatchObject({ score: 1000, streak: 1, connected: true });
    expect(s.game.activeCount).toBe(2);
    // Another device may not take the name.
    expect(s.refused({ type: "join", playerId: "x", name: "Ann", deviceId: "device-other-01" })).toEqual({
      code: "name-taken",
      message: "Someone here is already called Ann. Pick another name.",
    });
    s.ok({ type: "kick", playerId: "ann" });
    expect(s.refused({ type: "rejoin", playerId: "ann" }).code).toBe("kicked");
    expect(s.refused({ type: "join", playerId: "y", name: "Annie", deviceId: "device-ann-0001" }).code).toBe("kicked");
    expect(s.refused({ type: "join", playerId: "z", name: "Ann" }).code).toBe("kicked");
    expect(s.ranking()).toEqual(["1. Bob 0"]);
    expect(replay(s.log)).toEqual(s.game);
  });

  test("a student who leaves the lobby frees the seat and the name; the lobby can be locked", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, maxPlayers: 2 }));
    s.join("Ann");
    s.join("Bob");
    expect(s.refused({ type: "join", playerId: "cy", name: "Cy" })).toEqual({
      code: "game-full",
      message: "This game is full (2 players).",
    });
    s.ok({ type: "leave", playerId: "bob", consented: true });
    expect(s.game.players.bob?.status).toBe("left");
    s.join("Bob", "bob2");
    s.ok({ type: "lock", locked: true });
    s.ok({ type: "leave", playerId: "bob2", consented: true });
    expect(s.refused({ type: "join", playerId: "cy", name: "Cy" }).code).toBe("lobby-locked");
  });

  test("a restart: downtime does not count, a buzzer turn starts again, phones that do not come back are let go", () => {
    const s = new Script(roomTestSetup({ questionCount: 1 }));
    s.join("Ann");
    s.join("Bob");
    s.host("start");
    s.waitForPhase("question");
    s.answer("bob", true);
    s.wait(5000);
    const endsAt = s.game.phase.endsAt ?? 0;
    const deadline = deadlineOf(s, "ann") ?? 0;
    const downSince = s.t;
    s.t += 30_000;
    s.ok({ type: "restored", downSince });
    expect(s.game.phase.name).toBe("question"); // not revealed: nobody was dropped by the restart itself
    expect(s.game.phase.endsAt).toBe(endsAt + 30_000);
    expect(deadlineOf(s, "ann")).toBe(deadline + 30_000);
    expect(s.game.wakeAt).toBe(endsAt + 30_000);
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Ann: 875, Bob: 1000 });
  });

  test("a restart during a buzzer turn gives the student a fresh answer window", () => {
    const s = new Script(roomTestSetup({ questionCount: 1, rounds: [{ mode: "buzzer", questionCount: 1 }] }));
    s.join("Ann");
    s.host("start");
    s.waitForPhase("question");
    s.buzz("ann");
    s.wait(150);
    s.wait(8000);
    const remaining = s.game.current?.remainingQuestionMs;
    s.t += 60_000;
    s.ok({ type: "restored", downSince: s.t - 60_000 });
    expect(s.game.current?.turn).toMatchObject({ playerId: "ann", startedAt: s.t, endsAt: s.t + 10_000 });
    expect(s.game.current?.remainingQuestionMs).toBe(remaining);
    s.ok({ type: "leave", playerId: "ann", consented: false }); // the phone did not come back in time
    s.wait(10_000);
    expect(s.game.ledger.map((e) => `${e.answerText} ${e.points}`)).toEqual(["(no answer) -500"]);
  });
});

describe("a game rebuilt from its log after a crash", () => {
  test("replay + restored mid-question carries on to the same podium as a game that never stopped", () => {
    const play = (crash: boolean) => {
      const s = new Script(roomTestSetup({ questionCount: 2 }));
      for (const name of ["Ann", "Bob", "Cy"]) s.join(name);
      s.host("start");
      s.waitForPhase("question");
      s.wait(2000);
      s.answer("ann", true);
      s.wait(1000);
      s.answer("bob", false);
      let game = s.game;
      if (crash) {
        // kill -9: only the log survives; 45 s later a new process replays it and says how long it was down.
        const downSince = s.t;
        s.game = replay(s.log);
        expect(s.game).toEqual(game);
        s.t += 45_000;
        s.ok({ type: "restored", downSince });
        game = s.game;
      }
      expect(game.phase.name).toBe("question");
      s.wait(3000); // Cy answers 6 s into the question, counted without the downtime
      s.answer("cy", true);
      s.host("next");
      s.host("next");
      s.waitForPhase("question");
      for (const id of ["ann", "bob", "cy"]) {
        s.wait(1000);
        s.answer(id, true);
      }
      s.host("next");
      s.host("next");
      expect(s.game.phase.name).toBe("podium");
      return { scores: s.scores(), ranking: s.ranking(), ledger: s.game.ledger.map((e) => [e.playerId, e.points]) };
    };
    const uninterrupted = play(false);
    // Q1 (20 s): Ann at 2 s 950, Bob wrong, Cy at 6 s 850. Q2 (10 s): answers at 1, 2, 3 s: 950 + 100 streak,
    // 900 (Bob's first right answer), 850 + 100.
    expect(uninterrupted.scores).toEqual({ Ann: 2000, Bob: 900, Cy: 1800 });
    expect(play(true)).toEqual(uninterrupted);
  });
});
