import { randomUUID } from "node:crypto";
import {
  type Bank,
  type CreateGameRequest,
  CreateGameSchema,
  type GameSettings,
  type PlannedRound,
  planGame,
} from "@handsup/shared";
import { createHostKey, hashHostKey } from "../results/host-key.ts";

/**
 * Everything a `quiz` room needs to run one game, decided before the room exists. Plain data, so it
 * can travel to a room created on another process through Redis.
 */
export interface GameSetup {
  gameId: string;
  hostKeyHash: string;
  title: string;
  bankIds: string[];
  settings: Omit<GameSettings, "hostPassword">;
  rounds: PlannedRound[];
  seed: number;
}

export type GameSetupResult =
  | { ok: true; setup: GameSetup; hostKey: string; warning?: string }
  | { ok: false; status: 400 | 401; error: string };

/** Checks a teacher's "create game" request and plans its questions; says what is wrong in plain words. */
export function buildGameSetup(
  request: unknown,
  banks: readonly Bank[],
  hostPassword: string | undefined,
  randomSeed: number,
): GameSetupResult {
  const parsed = CreateGameSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, status: 400, error: `${where}${issue?.message ?? "invalid request"}` };
  }
  const { hostPassword: given, ...settings } = parsed.data;
  if (hostPassword !== undefined && given !== hostPassword) {
    return {
      ok: false,
      status: 401,
      error: given ? "That host password is not right." : "This server needs the host password to create a game.",
    };
  }
  const chosen: Bank[] = [];
  for (const id of settings.bankIds) {
    const bank = banks.find((candidate) => candidate.id === id);
    if (!bank) {
      const known = banks.map((candidate) => candidate.id).join(", ");
      return { ok: false, status: 400, error: `There is no question bank "${id}". Available: ${known}.` };
    }
    chosen.push(bank);
  }
  const seed = settings.seed ?? randomSeed;
  const rounds = settings.rounds ?? [{ mode: "everyone" as const, questionCount: settings.questionCount }];
  const plan = planGame({
    banks: chosen,
    questionCount: settings.questionCount,
    tags: settings.tags,
    difficulties: settings.difficulties,
    order: settings.order,
    seed,
    rounds,
  });
  if (!plan.ok) return { ok: false, status: 400, error: plan.reason };
  const hostKey = createHostKey();
  const title = settings.title?.trim() || chosen.map((bank) => bank.title).join(" + ");
  return {
    ok: true,
    hostKey,
    ...(plan.warning ? { warning: plan.warning } : {}),
    setup: {
      gameId: randomUUID(),
      hostKeyHash: hashHostKey(hostKey),
      title,
      bankIds: chosen.map((bank) => bank.id),
      settings,
      rounds: plan.rounds.filter((round) => round.questions.length > 0),
      seed,
    },
  };
}

export type { CreateGameRequest };
