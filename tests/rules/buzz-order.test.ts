import {
  arbitrationWindowMs,
  buzzGapsMs,
  type ClockEstimate,
  EARLY_BUZZ_LOCKOUT_MS,
  earlyBuzzLockedUntil,
  fairPressTime,
  isEarlyBuzz,
  nextToAnswer,
  orderBuzzes,
  pressAllowanceMs,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";

// Phone clock 3000 ms ahead of the server; 100 ms round trip, 20 ms jitter.
const clock: ClockEstimate = { offsetMs: 3000, rttMs: 100, jitterMs: 20, samples: 8 };

describe("fairPressTime", () => {
  test("allowance = rtt/2 + min(jitter + 30, 150)", () => {
    expect(pressAllowanceMs(clock)).toBe(100); // 50 + 50
    expect(pressAllowanceMs({ ...clock, jitterMs: 400 })).toBe(200); // 50 + 150 (capped)
  });

  test.each([
    // claimed (phone clock), arrival (server), expected press (server), clamped
    [13_940, 11_000, 10_940, false], // pressed 60 ms before arrival: inside the allowance
    [13_900, 11_000, 10_900, false], // exactly at the edge
    [13_500, 11_000, 10_900, true], // claims 500 ms earlier than the link allows: clamped to the edge
    [14_100, 11_000, 11_000, true], // claims a press after arrival: clamped to arrival
    [14_000, 11_000, 11_000, false], // pressed as it arrived
  ])("claimed %i arriving at %i → %i (clamped %s)", (claimedClientMs, arrivalServerMs, pressServerMs, clamped) => {
    expect(fairPressTime({ claimedClientMs, clock, arrivalServerMs })).toEqual({ pressServerMs, clamped });
  });

  test("no clock estimate or no stamp: the arrival time, so an unsynced phone gains nothing", () => {
    expect(fairPressTime({ claimedClientMs: 5, clock: undefined, arrivalServerMs: 11_000 })).toEqual({
      pressServerMs: 11_000,
      clamped: false,
    });
    expect(fairPressTime({ claimedClientMs: undefined, clock, arrivalServerMs: 11_000 })).toEqual({
      pressServerMs: 11_000,
      clamped: false,
    });
  });
});

describe("arbitrationWindowMs", () => {
  test.each([
    [[20, 35, 12], 185], // slowest 35 + 150
    [[], 150],
    [[0], 150],
    [[400, 120], 550],
    [[900], 800], // clamped to the maximum
  ])("latencies %j → %i ms", (latencies, window) => {
    expect(arbitrationWindowMs(latencies)).toBe(window);
  });
});

describe("orderBuzzes", () => {
  test("by press time, then arrival, then player id", () => {
    const buzzes = [
      { playerId: "cy", pressServerMs: 1040, arrivalServerMs: 1100 },
      { playerId: "bob", pressServerMs: 1010, arrivalServerMs: 1300 }, // slow link, but pressed first
      { playerId: "ann", pressServerMs: 1040, arrivalServerMs: 1090 },
      { playerId: "dee", pressServerMs: 1040, arrivalServerMs: 1090 },
      { playerId: "eve", pressServerMs: 1200, arrivalServerMs: 1210 },
    ];
    const ordered = orderBuzzes(buzzes);
    expect(ordered.map((b) => b.playerId)).toEqual(["bob", "ann", "dee", "cy", "eve"]);
    expect(orderBuzzes([...buzzes].reverse())).toEqual(ordered);
    expect(buzzGapsMs(ordered)).toEqual([0, 30, 30, 30, 190]);
    expect(buzzGapsMs([])).toEqual([]);
  });
});

describe("nextToAnswer", () => {
  const ordered = [{ playerId: "bob" }, { playerId: "ann" }, { playerId: "cy" }];
  test.each([
    [[], "bob"],
    [["bob"], "ann"],
    [["bob", "ann"], "cy"],
    [["ann"], "bob"],
    [["bob", "ann", "cy"], undefined],
  ])("locked out %j → %s", (locked, next) => {
    expect(nextToAnswer(ordered, new Set(locked))).toBe(next);
  });
});

describe("early buzz", () => {
  test("a press before the question opens locks out for 250 ms", () => {
    expect(EARLY_BUZZ_LOCKOUT_MS).toBe(250);
    expect(isEarlyBuzz(9_990, 10_000)).toBe(true);
    expect(earlyBuzzLockedUntil(9_990, 10_000)).toBe(10_240);
    expect(isEarlyBuzz(10_000, 10_000)).toBe(false);
    expect(earlyBuzzLockedUntil(10_000, 10_000)).toBeUndefined();
    expect(earlyBuzzLockedUntil(10_500, 10_000)).toBeUndefined();
  });
});
