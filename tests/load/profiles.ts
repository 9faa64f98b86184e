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
