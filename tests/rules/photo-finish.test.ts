import {
  ASYMMETRY_LIMIT,
  describePhotoFinish,
  gapMarginsMs,
  nextContender,
  PHOTO_FINISH_RULES,
  photoFinish,
  photoFinishAction,
  pressUncertaintyMs,
  type UncertainPress,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";

describe("pressUncertaintyMs", () => {
  test.each([
    // rtt, jitter, loop lag → rtt/4 + jitter/2 + lag
    [0, 0, 0, 0],
    [40, 0, 0, 10],
    [40, 20, 0, 20],
    [200, 30, 0, 65],
    [200, 30, 25, 90],
    [800, 10, 0, 205],
  ])("rtt %i, jitter %i, loop lag %i → ±%i ms", (rttMs, jitterMs, loopLagMs, uncertainty) => {
    expect(ASYMMETRY_LIMIT).toBe(3);
    expect(pressUncertaintyMs({ rttMs, jitterMs, loopLagMs })).toBe(uncertainty);
  });

  test("covers the NTP error of any link up to 3:1: (up − down)/2", () => {
    for (const rtt of [20, 100, 400, 800]) {
      const up = (rtt * ASYMMETRY_LIMIT) / (ASYMMETRY_LIMIT + 1);
      const down = rtt - up;
      expect((up - down) / 2).toBeLessThanOrEqual(pressUncertaintyMs({ rttMs: rtt, jitterMs: 0 }));
    }
  });
});

const press = (playerId: string, pressServerMs: number, uncertaintyMs: number): UncertainPress => ({
  playerId,
  pressServerMs,
  uncertaintyMs,
});

describe("photoFinish", () => {
  test.each<[string, UncertainPress[], ReturnType<typeof photoFinish>]>([
    ["nobody", [], undefined],
    ["one buzz", [press("ann", 1000, 50)], undefined],
    ["clear lead: 30 ms gap, ±10 each", [press("ann", 1000, 10), press("bob", 1030, 10)], undefined],
    ["exactly the margin is clear", [press("ann", 1000, 10), press("bob", 1020, 10)], undefined],
    [
      "12 ms gap within 20 ms",
      [press("ann", 1000, 10), press("bob", 1012, 10)],
      { contenders: ["ann", "bob"], gapMs: 12, marginMs: 20 },
    ],
    [
      "a third press on a wide-margin link is a contender too",
      [press("ann", 1000, 5), press("bob", 1020, 5), press("cy", 1060, 80)],
      { contenders: ["ann", "cy"], gapMs: 60, marginMs: 85 },
    ],
    [
      "all three within",
      [press("ann", 1000, 30), press("bob", 1010, 30), press("cy", 1040.4, 30), press("dee", 1200, 30)],
      { contenders: ["ann", "bob", "cy"], gapMs: 10, marginMs: 60 },
    ],
  ])("%s", (_name, ordered, expected) => {
    expect(photoFinish(ordered)).toEqual(expected);
  });
});

describe("gapMarginsMs", () => {
  test("the leader's uncertainty plus each press's own, 0 for the leader", () => {
    expect(gapMarginsMs([press("ann", 1000, 10.4), press("bob", 1030, 20), press("cy", 1100, 5)])).toEqual([0, 30, 15]);
    expect(gapMarginsMs([])).toEqual([]);
  });
});

test("the teacher's choices for a photo finish", () => {
  expect(PHOTO_FINISH_RULES).toEqual(["first", "bothAnswer", "rebuzz"]);
});

describe("the teacher's rule", () => {
  const finish = { contenders: ["ann", "bob"], gapMs: 12, marginMs: 40 };
  test.each([
    ["first", finish, false, "turn"],
    ["bothAnswer", finish, false, "turn"],
    ["rebuzz", finish, false, "rebuzz"],
    ["rebuzz", finish, true, "turn"], // once per question
    ["rebuzz", undefined, false, "turn"], // a clear lead is never re-buzzed
  ] as const)("%s, photo finish %j, re-buzzed already %s → %s", (rule, pf, rebuzzed, action) => {
    expect(photoFinishAction(rule, pf, rebuzzed)).toBe(action);
  });

  test.each([
    ["bothAnswer", ["ann"], "bob"],
    ["bothAnswer", ["ann", "bob"], undefined],
    ["first", ["ann"], undefined],
    ["rebuzz", ["ann"], undefined],
  ] as const)("%s after %j tried → next contender %s", (rule, tried, next) => {
    expect(nextContender(rule, ["ann", "bob"], new Set(tried))).toBe(next);
  });

  test("the projector's words", () => {
    expect(describePhotoFinish({ gapMs: 12, marginMs: 40 })).toBe("photo finish — 12 ms, within the margin (±40 ms)");
  });
});
