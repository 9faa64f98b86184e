import {
  BASE_POINTS,
  nextStreak,
  scoreBuzzerAnswer,
  scoreEveryoneAnswer,
  speedPoints,
  streakBonus,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";

const on = { speedScoring: true, streaks: true };

describe("speedPoints", () => {
  test.each([
    // P, t, T, expected
    [1000, 0, 20_000, 1000],
    [1000, 20_000, 20_000, 500],
    [1000, 10_000, 20_000, 750],
    [1000, 5_000, 20_000, 875],
    [1000, 1_234, 20_000, 969], // 1000 × (1 − 0.0617/2) = 969.15
    [1000, 3_333, 10_000, 833], // 833.35
    [2000, 0, 20_000, 2000],
    [2000, 20_000, 20_000, 1000],
    [2000, 7_000, 20_000, 1650],
    [1000, 25_000, 20_000, 500], // late answers are clamped to T
    [1000, -300, 20_000, 1000], // a negative time is clamped to 0
  ])("P=%i t=%i T=%i → %i", (basePoints, responseMs, timeLimitMs, expected) => {
    expect(speedPoints({ basePoints, responseMs, timeLimitMs, speedScoring: true })).toBe(expected);
  });

  test("speed scoring off gives full points whenever the answer comes", () => {
    expect(speedPoints({ basePoints: 1000, responseMs: 19_000, timeLimitMs: 20_000, speedScoring: false })).toBe(1000);
    expect(speedPoints({ basePoints: 2000, responseMs: 20_000, timeLimitMs: 20_000, speedScoring: false })).toBe(2000);
  });

  test("base points are 1000 standard and 2000 double", () => {
    expect(BASE_POINTS).toEqual({ standard: 1000, double: 2000 });
  });
});

describe("streaks", () => {
  test.each([
    [0, 0],
    [1, 0],
    [2, 100],
    [3, 200],
    [4, 300],
    [5, 400],
    [6, 500],
    [7, 500],
    [12, 500],
  ])("the streak bonus for correct answer number %i in a row is %i", (streak, bonus) => {
    expect(streakBonus(streak)).toBe(bonus);
  });

  test("nextStreak grows on correct and resets on wrong", () => {
    expect(nextStreak(0, true)).toBe(1);
    expect(nextStreak(4, true)).toBe(5);
    expect(nextStreak(4, false)).toBe(0);
  });

  test("seven correct instant answers earn 1000, 1100, 1200, 1300, 1400, 1500, 1500", () => {
    let streak = 0;
    const points: number[] = [];
    for (let i = 0; i < 7; i++) {
      const scored = scoreEveryoneAnswer({
        correct: true,
        basePoints: 1000,
        responseMs: 0,
        timeLimitMs: 20_000,
        previousStreak: streak,
        settings: on,
      });
      streak = scored.streak;
      points.push(scored.points);
    }
    expect(points).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500]);
    expect(streak).toBe(7);
  });
});

describe("scoreEveryoneAnswer", () => {
  test("a correct answer on a streak adds the bonus to the speed points", () => {
    expect(
      scoreEveryoneAnswer({
        correct: true,
        basePoints: 2000,
        responseMs: 5_000,
        timeLimitMs: 20_000,
        previousStreak: 2,
        settings: on,
      }),
    ).toEqual({ points: 1950, streak: 3, bonus: 200 });
  });

  test("a wrong or missing answer scores 0 and resets the streak", () => {
    expect(
      scoreEveryoneAnswer({
        correct: false,
        basePoints: 1000,
        responseMs: 1_000,
        timeLimitMs: 20_000,
        previousStreak: 5,
        settings: on,
      }),
    ).toEqual({ points: 0, streak: 0, bonus: 0 });
  });

  test("streaks off: no bonus but the streak is still counted", () => {
    expect(
      scoreEveryoneAnswer({
        correct: true,
        basePoints: 1000,
        responseMs: 0,
        timeLimitMs: 20_000,
        previousStreak: 3,
        settings: { speedScoring: true, streaks: false },
      }),
    ).toEqual({ points: 1000, streak: 4, bonus: 0 });
  });

  test("speed off: full points plus bonus", () => {
    expect(
      scoreEveryoneAnswer({
        correct: true,
        basePoints: 1000,
        responseMs: 19_999,
        timeLimitMs: 20_000,
        previousStreak: 1,
        settings: { speedScoring: false, streaks: true },
      }),
    ).toEqual({ points: 1100, streak: 2, bonus: 100 });
  });
});

describe("scoreBuzzerAnswer", () => {
  test("correct earns the full points plus the streak bonus", () => {
    expect(scoreBuzzerAnswer({ correct: true, basePoints: 1000, previousStreak: 0, settings: on })).toEqual({
      points: 1000,
      streak: 1,
      bonus: 0,
    });
    expect(scoreBuzzerAnswer({ correct: true, basePoints: 2000, previousStreak: 1, settings: on })).toEqual({
      points: 2100,
      streak: 2,
      bonus: 100,
    });
  });

  test("wrong costs half the points by default and resets the streak", () => {
    expect(scoreBuzzerAnswer({ correct: false, basePoints: 1000, previousStreak: 3, settings: on })).toEqual({
      points: -500,
      streak: 0,
      bonus: 0,
    });
    expect(scoreBuzzerAnswer({ correct: false, basePoints: 2000, previousStreak: 0, settings: on }).points).toBe(-1000);
  });

  test.each([
    [0, 0],
    [0.25, -250],
    [1, -1000],
  ])("a wrong-answer penalty fraction of %d costs %i", (wrongPenaltyFraction, points) => {
    const scored = scoreBuzzerAnswer({
      correct: false,
      basePoints: 1000,
      wrongPenaltyFraction,
      previousStreak: 2,
      settings: on,
    });
    expect(scored.points).toBe(points);
    expect(Object.is(scored.points, -0)).toBe(false);
  });
});
