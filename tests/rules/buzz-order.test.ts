import {
  arbitrationWindowMs,
  buzzGapsMs,
  type ClockEstimate,
  EARLY_BUZZ_LOCKOUT_MS,
  earlyBuzzLockedUntil,
  fairPressTime,
  isEarlyBuzz,
  isInflated,
  MAX_PLAUSIBLE_ONE_WAY_MS,
  nextToAnswer,
  orderBuzzes,
  plausibleOneWayCeilingMs,
  pressAllowanceMs,
  trustedLink,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";

// Phone clock 3000 ms ahead of the server; 100 ms round trip, 20 ms jitter.
const clock: ClockEstimate = { offsetMs: 3000, rttMs: 100, jitterMs: 20, samples: 8 };

describe("fairPressTime", () => {
  test("allowance = rtt/2 + min(jitter + 15, 150)", () => {
    expect(pressAllowanceMs(clock)).toBe(85); // 50 + 35
    expect(pressAllowanceMs({ ...clock, jitterMs: 400 })).toBe(200); // 50 + 150 (capped)
  });

  test.each([
    // claimed (phone clock), arrival (server), expected press (server), clamped
    [13_940, 11_000, 10_940, false], // pressed 60 ms before arrival: inside the allowance
    [13_915, 11_000, 10_915, false], // exactly at the edge
    [13_500, 11_000, 10_915, true], // claims 500 ms earlier than the link allows: clamped to the edge
    [14_100, 11_000, 11_000, true], // claims a press after arrival: clamped to arrival
    [14_000, 11_000, 11_000, false], // pressed as it arrived
  ])("claimed %i arriving at %i → %i (clamped %s)", (claimedClientMs, arrivalServerMs, pressServerMs, clamped) => {
    // uncertainty = rtt/4 (asymmetry up to 3:1) + jitter/2 = 25 + 10
    expect(fairPressTime({ claimedClientMs, clock, arrivalServerMs })).toEqual({
      pressServerMs,
      clamped,
      allowanceMs: 85,
      uncertaintyMs: 35,
    });
  });

  test("no clock estimate or no stamp: the arrival time, so an unsynced phone gains nothing", () => {
    const atArrival = { pressServerMs: 11_000, clamped: false, allowanceMs: 0 };
    expect(fairPressTime({ claimedClientMs: 5, clock: undefined, arrivalServerMs: 11_000 })).toEqual({
      ...atArrival,
      uncertaintyMs: MAX_PLAUSIBLE_ONE_WAY_MS,
    });
    expect(
      fairPressTime({ claimedClientMs: undefined, clock, arrivalServerMs: 11_000, bounds: { ceilingOneWayMs: 200 } }),
    ).toEqual({ ...atArrival, uncertaintyMs: 200 });
  });

  test("a phone holding its pongs: the transport round trip sets the allowance, so a 600 ms hold buys nothing", () => {
    // The page held each pong 600 ms (stamping clientAt halfway): offset still right, application rtt 700.
    const heldClock: ClockEstimate = { offsetMs: 3000, rttMs: 700, jitterMs: 20, samples: 8 };
    const link = trustedLink(heldClock, { rttMs: 100, jitterMs: 10, samples: 16 });
    expect(link).toEqual({ rttMs: 100, jitterMs: 10, source: "transport", inflatedByMs: 600 });
    expect(isInflated(link!)).toBe(true);
    // It stamps its press rtt/2 + 30 = 380 ms early: credited at the edge, arrival − (50 + 10 + 15).
    expect(fairPressTime({ claimedClientMs: 14_000 - 380, clock: heldClock, link, arrivalServerMs: 11_000 })).toEqual({
      pressServerMs: 10_925,
      clamped: true,
      allowanceMs: 75,
      uncertaintyMs: 30,
    });
    // Without the transport figure the same lie would have been credited 380 ms early (within 350 + 35).
    expect(
      fairPressTime({ claimedClientMs: 14_000 - 380, clock: heldClock, arrivalServerMs: 11_000 }).pressServerMs,
    ).toBe(10_620);
  });

  test.each([
    // application, transport, trusted rtt/jitter, source, inflated by
    [{ rttMs: 120, jitterMs: 30 }, undefined, 120, 30, "application", 0],
    [{ rttMs: 120, jitterMs: 30 }, { rttMs: 100, jitterMs: 12, samples: 8 }, 100, 12, "transport", 20],
    [{ rttMs: 90, jitterMs: 5 }, { rttMs: 100, jitterMs: 12, samples: 8 }, 90, 5, "transport", 0], // never longer
    [undefined, { rttMs: 100, jitterMs: 12, samples: 8 }, 100, 12, "transport", 0],
  ] as const)(
    "trustedLink(%j, %j) → rtt %i, jitter %i from %s",
    (app, transport, rttMs, jitterMs, source, inflatedByMs) => {
      expect(trustedLink(app, transport)).toEqual({ rttMs, jitterMs, source, inflatedByMs });
    },
  );

  test("bounds: the class ceiling caps the one-way part; the server's loop lag widens it", () => {
    const slow = { rttMs: 1000, jitterMs: 20 };
    expect(pressAllowanceMs(slow)).toBe(535); // 500 + 35
    expect(pressAllowanceMs(slow, { ceilingOneWayMs: 300 })).toBe(335);
    expect(pressAllowanceMs(slow, { ceilingOneWayMs: 300, loopLagMs: 20 })).toBe(355);
    expect(pressAllowanceMs(slow, { ceilingOneWayMs: 300, loopLagMs: 40 })).toBe(360); // at most 25 ms of lag
    // A buzz that waited 40 ms for a busy server is not clamped for the first 25 ms of it; its uncertainty has all 40.
    const late = { claimedClientMs: 13_930, clock, arrivalServerMs: 11_040 };
    expect(fairPressTime(late)).toMatchObject({ pressServerMs: 10_955, clamped: true });
    expect(fairPressTime({ ...late, bounds: { loopLagMs: 40 } })).toEqual({
      pressServerMs: 10_930,
      clamped: false,
      allowanceMs: 110,
      uncertaintyMs: 75,
    });
    // The server may hand the bounds over on the clock estimate instead (they travel in the event).
    expect(fairPressTime({ ...late, clock: { ...clock, bounds: { loopLagMs: 40 } } }).pressServerMs).toBe(10_930);
    // A stall (the process did not run) only widens the uncertainty: a liar would gain all of an upper bound.
    expect(fairPressTime({ ...late, bounds: { loopLagMs: 40, stallMs: 90 } })).toEqual({
      pressServerMs: 10_930,
      clamped: false,
      allowanceMs: 110,
      uncertaintyMs: 125,
    });
  });
});

describe("plausibleOneWayCeilingMs", () => {
  test.each([
    [[], MAX_PLAUSIBLE_ONE_WAY_MS],
    [[40], 230], // alone: max(40, 2 × 40) + 150
    [[10, 600], 170], // max(second-slowest 10, 2 × lower median 10) + 150: the far one cannot lift it
    [[10, 12, 15, 20, 400], 180], // max(20, 2 × 15) + 150
    [[10, 100, 200, 300, 400], 550], // max(300, 400) + 150
    [[300, 350, 400, 640], MAX_PLAUSIBLE_ONE_WAY_MS], // max(400, 700) + 150, capped
  ])("one-way latencies %j → %i ms", (latencies, ceiling) => {
    expect(plausibleOneWayCeilingMs(latencies)).toBe(ceiling);
  });
});

describe("arbitrationWindowMs", () => {
  test.each([
    [[20, 35, 12], 185], // slowest 35 + 150
    [[], 150],
    [[0], 150],
    [[400, 120], 540], // the 400 ms phone is capped at the class ceiling max(120, 240) + 150 = 390
    [[900], 800], // clamped to the maximum
    [[20, 35, 12, 2000], 340], // one phone claiming 2 s cannot stretch the window: ceiling max(35, 2 × 20) + 150
  ])("latencies %j → %i ms", (latencies, window) => {
    expect(arbitrationWindowMs(latencies)).toBe(window);
  });

  test("widened by the server's loop lag", () => {
    expect(arbitrationWindowMs([20, 35, 12], 60)).toBe(245);
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
