import { buzzQueue, replay } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script } from "./game-script.ts";

/** Whole `buzzer` games through the real reducer: fair order, turns, penalties, spoken answers, kicks, +10 s. */

const annClock = { offsetMs: 0, rttMs: 200, jitterMs: 10, samples: 8 }; // a slow link: 100 ms each way
const bobClock = { offsetMs: 0, rttMs: 20, jitterMs: 2, samples: 8 };

function buzzerGame(questionCount = 3, extra: Record<string, unknown> = {}) {
  const s = new Script(roomTestSetup({ questionCount, rounds: [{ mode: "buzzer", questionCount }], ...extra }));
  for (const name of ["Ann", "Bob", "Cy"]) s.join(name);
  return s;
}

function nextQuestion(s: Script) {
  s.host("next");
  s.host("next");
  s.waitForPhase("question");
}

describe("a buzzer game of three questions", () => {
  test("fair press order, turn passes on a wrong answer, +P / −P/2, spoken answers, reveal with time left", () => {
    const s = buzzerGame();
    s.host("start");

    // A buzz before the question opens locks that student out for 250 ms.
    const early = s.buzz("cy");
    expect(early[0]).toMatchObject({ type: "notify", message: { type: "buzzAck" } });
    expect(s.game.current?.earlyLockUntil.cy).toBe(s.t + 250);
    s.waitForPhase("question");

    // Ann presses 40 ms before Bob, but her buzz arrives 60 ms after his: press times decide.
    const pressAnn = s.t + 1000;
    s.t = pressAnn + 40 + 5; // Bob's arrives first
    s.buzz("bob", pressAnn + 40, bobClock, 250);
    s.t = pressAnn + 100; // Ann's arrives 100 ms after her press (within her allowance of 100 + 40)
    s.buzz("ann", pressAnn, annClock, 250);
    expect(s.game.phase.name).toBe("question"); // the arbitration window is still open
    s.wait(300);
    expect(s.game.phase.name).toBe("answering");
    expect(s.game.current?.turn?.playerId).toBe("ann");
    expect(buzzQueue(s.game).map((b) => `${b.name}:${b.status}:${b.gapMs}`)).toEqual([
      "Ann:answering:0",
      "Bob:waiting:40",
    ]);

    // Bob may not answer out of turn.
    expect(s.answer("bob", true)[0]).toMatchObject({ type: "refuse", code: "not-your-turn" });
    // Ann answers wrong: −500, locked out; the turn passes to Bob, who answers right: +1000.
    s.answer("ann", false);
    expect(s.game.current?.turn?.playerId).toBe("bob");
    expect(s.buzz("ann")[0]).toMatchObject({ type: "refuse", code: "locked-out" });
    s.answer("bob", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(buzzQueue(s.game).map((b) => `${b.name}:${b.status}`)).toEqual(["Ann:wrong", "Bob:right"]);
    expect(s.game.current?.revealed?.distribution).toEqual(s.bars({ Paris: 1, Lyon: 1 }));
    expect(s.scores()).toEqual({ Ann: -500, Bob: 1000, Cy: 0 });

    // Q2 sky-blue: Cy buzzes alone and answers aloud; the teacher marks it right.
    nextQuestion(s);
    s.buzz("cy");
    s.wait(150);
    expect(s.game.current?.turn?.playerId).toBe("cy");
    s.ok({ type: "markSpoken", correct: true, phase: "answering", questionIndex: 1, playerId: "cy" });
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.current?.revealed?.distribution).toEqual(s.bars({ True: 1 }));
    expect(s.scores()).toEqual({ Ann: -500, Bob: 1000, Cy: 1000 });

    // Q3 double points: Bob buzzes, answers wrong (−1000); back to the question, time remains; the teacher reveals.
    nextQuestion(s);
    s.buzz("bob");
    s.wait(150);
    s.answer("bob", false);
    expect(s.game.phase.name).toBe("question");
    s.host("revealNow");
    expect(s.scores()).toEqual({ Ann: -500, Bob: 0, Cy: 1000 });
    expect(s.ranking()).toEqual(["1. Cy 1000", "2. Bob 0", "3. Ann -500"]);
    s.host("next");
    s.host("next");
    expect(s.game.phase.name).toBe("podium");
    expect(replay(s.log)).toEqual(s.game);
  });

  test("a turn that runs out counts as wrong; the question clock was frozen during it and runs on after", () => {
    const s = buzzerGame(1, { answerWindowSec: 5 });
    s.host("start");
    s.waitForPhase("question");
    const opened = s.game.current?.openedAt ?? 0;
    s.wait(4000);
    s.buzz("ann");
    s.wait(150); // arbitration: Ann's turn starts at opened + 4150, with 15,850 ms of question time left
    expect(s.game.current?.remainingQuestionMs).toBe(15_850);
    s.wait(5000);
    expect(s.game.phase.name).toBe("question");
    expect(s.game.ledger.at(-1)).toMatchObject({ playerId: "ann", answerText: "(no answer)", points: -500 });
    expect(s.game.phase.endsAt).toBe(opened + 4150 + 5000 + 15_850);
    s.waitForPhase("reveal");
    expect(s.t).toBe(opened + 25_000);
  });

  test("+10 s during a buzzer turn gives the student the time and extends the question time remembered for after", () => {
    const s = buzzerGame(1, { answerWindowSec: 10 });
    s.host("start");
    s.waitForPhase("question");
    s.wait(5000);
    s.buzz("ann");
    s.wait(150);
    const turnEnds = s.game.current?.turn?.endsAt ?? 0;
    expect(s.game.current?.remainingQuestionMs).toBe(14_850);
    s.ok({ type: "extend", seconds: 10, phase: "answering", questionIndex: 0 });
    expect(s.game.current?.turn?.endsAt).toBe(turnEnds + 10_000);
    expect(s.game.current?.remainingQuestionMs).toBe(24_850);
    s.answer("ann", false);
    expect(s.game.phase.name).toBe("question");
    expect(s.game.phase.endsAt).toBe(s.t + 24_850);
  });

  test("kicking the student who is answering ends their turn: the next in the queue answers, no entry for the removed", () => {
    const s = buzzerGame(1);
    s.host("start");
    s.waitForPhase("question");
    s.wait(1000);
    s.buzz("ann");
    s.t += 20;
    s.buzz("bob");
    s.wait(150);
    expect(s.game.current?.turn?.playerId).toBe("ann");
    const effects = s.ok({ type: "kick", playerId: "ann" });
    expect(effects.map((e) => e.type)).toContain("kickConnection");
    expect(s.game.phase.name).toBe("answering");
    expect(s.game.current?.turn?.playerId).toBe("bob");
    expect(buzzQueue(s.game).map((b) => `${b.name}:${b.status}`)).toEqual(["Bob:answering"]);
    s.wait(10_000); // Bob's turn runs out: his penalty, nobody else buzzed, time remains → back to the question
    expect(s.game.phase.name).toBe("question");
    s.waitForPhase("reveal");
    expect(s.game.ledger.map((e) => `${e.playerId} ${e.points}`)).toEqual(["bob -500"]);
    expect(s.scores()).toEqual({ Bob: -500, Cy: 0 });
    expect(s.ranking()).toEqual(["1. Cy 0", "2. Bob -500"]);
  });

  test("kicking the only student answering goes back to the question with its remembered time", () => {
    const s = buzzerGame(1);
    s.host("start");
    s.waitForPhase("question");
    s.wait(2000);
    s.buzz("ann");
    s.wait(150);
    expect(s.game.phase.name).toBe("answering");
    s.ok({ type: "kick", playerId: "ann" });
    expect(s.game.phase.name).toBe("question");
    expect(s.game.current?.turn).toBeNull();
    expect(s.game.phase.endsAt).toBe(s.t + 17_850);
    expect(s.game.wakeAt).toBe(s.t + 17_850);
    s.waitForPhase("reveal");
    expect(s.game.ledger).toEqual([]);
  });

  test("skipping a buzzer question takes its points back everywhere (voided in the ledger)", () => {
    const s = buzzerGame(2);
    s.host("start");
    s.waitForPhase("question");
    s.buzz("ann");
    s.wait(150);
    s.answer("ann", false);
    s.buzz("bob");
    s.wait(150);
    expect(s.scores()).toEqual({ Ann: -500, Bob: 0, Cy: 0 });
    s.host("skip");
    expect(s.game.phase).toMatchObject({ name: "getReady", questionIndex: 1 });
    expect(s.scores()).toEqual({ Ann: 0, Bob: 0, Cy: 0 });
    expect(s.game.players.ann?.streak).toBe(0);
    expect(s.game.ledger.map((e) => `${e.playerId} ${e.points} ${e.voided}`)).toEqual(["ann -500 true"]);
  });

  test("pause during the arbitration window: nobody may buzz; on resume the turn is decided at once", () => {
    const s = buzzerGame(1);
    s.host("start");
    s.waitForPhase("question");
    s.buzz("bob");
    s.host("pause");
    expect(s.game.wakeAt).toBeNull();
    expect(s.buzz("ann")[0]).toMatchObject({ type: "refuse", message: "The teacher has paused the game." });
    s.wait(5000);
    s.host("resume");
    expect(s.game.phase.name).toBe("answering");
    expect(s.game.current?.turn?.playerId).toBe("bob");
  });

  test("a spoken-answer mark meant for a turn that already passed on is refused, not given to the next student", () => {
    const s = buzzerGame(1, { answerWindowSec: 5 });
    s.host("start");
    s.waitForPhase("question");
    s.buzz("ann");
    s.t += 10;
    s.buzz("bob");
    s.wait(150);
    s.wait(5000); // Ann's turn runs out: Bob's turn now
    expect(s.game.current?.turn?.playerId).toBe("bob");
    expect(
      s.refused({ type: "markSpoken", correct: true, phase: "answering", questionIndex: 0, playerId: "ann" }),
    ).toEqual({ code: "wrong-phase", message: "That student's turn is over: look at the screen again." });
    expect(s.refused({ type: "markSpoken", correct: true, phase: "question", questionIndex: 0 }).code).toBe(
      "wrong-phase",
    );
    s.ok({ type: "markSpoken", correct: true, phase: "answering", questionIndex: 0, playerId: "bob" });
    expect(s.scores()).toEqual({ Ann: -500, Bob: 1000, Cy: 0 });
  });
});
