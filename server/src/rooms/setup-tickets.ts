import { randomUUID } from "node:crypto";
import { matchMaker, type Room, ServerError } from "@colyseus/core";
import { JoinErrorCode } from "@handsup/shared";
import { z } from "zod";
import type { GameSetup, RoomOptions } from "./game-setup.ts";
import { trackLocalGame } from "./local-games.ts";

/**
 * Rooms come only from `POST /api/games`, after its checks (host password, bank, limits). The route
 * stores the checked setup in presence (shared by every process, so a room created on another
 * process finds it) under a random one-time id, and the room's onCreate redeems that id. Anything
 * else that reaches onCreate (`client.create("quiz", { setup })` over `/matchmake/create/quiz`, a
 * replayed id) is refused before any state exists.
 */

const TICKET_PREFIX = "handsup:setup-ticket:";
const REDEEMED_KEY = "handsup:setup-redeemed";
/** Long enough for a busy process to create the room, short enough that a leaked id is useless. */
const TICKET_SECONDS = 60;

export interface SetupTicket {
  setup: GameSetup;
  /** a join code chosen by the server itself (e.g. a game reopened under its old code); random when absent */
  code?: string;
}

const TicketOptionsSchema = z.object({ setupTicket: z.uuid() });

/** Stores a checked setup and returns the options to pass to `matchMaker.createRoom("quiz", …)`. */
export async function issueSetupTicket(ticket: SetupTicket): Promise<{ setupTicket: string }> {
  const id = randomUUID();
  await matchMaker.presence.setex(TICKET_PREFIX + id, JSON.stringify(ticket), TICKET_SECONDS);
  return { setupTicket: id };
}

/** The setup stored under `options.setupTicket`, at most once; throws a ServerError for anything else. */
export async function redeemSetupTicket(options: unknown): Promise<SetupTicket> {
  const parsed = TicketOptionsSchema.safeParse(options);
  const refuse = () =>
    new ServerError(
      JoinErrorCode.BAD_OPTIONS,
      "Games are created on the teacher's page (POST /api/games), not by the matchmaker.",
    );
  if (!parsed.success) throw refuse();
  const id = parsed.data.setupTicket;
  const presence = matchMaker.presence;
  // hincrby is atomic on LocalPresence and RedisPresence alike: only the first redeemer sees 1.
  if ((await presence.hincrby(REDEEMED_KEY, id, 1)) !== 1) throw refuse();
  try {
    const raw: unknown = await presence.get(TICKET_PREFIX + id);
    if (typeof raw !== "string") throw refuse();
    return JSON.parse(raw) as SetupTicket;
  } finally {
    // The ticket is gone either way, so the redeemed marker is no longer needed to stop a replay.
    await presence.del(TICKET_PREFIX + id);
    await presence.hdel(REDEEMED_KEY, id);
  }
}

const RestoreOptionsSchema = z.strictObject({
  restore: z.strictObject({ gameId: z.string().min(1).max(100), downSince: z.number().finite() }),
});

/**
 * What a new `quiz` room may start from: a game reopened from its own event log (only this server asks for
 * that, at boot or on takeover — the matchmaking gate refuses every room creation over HTTP), or the setup of
 * a one-time ticket from POST /api/games. Anything else is refused. The room is also listed as local, so it is
 * announced again after a Redis restart.
 */
export async function admitRoom(room: Room, options: unknown): Promise<RoomOptions> {
  const restore = RestoreOptionsSchema.safeParse(options);
  const admitted: RoomOptions = restore.success
    ? { restore: restore.data.restore }
    : { setup: (await redeemSetupTicket(options)).setup };
  trackLocalGame(room);
  return admitted;
}
