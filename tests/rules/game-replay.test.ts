import { type AnswerInput, arbitrationWindowMs, buzzQueue, type ClockEstimate, replay } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { customSetup, Script } from "./game-script.ts";
import { armyCut, austria, beria, events, porkkala } from "./questions.ts";

/**
 * Whole games replayed through the real reducer (`step`), with scripted server times and phone clocks: the same
 * code the room runs. Scores, streaks, ranks, fair-start and fair-buzz figures are exact.
 */

const clocks = {
  ann: { offsetMs: 1000, rttMs: 100, jitterMs: 10, samples: 8 },
  bob: { offsetMs: -500, rttMs: 300, jitterMs: 20, samples: 8 },
  cy: { offsetMs: 40, rttMs: 60, jitterMs: 5, samples: 8 },
} satisfies Record<string, ClockEstimate>;

function opened(s: Script): number {
  const at = s.game.current?.openedAt;
  if (at === null || at === undefined) throw new Error("question not open");
  return at;
}

/** The phone reports the question shown `afterMs` after it opened, stamped on its own clock. */
function shown(s: Script, id: keyof typeof clocks, afterMs: number) {
  const clock = clocks[id];
  s.t = Math.max(s.t, opened(s) + afterMs + clock.rttMs / 2);
  s.ok({
    type: "shown",
    playerId: id,
    questionIndex: s.game.phase.questionIndex,
    shownAtClient: opened(s) + afterMs + clock.offsetMs,
    clock,
  });
}

/** The answer arrives `afterShownMs` after the student's own shown time (server time, no phone stamp). */
function answerAt(s: Script, id: keyof typeof clocks, afterShownMs: number, answer: AnswerInput) {
  const shownAt = s.game.current?.shownAt[id] ?? opened(s) + clocks[id].rttMs / 2;
  s.t = shownAt + afterShownMs;
  return s.send({ type: "answer", playerId: id, questionIndex: s.game.phase.questionIndex, answer, clock: clocks[id] });
}

/** Picks an option by its text: options may be shown in a shuffled order. */
function option(s: Script, text: string): AnswerInput {
  const options = s.game.questions[s.game.phase.questionIndex]?.prepared.public.options ?? [];
  return { kind: "choice", choices: [options.indexOf(text)] };
}

function nextQuestion(s: Script) {
  if (s.game.phase.name === "lobby") s.host("start");
  else {
    s.waitForPhase("reveal");
    s.host("next");
    s.host("next");
  }
  s.waitForPhase("question");
}

function lastPoints(s: Script): Record<string, number> {
  return Object.fromEntries(
    Object.values(s.game.players)
      .filter((player) => player.firstQuestion <= s.game.phase.questionIndex)
      .map((player) => [player.id, player.lastPoints]),
  );
}

