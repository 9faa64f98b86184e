import { randomUUID } from "node:crypto";
import {
  type Bank,
  type CreateGameRequest,
  CreateGameSchema,
  type GameEvent,
  generateJoinCode,
  JoinErrorCode,
  planGame,
  type GameSetup as ReducerGameSetup,
  type RefusalCode,
} from "@handsup/shared";
import { createHostKey, hashHostKey } from "../results/host-key.ts";
import type { GameEventLog } from "../results/results-store.ts";

/**
 * Everything a `quiz` room needs to run one game, decided before the room exists (all but its join code, which the
 * room claims). Plain data, so it can travel to a room created on another process through Redis.
 */
export type GameSetup = Omit<ReducerGameSetup, "code">;

/** How a `quiz` room is made: a new game from a checked setup, or a game reopened from its log after a restart. */
export type RoomOptions = { setup: GameSetup } | { restore: { gameId: string; downSince: number } };

/**
 * Join codes across processes: `fresh` claims a code no live game holds; `reclaim` takes back the code of a game this
 * process held before it restarted (its old claim may still be in Redis, left by the process that died).
 */
export interface CodeClaims {
  fresh(code: string): Promise<boolean>;
  reclaim(code: string): Promise<boolean>;
}

/**
 * The log a room starts from. A new game gets a free join code (claimed across processes by `claim`) and its
 * `create` event is committed before anyone can join; a restored game is read back from the log.
 */
export async function startGameLog(
  options: RoomOptions,
  deps: { store: GameEventLog; owner: string },
  claim: CodeClaims,
  now: number,
): Promise<{ events: GameEvent[]; restoredFrom: number | undefined }> {
  if ("restore" in options) {
    // Written only by this server from accepted GameEvents, so the JSON is trusted.
    const events = (await deps.store.loadEvents(options.restore.gameId)) as GameEvent[];
    const first = events[0];
    if (first?.type !== "create") throw new Error(`game ${options.restore.gameId} has no create event`);
    if (!(await claim.reclaim(first.setup.code)))
      throw new Error(`join code ${first.setup.code} is held by another game`);
    return { events, restoredFrom: options.restore.downSince };
  }
  const { setup } = options;
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = generateJoinCode(Math.random);
    if (!(await claim.fresh(code))) continue;
    const create: GameEvent = { type: "create", at: now, setup: { ...setup, code } };
    await deps.store.openGame(
      {
        gameId: setup.gameId,
        code,
        hostKeyHash: setup.hostKeyHash,
        title: setup.title,
        bankIds: setup.bankIds,
        settingsJson: JSON.stringify({ ...setup.settings, seed: setup.seed }),
        createdAt: now,
      },
      deps.owner,
      create,
    );
    return { events: [create], restoredFrom: undefined };
  }
  throw new Error("could not find a free join code");
}

/** The join error code and sentence for a refused join (the reducer's reason, or a failed write). */
export function joinRefusal(code: RefusalCode | "not-saved"): { code: number; message: string } {
  const byReason: Partial<Record<RefusalCode | "not-saved", number>> = {
    "name-refused": JoinErrorCode.NAME_REFUSED,
    "name-taken": JoinErrorCode.NAME_TAKEN,
    "game-full": JoinErrorCode.GAME_FULL,
    "lobby-locked": JoinErrorCode.LOBBY_LOCKED,
    kicked: JoinErrorCode.KICKED,
    "game-over": JoinErrorCode.GAME_OVER,
    "not-saved": JoinErrorCode.NOT_SAVED,
  };
  return {
    code: byReason[code] ?? JoinErrorCode.BAD_OPTIONS,
    message: "The game cannot save anything right now, so nobody can join. Try again in a minute.",
  };
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
