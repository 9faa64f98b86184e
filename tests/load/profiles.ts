import type { RoundSettingsSchema } from "@handsup/shared/protocol/game-settings.ts";
import type { z } from "zod";

/** A game load: how many rooms and students, how the bots play, and how fast they arrive. */
export interface GameProfile {
  kind: "game";
  name: string;
  rooms: number;
  studentsPerRoom: number;
  questionCount: number;
  /** Questions at the end of the game played as a buzzer round. */
  buzzerQuestions: number;
  timeLimitSec: number;
  thinkMinMs: number;
  thinkMaxMs: number;
  /** A new room every this many ms (teachers do not all press "create" in the same millisecond). */
  roomStaggerMs: number;
  /** A room's students arrive uniformly over this long after its code exists. */
  joinSpreadMs: number;
  hostHoldMs: number;
  lobbyTimeoutMs: number;
}

/** Profiles `pnpm bench --profile <name>` knows; `--rooms`/`--students` override the counts. */
export const GAME_PROFILES: Record<string, GameProfile> = {
  quick: {
    kind: "game",
    name: "quick",
    rooms: 4,
    studentsPerRoom: 25,
    questionCount: 3,
    buzzerQuestions: 1,
    timeLimitSec: 6,
    thinkMinMs: 1000,
    thinkMaxMs: 5000,
    roomStaggerMs: 250,
    joinSpreadMs: 2000,
    hostHoldMs: 1000,
    lobbyTimeoutMs: 20_000,
  },
  classes: {
    kind: "game",
    name: "classes",
    rooms: 125,
    studentsPerRoom: 40,
    questionCount: 10,
    buzzerQuestions: 0,
    timeLimitSec: 12,
    thinkMinMs: 1000,
    thinkMaxMs: 5000,
    roomStaggerMs: 250,
    joinSpreadMs: 10_000,
    hostHoldMs: 2000,
    lobbyTimeoutMs: 90_000,
  },
  assembly: {
    kind: "game",
    name: "assembly",
    rooms: 1,
    studentsPerRoom: 2000,
    questionCount: 10,
    buzzerQuestions: 0,
    timeLimitSec: 12,
    thinkMinMs: 1000,
    thinkMaxMs: 5000,
    roomStaggerMs: 0,
    joinSpreadMs: 20_000,
    hostHoldMs: 2000,
    lobbyTimeoutMs: 90_000,
  },
};

// The record: more phones in one game than the largest published live quiz (4,092 devices), all
// arriving within 20 s, with a host running a 10-question everyone game.
GAME_PROFILES.record = { ...GAME_PROFILES.assembly!, name: "record", studentsPerRoom: 4100 };

/** One run of `--profile sweep`: a size of the classes load or of one big room. */
export interface SweepStep {
  series: "classes" | "one room";
  students: number;
  profile: GameProfile;
}

/** Questions per game in each sweep run: enough for steady figures, short enough for nine runs (~25 min). */
export const SWEEP_QUESTIONS = 5;

/** `pnpm bench --profile sweep`: classes of 40 at 1,000–10,000 students, one room at 1,000–6,000. */
export function sweepSteps(questionCount = SWEEP_QUESTIONS, scale = 1): SweepStep[] {
  const classes = [1_000, 2_500, 5_000, 7_500, 10_000].map((full) => {
    const rooms = Math.max(1, Math.round((full * scale) / 40));
    return {
      series: "classes" as const,
      students: rooms * 40,
      profile: { ...GAME_PROFILES.classes!, name: `classes-${rooms * 40}`, rooms, questionCount },
    };
  });
  const oneRoom = [1_000, 2_000, 4_100, 6_000].map((full) => {
    const students = Math.max(1, Math.round(full * scale));
    return {
      series: "one room" as const,
      students,
      profile: { ...GAME_PROFILES.assembly!, name: `room-${students}`, studentsPerRoom: students, questionCount },
    };
  });
  return [...classes, ...oneRoom];
}

/** The rounds a profile plays: everyone questions, then an optional buzzer round. */
export function roundsOf(profile: GameProfile): z.input<typeof RoundSettingsSchema>[] {
  const everyone = profile.questionCount - profile.buzzerQuestions;
  return [
    ...(everyone > 0 ? [{ mode: "everyone" as const, questionCount: everyone }] : []),
    ...(profile.buzzerQuestions > 0 ? [{ mode: "buzzer" as const, questionCount: profile.buzzerQuestions }] : []),
  ];
}

/** A rough upper bound on how long one game of this profile takes, for the run's safety timeout. */
export function expectedGameMs(profile: GameProfile): number {
  const perQuestion = 3000 + profile.timeLimitSec * 1000 + 3 * profile.hostHoldMs + 2000;
  return profile.lobbyTimeoutMs + profile.questionCount * perQuestion;
}
