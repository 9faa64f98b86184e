import { type ClockEstimate, fairShownAt, responseTimeMs, studentDeadline } from "@handsup/shared";
import { describe, expect, test } from "vitest";

// Phone clock 2000 ms behind the server; 200 ms round trip, 40 ms jitter.
const clock: ClockEstimate = { offsetMs: -2000, rttMs: 200, jitterMs: 40, samples: 8 };
const openedAtServerMs = 50_000;

describe("fairShownAt", () => {
  // Latest accepted = openedAt + min(rtt 200 + min(40 + 15, 150) + 500, 2000) = openedAt + 755.
  test.each([
    [48_300, 50_300], // shown 300 ms after opening: accepted
    [48_000 + 755, 50_755], // at the latest edge
    [49_500, 50_755], // claims 1.5 s: clamped to the edge
    [47_000, 50_000], // claims before the question opened: clamped to openedAt
  ])("reported %i on the phone → %i", (reportedShownClientMs, shownAt) => {
    expect(fairShownAt({ openedAtServerMs, reportedShownClientMs, clock })).toBe(shownAt);
  });

  test("maxGraceMs caps the window", () => {
    expect(fairShownAt({ openedAtServerMs, reportedShownClientMs: 49_500, clock, maxGraceMs: 400 })).toBe(50_400);
  });

  test("no report: half a round trip after opening; no clock: the opening itself", () => {
    expect(fairShownAt({ openedAtServerMs, clock })).toBe(50_100);
    expect(fairShownAt({ openedAtServerMs, reportedShownClientMs: 48_300, clock: undefined })).toBe(50_000);
  });
});

describe("deadlines and response times", () => {
  test.each([
    [1, 70_300],
    [1.5, 80_300],
    [2, 90_300],
  ])("extra time ×%d moves the deadline of a 20 s question shown at 50 300 to %i", (factor, deadline) => {
    expect(studentDeadline(50_300, 20_000, factor)).toBe(deadline);
  });

  test("response time counts from the student's own shown time, never negative", () => {
    expect(responseTimeMs(50_300, 54_300)).toBe(4_000);
    expect(responseTimeMs(50_300, 50_100)).toBe(0);
  });
});