describe("an everyone game", () => {
  test("3 students, 4 questions: speed, streaks, double points, 2× extra time, a late joiner, a tie", () => {
    const s = new Script(
      customSetup([{ mode: "everyone", questions: [beria, austria, { ...porkkala, points: "double" }, events] }]),
    );
    s.join("Ann");
    s.join("Bob");
    s.ok({ type: "grantExtraTime", playerId: "bob", factor: 2 });

    // Q1 multiple-choice, 20 s. Ann answers at 5 s of her 20 s; Bob at 10 s of his 40 s: the same fraction.
    nextQuestion(s);
    shown(s, "ann", 80);
    shown(s, "bob", 250);
    expect(s.game.current?.shownAt).toEqual({ ann: opened(s) + 80, bob: opened(s) + 250 });
    answerAt(s, "ann", 5_000, option(s, "Beria"));
    answerAt(s, "bob", 10_000, option(s, "Beria"));
    expect(s.game.phase.name).toBe("reveal");
    expect(lastPoints(s)).toEqual({ ann: 875, bob: 875 });

    // Q2 true-false, 10 s. Ann: 900 + 100 streak bonus. Bob is wrong.
    nextQuestion(s);
    shown(s, "ann", 80);
    shown(s, "bob", 250);
    answerAt(s, "ann", 2_000, { kind: "boolean", value: true });
    answerAt(s, "bob", 3_000, { kind: "boolean", value: false });
    expect(lastPoints(s)).toEqual({ ann: 1000, bob: 0 });

    // Cy joins late (on the leaderboard after Q2), having missed Q1 and Q2.
    s.waitForPhase("reveal");
    s.host("next");
    s.join("Cy");
    s.host("next");
    s.waitForPhase("question");

    // Q3 type-answer, DOUBLE points, 30 s. Ann's typo is tolerated (1800 + 200 bonus). Bob answers at half his
    // 60 s (2000 × 0.75). Cy sends no shown report: shown = opened + rtt/2; "Porkkala!" at 1.5 s: 2000 × 0.975.
    shown(s, "ann", 80);
    shown(s, "bob", 250);
    answerAt(s, "cy", 1_500, { kind: "text", text: "Porkkala!" });
    expect(s.game.current?.shownAt.cy).toBe(opened(s) + 30);
    answerAt(s, "ann", 6_000, { kind: "text", text: "Porkala" });
    answerAt(s, "bob", 30_000, { kind: "text", text: "porkkala  PENINSULA" });
    expect(lastPoints(s)).toEqual({ ann: 2000, bob: 1500, cy: 1950 });

    // Q4 ordering, 40 s. Ann answers after her deadline: refused, so she misses (streak reset). Bob answers at
    // 76 s of his 80 s (525 + 100 bonus); Cy at 4 s (950 + 100 bonus). The question waits for Bob's deadline.
    nextQuestion(s);
    const played = s.game.questions[3]?.prepared;
    const right: AnswerInput = {
      kind: "order",
      order: (events.type === "ordering" ? events.items : []).map((item) => played?.displayedItems.indexOf(item) ?? -1),
    };
    shown(s, "ann", 80);
    shown(s, "bob", 250);
    answerAt(s, "cy", 4_000, right);
    s.wait(0);
    expect(answerAt(s, "ann", 40_500, right)[0]).toMatchObject({
      type: "refuse",
      message: "Time is up for this question.",
    });
    s.wait(0);
    expect(s.game.phase.name).toBe("question"); // Bob's 80 s are not over
    answerAt(s, "bob", 76_000, right);
    s.wait(0); // Ann's deadline has passed, Bob answered: the question closes now
    expect(s.game.phase.name).toBe("reveal");
    expect(lastPoints(s)).toEqual({ ann: 0, bob: 625, cy: 1050 });
    expect(s.game.players.ann?.lastResult).toBe("missed");

    expect(s.scores()).toEqual({ Ann: 3875, Bob: 3000, Cy: 3000 });
    expect(Object.values(s.game.players).map((p) => [p.name, p.streak])).toEqual([
      ["Ann", 0],
      ["Bob", 2],
      ["Cy", 2],
    ]);
    // Bob and Cy tie on 3000 and share rank 2. Who reached it first plays no part: ties are listed by name.
    expect(s.ranking()).toEqual(["1. Ann 3875", "2. Bob 3000", "2. Cy 3000"]);
    expect(replay(s.log)).toEqual(s.game);
  });
});

