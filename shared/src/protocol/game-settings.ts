import { z } from "zod";
import { PHOTO_FINISH_RULES } from "../rules/photo-finish.ts";

/** One round of a game: a mode and how many questions it takes from the plan. */
export const RoundSettingsSchema = z.strictObject({
  mode: z.enum(["everyone", "buzzer"]),
  questionCount: z.number().int().min(1).max(200),
});

/**
 * The most players one game can ever hold. A server may allow fewer (MAX_PLAYERS, default
 * DEFAULT_MAX_PLAYERS): the bench seats 4,100 phones in one room on a 2-core machine (BENCHMARKS.md).
 */
export const MAX_PLAYERS_LIMIT = 10_000;
/** The per-game player cap a server allows unless MAX_PLAYERS says otherwise. */
export const DEFAULT_MAX_PLAYERS = 5_000;

/**
 * What a teacher chooses when creating a game (`POST /api/games`). Every field but `bankIds`
 * has a default, so `{ "bankIds": ["peaceful-coexistence"] }` is a complete request.
 */
export const CreateGameSchema = z.strictObject({
  bankIds: z.array(z.string().min(1).max(100)).min(1).max(20),
  questionCount: z.number().int().min(1).max(200).default(10),
  tags: z.array(z.string().max(60)).max(30).default([]),
  difficulties: z
    .array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
    .max(3)
    .default([]),
  order: z.enum(["bank", "shuffled"]).default("shuffled"),
  seed: z.number().int().nonnegative().optional(),
  /** Rounds in play order; default one `everyone` round of all questions. */
  rounds: z.array(RoundSettingsSchema).min(1).max(20).optional(),
  /** Overrides every question's own time limit when set. */
  timeLimitSec: z.number().int().min(5).max(240).optional(),
  speedScoring: z.boolean().default(true),
  streaks: z.boolean().default(true),
  /** Buzzer mode: what fraction of the points a wrong answer costs (0 = no penalty). */
  wrongPenalty: z.number().min(0).max(1).default(0.5),
  /** Buzzer mode: seconds the first buzzer has to answer. */
  answerWindowSec: z.number().int().min(3).max(60).default(10),
  /**
   * Buzzer mode: when the first presses are closer than the server can tell (a photo finish): the first by credited
   * time answers ("first"), every contender gets a turn even after a right answer ("bothAnswer"), or everyone
   * buzzes again, once per question ("rebuzz").
   */
  photoFinish: z.enum(PHOTO_FINISH_RULES).default("first"),
  maxPlayers: z.number().int().min(1).max(MAX_PLAYERS_LIMIT).default(200),
  showPromptOnPhones: z.boolean().default(true),
  /** Advance from reveal and leaderboard on their own (for unattended play); off by default. */
  autoAdvance: z.boolean().default(false),
  title: z.string().max(120).optional(),
  hostPassword: z.string().max(200).optional(),
});
export type CreateGameRequest = z.input<typeof CreateGameSchema>;
export type GameSettings = z.output<typeof CreateGameSchema>;

/** The answer to a successful `POST /api/games`. Keep `hostKey` secret: it controls the game. */
export interface CreateGameResponse {
  code: string;
  hostKey: string;
  questionCount: number;
  warning?: string;
}
