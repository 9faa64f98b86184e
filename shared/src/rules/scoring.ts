/** Points a question is worth before time scaling. */
export const BASE_POINTS = { standard: 1000, double: 2000 } as const;
/** Streak bonus per consecutive correct answer after the first, and its cap. */
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;
/** Share of the points a wrong buzzer answer costs by default. */
export const DEFAULT_WRONG_PENALTY_FRACTION = 0.5;

export interface ScoringSettings {
  speedScoring: boolean;
  streaks: boolean;
}

export interface ScoredAnswer {
  points: number;
  streak: number;
  /** The streak bonus included in `points`. */
  bonus: number;
}

/** Speed-scaled points: round(P × (1 − (t/T)/2)), t clamped to [0, T]: full points at once, half at the buzzer. */
export function speedPoints(input: {
  basePoints: number;
  responseMs: number;
  timeLimitMs: number;
  speedScoring: boolean;
}): number {
  const { basePoints, responseMs, timeLimitMs, speedScoring } = input;
  if (!speedScoring || timeLimitMs <= 0) return basePoints;
  const t = Math.min(timeLimitMs, Math.max(0, responseMs));
  return Math.round(basePoints * (1 - t / timeLimitMs / 2));
}

/** Bonus for the streak-th consecutive correct answer: 0 for the first, +100 for the 2nd … capped at +500. */
export function streakBonus(streak: number): number {
  if (streak <= 1) return 0;
  return Math.min(STREAK_CAP, (streak - 1) * STREAK_STEP);
}

/** The streak after this answer: one longer when correct, back to 0 otherwise. */
export function nextStreak(previous: number, correct: boolean): number {
  return correct ? previous + 1 : 0;
}

/** Scores an answer in `everyone` mode; a wrong or missing answer scores 0 and ends the streak. */
export function scoreEveryoneAnswer(input: {
  correct: boolean;
  basePoints: number;
  responseMs: number;
  timeLimitMs: number;
  previousStreak: number;
  settings: ScoringSettings;
}): ScoredAnswer {
  const { correct, basePoints, responseMs, timeLimitMs, previousStreak, settings } = input;
  if (!correct) return { points: 0, streak: 0, bonus: 0 };
  const streak = nextStreak(previousStreak, true);
  const bonus = settings.streaks ? streakBonus(streak) : 0;
  const base = speedPoints({ basePoints, responseMs, timeLimitMs, speedScoring: settings.speedScoring });
  return { points: base + bonus, streak, bonus };
}

/** Scores a buzzer answer: correct earns P (plus streak bonus), wrong costs round(P × fraction) and ends the streak. */
export function scoreBuzzerAnswer(input: {
  correct: boolean;
  basePoints: number;
  wrongPenaltyFraction?: number;
  previousStreak: number;
  settings: ScoringSettings;
}): ScoredAnswer {
  const {
    correct,
    basePoints,
    wrongPenaltyFraction = DEFAULT_WRONG_PENALTY_FRACTION,
    previousStreak,
    settings,
  } = input;
  if (!correct) {
    // `|| 0` turns a -0 penalty (fraction 0) into a plain 0.
    return { points: -Math.round(basePoints * wrongPenaltyFraction) || 0, streak: 0, bonus: 0 };
  }
  const streak = nextStreak(previousStreak, true);
  const bonus = settings.streaks ? streakBonus(streak) : 0;
  return { points: basePoints + bonus, streak, bonus };
}
