import { simulateBuzzFairness } from "@handsup/shared";
import { expect, test } from "vitest";

test("fair buzz ordering picks the true first presser in at least 99% of 10,000 simulated rounds", () => {
  const started = performance.now();
  const result = simulateBuzzFairness({
    students: 30,
    trials: 10_000,
    latencyMinMs: 10,
    latencyMaxMs: 400,
    jitterMs: 30,
    minPressGapMs: 30,
    seed: 2026,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `buzz fairness over ${result.trials} rounds of 30 students: fair order right ${Math.round(result.fairAccuracy * result.trials)} (${(result.fairAccuracy * 100).toFixed(2)}%), ` +
      `arrival order right ${Math.round(result.arrivalAccuracy * result.trials)} (${(result.arrivalAccuracy * 100).toFixed(2)}%), claims clamped ${(result.clampedShare * 100).toFixed(2)}% (${seconds.toFixed(2)} s)`,
  );
  expect(result.trials).toBe(10_000);
  expect(result.fairAccuracy).toBeGreaterThanOrEqual(0.99);
  expect(result.arrivalAccuracy).toBeLessThan(result.fairAccuracy);
  expect(result.arrivalAccuracy).toBeLessThan(0.6);
  expect(seconds).toBeLessThan(5);
});

test("the simulation is deterministic by seed", () => {
  const config = { students: 10, trials: 200, latencyMinMs: 10, latencyMaxMs: 400, jitterMs: 30, minPressGapMs: 30 };
  expect(simulateBuzzFairness({ ...config, seed: 5 })).toEqual(simulateBuzzFairness({ ...config, seed: 5 }));
});

test("with equal, jitter-free links arrival order is already right, and the fair rules agree", () => {
  const result = simulateBuzzFairness({
    students: 30,
    trials: 500,
    latencyMinMs: 100,
    latencyMaxMs: 100,
    jitterMs: 0,
    minPressGapMs: 30,
    seed: 9,
  });
  expect(result.arrivalAccuracy).toBe(1);
  expect(result.fairAccuracy).toBe(1);
  expect(result.clampedShare).toBe(0);
});
