import { createBucket, nextPhaseAfter, PHASES, type Phase, takeToken } from "@handsup/shared";
import { describe, expect, test } from "vitest";

describe("phases", () => {
  test.each([
    ["lobby", true, "getReady"],
    ["getReady", true, "question"],
    ["question", true, "reveal"],
    ["answering", true, "reveal"],
    ["reveal", true, "leaderboard"],
    ["leaderboard", true, "getReady"],
    ["leaderboard", false, "podium"],
    ["podium", false, "ended"],
    ["ended", false, "ended"],
  ] as [Phase, boolean, Phase][])("%s (more questions: %s) → %s", (phase, hasMoreQuestions, next) => {
    expect(nextPhaseAfter(phase, { hasMoreQuestions })).toBe(next);
  });

  test("get ready lasts 3 s and advances on its own; reveal waits for the host", () => {
    expect(PHASES.getReady).toEqual({ next: "question", durationMs: 3000, auto: true });
    expect(PHASES.reveal.auto).toBe(false);
  });
});

describe("token bucket", () => {
  test("allows a burst up to capacity, then refills over time", () => {
    let bucket = createBucket(3, 2, 0);
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const taken = takeToken(bucket, 0);
      allowed.push(taken.allowed);
      bucket = taken.bucket;
    }
    expect(allowed).toEqual([true, true, true, false]);
    expect(takeToken(bucket, 400).allowed).toBe(false); // 0.8 tokens
    const refilled = takeToken(bucket, 500); // 1 token
    expect(refilled.allowed).toBe(true);
    expect(refilled.bucket.tokens).toBe(0);
    expect(takeToken(bucket, 60_000).bucket.tokens).toBe(2); // capped at 3, one taken
  });
});
