import { buzzQueue } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script } from "./game-script.ts";

/** The teacher's photo-finish setting through the real reducer: first by credited time, both answer, re-buzz. */

// Both on a 40 ms round trip, no jitter: each press is credited ± 10 ms (rtt/4), so 12 ms apart is a photo finish.
const clock = { offsetMs: 0, rttMs: 40, jitterMs: 0, samples: 8 };

function game(photoFinish: "first" | "bothAnswer" | "rebuzz") {
  const s = new Script(
    roomTestSetup({ questionCount: 2, rounds: [{ mode: "buzzer", questionCount: 2 }], photoFinish, order: "bank" }),
  );
  for (const name of ["Ann", "Bob", "Cy"]) s.join(name);
  s.host("start");
  s.waitForPhase("question");
  return s;
}

/** Ann presses, Bob `gapMs` later; both buzzes take 20 ms to arrive; then the arbitration window closes. */
function race(s: Script, gapMs: number) {
  const pressed = s.t + 500;
  s.t = pressed + 20;
  s.buzz("ann", pressed, clock, 150);
  s.t = pressed + gapMs + 20;
  s.buzz("bob", pressed + gapMs, clock, 150);
  s.wait(200);
}

describe("a photo finish", () => {
  test("first by credited time: Ann answers, the projector's queue says it was too close to call", () => {
    const s = game("first");
    race(s, 12);
    expect(s.game.current?.turn?.playerId).toBe("ann");
    expect(s.game.current?.photoFinish).toEqual({ contenders: ["ann", "bob"], gapMs: 12, marginMs: 20 });
    expect(buzzQueue(s.game).map((b) => [b.name, b.gapMs, b.marginMs, b.contender])).toEqual([
      ["Ann", 0, 0, true],
      ["Bob", 12, 20, true],
    ]);
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 0, Cy: 0 });
  });

  test("both answer: after Ann's right answer Bob still gets his turn, and both score", () => {
    const s = game("bothAnswer");
    race(s, 12);
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("answering");
    expect(s.game.current?.turn?.playerId).toBe("bob");
    s.answer("bob", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 1000, Cy: 0 });
  });

  test("both answer, a clear lead: the question ends on the first right answer as usual", () => {
    const s = game("bothAnswer");
    race(s, 30);
    expect(s.game.current?.photoFinish).toBeNull();
    s.answer("ann", true);
    expect(s.game.phase.name).toBe("reveal");
    expect(s.scores()).toEqual({ Ann: 1000, Bob: 0, Cy: 0 });
  });

  test("re-buzz: the buzzes are cleared and everyone may buzz again, once per question", () => {
    const s = game("rebuzz");
    race(s, 12);
    expect(s.game.phase.name).toBe("question");
    expect(s.game.current?.rebuzzed).toBe(true);
    expect(s.game.current?.buzzes).toEqual([]);
    // The second race is a photo finish again: this time the first by credited time answers.
    race(s, 5);
    expect(s.game.phase.name).toBe("answering");
    expect(s.game.current?.turn?.playerId).toBe("ann");
  });

  test("re-buzz, a clear lead: no re-buzz", () => {
    const s = game("rebuzz");
    race(s, 30);
    expect(s.game.current?.rebuzzed).toBe(false);
    expect(s.game.current?.turn?.playerId).toBe("ann");
  });
});