describe("a buzzer game", () => {
  // Ann: fast link (20 ms one way). Bob: slow (180 ms). Cy: 50 ms.
  const buzzClocks = {
    ann: { offsetMs: 2000, rttMs: 40, jitterMs: 10, samples: 8 },
    bob: { offsetMs: -3000, rttMs: 360, jitterMs: 30, samples: 8 },
    cy: { offsetMs: 500, rttMs: 100, jitterMs: 20, samples: 8 },
  } satisfies Record<string, ClockEstimate>;
  const oneWay = { ann: 20, bob: 180, cy: 50 };
  const windowMs = arbitrationWindowMs([20, 180, 50]);

  /** A press at `pressedAt` (server timeline) arrives oneWay later, stamped on the phone's own clock. */
  function press(s: Script, id: keyof typeof buzzClocks, pressedAt: number, claimsEarlierByMs = 0) {
    s.t = pressedAt + oneWay[id];
    return s.send({
      type: "buzz",
      playerId: id,
      questionIndex: s.game.phase.questionIndex,
      pressedAtClient: pressedAt - claimsEarlierByMs + buzzClocks[id].offsetMs,
      clock: buzzClocks[id],
      arbitrationMs: windowMs,
    });
  }

  function say(s: Script, id: string, answer: AnswerInput) {
    return s.ok({ type: "answer", playerId: id, questionIndex: s.game.phase.questionIndex, answer, clock: null });
  }

  test("3 students: fair order beats arrival order, wrong answers cost half and pass the turn", () => {
    expect(windowMs).toBe(330);
    const s = new Script(
      customSetup([{ mode: "buzzer", questions: [beria, armyCut, { ...porkkala, points: "double" }] }]),
    );
    for (const name of ["Ann", "Bob", "Cy"]) s.join(name);

    // B1 (1000 points). Bob presses first but his buzz arrives last.
    nextQuestion(s);
    const p1 = opened(s) + 1000;
    press(s, "ann", p1 + 40);
    press(s, "cy", p1 + 100);
    press(s, "bob", p1);
    expect(s.game.current?.arbitrationEndsAt).toBe(p1 + 60 + 330);
    s.wait(p1 + 390 - s.t);
    expect(buzzQueue(s.game).map((b) => [b.playerId, b.gapMs, b.status])).toEqual([
      ["bob", 0, "answering"],
      ["ann", 40, "waiting"],
      ["cy", 100, "waiting"],
    ]);
    // Bob is wrong (−500) and is locked out; the turn passes to Ann, who is right (+1000).
    say(s, "bob", option(s, "Khrushchev"));
    expect(s.game.current?.turn?.playerId).toBe("ann");
    say(s, "ann", option(s, "Beria"));
    expect(s.game.phase.name).toBe("reveal");
    expect(s.game.ledger.map((e) => [e.playerId, e.points])).toEqual([
      ["bob", -500],
      ["ann", 1000],
    ]);

    // B2 (1000 points), nobody gets it. Cy claims to have pressed a whole second earlier than he did; the claim is
    // clamped to arrival − allowance (50 + 35 ms), which is still after Ann's press, so Ann stays first.
    nextQuestion(s);
    const p2 = opened(s) + 800;
    press(s, "ann", p2);
    press(s, "cy", p2 + 100, 1000);
    s.wait(windowMs);
    expect(buzzQueue(s.game).map((b) => [b.playerId, b.gapMs])).toEqual([
      ["ann", 0],
      ["cy", 65],
    ]);
    say(s, "ann", { kind: "number", value: 3 });
    say(s, "cy", { kind: "number", value: 1.5 });
    expect(s.game.phase.name).toBe("question"); // time remains and Bob may still buzz
    s.host("revealNow");
    expect(s.game.ledger.slice(2).map((e) => [e.playerId, e.points])).toEqual([
      ["ann", -500],
      ["cy", -500],
    ]);

    // B3 (DOUBLE, 2000 points). Bob buzzes 100 ms before the question opens and is locked out for 250 ms; a press
    // stamped before the opening extends his lockout; his press at +300 counts and beats Ann's at +320 although
    // hers arrives 140 ms sooner.
    s.host("next");
    s.host("next");
    const o = (s.game.phase.endsAt ?? 0) as number; // the question opens when get-ready ends
    s.t = o - 100;
    expect(press(s, "bob", o - 100 - 180)[0]).toMatchObject({
      message: { type: "buzzAck", body: { lockedOutUntil: o + 150 } },
    });
    s.waitForPhase("question");
    expect(opened(s)).toBe(o);
    expect(press(s, "bob", o - 80)[0]).toMatchObject({
      message: {
        type: "error",
        body: { code: "locked-out", message: "Too early! Wait for the question before buzzing." },
      },
    });
    expect(s.game.current?.earlyLockUntil.bob).toBe(o + 170);
    press(s, "ann", o + 320);
    press(s, "bob", o + 300);
    s.wait(windowMs);
    expect(buzzQueue(s.game).map((b) => [b.playerId, b.gapMs])).toEqual([
      ["bob", 0],
      ["ann", 20],
    ]);
    say(s, "bob", { kind: "text", text: "Porkkala" });
    expect(s.game.ledger.at(-1)).toMatchObject({ playerId: "bob", points: 2000 });

    expect(s.scores()).toEqual({ Ann: 500, Bob: 1500, Cy: -500 });
    expect(s.ranking()).toEqual(["1. Bob 1500", "2. Ann 500", "3. Cy -500"]);
    expect(replay(s.log)).toEqual(s.game);
  });
});
