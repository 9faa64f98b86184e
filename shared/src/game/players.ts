import { nameSortKey } from "../rules/leaderboard.ts";
import { nicknameKey, validateNickname } from "../rules/nickname.ts";
import { bump } from "./answer-fit.ts";
import { afterTurn } from "./buzzer.ts";
import { activePlayer, type Ctx, Refusal } from "./context.ts";
import { changePlayer } from "./everyone.ts";
import type { Game, GameEvent, Player } from "./types.ts";

type EventOf<K extends GameEvent["type"]> = Extract<GameEvent, { type: K }>;

const REMOVED = "The teacher removed you from this game.";

/**
 * A student joins. The same name from the same device takes its old seat back (a phone that lost its reconnection
 * token, or a second tab): the room releases the old connection. A removed student never gets back in.
 */
export function onJoin(ctx: Ctx, event: EventOf<"join">): void {
  const { game, now } = ctx;
  if (game.phase.name === "podium" || game.phase.name === "ended") {
    throw new Refusal("game-over", "This game has finished.");
  }
  const deviceId = event.deviceId ?? null;
  if (deviceId !== null && game.bans.deviceIds.includes(deviceId)) throw new Refusal("kicked", REMOVED);
  const nickname = validateNickname(event.name);
  if (!nickname.ok) throw new Refusal("name-refused", nickname.reason);
  const nameKey = nicknameKey(nickname.name);
  const existingId = game.playerByNameKey[nameKey];
  const existing = existingId === undefined ? undefined : game.players[existingId];
  if (existing) {
    if (deviceId === null || existing.deviceId !== deviceId) {
      throw new Refusal("name-taken", `Someone here is already called ${existing.name}. Pick another name.`);
    }
    setConnected(game, existing, true);
    joined(ctx, existing, true);
    return;
  }
  if (game.bans.nameKeys.includes(nameKey)) throw new Refusal("kicked", REMOVED);
  if (game.lockedLobby) {
    throw new Refusal("lobby-locked", "The teacher has locked this game. Ask them to unlock it.");
  }
  const max = game.settings.maxPlayers;
  if (game.activeCount >= max) throw new Refusal("game-full", `This game is full (${max} players).`);
  if (game.players[event.playerId]) throw new Refusal("invalid", "That player id is already in use.");

  const index = game.phase.questionIndex;
  const inQuestion = game.phase.name === "question" || game.phase.name === "answering";
  const player: Player = {
    id: event.playerId,
    name: nickname.name,
    nameKey,
    sortKey: nameSortKey(nickname.name),
    deviceId,
    joinedAt: now,
    connected: true,
    status: "active",
    firstQuestion: inQuestion ? index + 1 : Math.max(0, index),
    extraTime: 1,
    score: 0,
    streak: 0,
    correctCount: 0,
    lastResult: "none",
    lastPoints: 0,
    lastBonus: 0,
  };
  game.players[player.id] = player;
  game.playerOrder.push(player.id);
  game.playerByNameKey[nameKey] = player.id;
  game.activeCount += 1;
  game.connectedCount += 1;
  joined(ctx, player, false);
}

function joined(ctx: Ctx, player: Player, tookOver: boolean): void {
  ctx.effects.push(
    { type: "joined", playerId: player.id, name: player.name, tookOver },
    {
      type: "notify",
      playerId: player.id,
      message: { type: "welcome", body: { playerId: player.id, name: player.name } },
    },
  );
}

function setConnected(game: Game, player: Player, connected: boolean): void {
  if (player.connected === connected) return;
  changePlayer(game, player, () => {
    player.connected = connected;
  });
  game.connectedCount += connected ? 1 : -1;
}

/** The phone came back with its reconnection token. */
export function onRejoin(ctx: Ctx, event: EventOf<"rejoin">): void {
  const player = ctx.game.players[event.playerId];
  if (player?.status === "kicked") throw new Refusal("kicked", REMOVED);
  if (player?.status !== "active") throw new Refusal("not-found", "You are not part of this game any more.");
  if (player.connected) throw new Refusal("invalid", "Already connected.", true);
  setConnected(ctx.game, player, true);
}

/** The connection went away. Leaving the lobby on purpose frees the seat and the name; otherwise the seat waits. */
export function onLeave(ctx: Ctx, event: EventOf<"leave">): void {
  const { game } = ctx;
  const player = game.players[event.playerId];
  if (player?.status !== "active") throw new Refusal("not-found", "No such student.", true);
  if (event.consented && game.phase.name === "lobby") {
    setConnected(game, player, false);
    player.status = "left";
    game.activeCount -= 1;
    delete game.playerByNameKey[player.nameKey];
    return;
  }
  if (!player.connected) throw new Refusal("invalid", "Already disconnected.", true);
  setConnected(game, player, false);
}

/** The teacher gives a student extra time (1×, 1.5×, 2×): their deadline and their scoring stretch with it. */
export function onGrantExtraTime(ctx: Ctx, event: EventOf<"grantExtraTime">): void {
  const player = existingStudent(ctx.game, event.playerId);
  if (![1, 1.5, 2].includes(event.factor)) throw new Refusal("invalid", "Extra time is 1×, 1.5× or 2×.");
  changePlayer(ctx.game, player, () => {
    player.extraTime = event.factor;
  });
}

/**
 * The teacher removes a student for good: banned by device and name, their pending answer dropped, their buzz
 * taken out of the queue; if it was their turn, the turn passes on. Their earlier ledger entries stay, marked in the
 * report by their status; nothing is recorded for them after this.
 */
export function onKick(ctx: Ctx, event: EventOf<"kick">): void {
  const { game } = ctx;
  const player = existingStudent(game, event.playerId);
  setConnected(game, player, false);
  player.status = "kicked";
  game.activeCount -= 1;
  delete game.playerByNameKey[player.nameKey];
  if (player.deviceId !== null && !game.bans.deviceIds.includes(player.deviceId)) {
    game.bans.deviceIds.push(player.deviceId);
  }
  if (!game.bans.nameKeys.includes(player.nameKey)) game.bans.nameKeys.push(player.nameKey);
  ctx.effects.push(
    { type: "notify", playerId: player.id, message: { type: "kicked", body: { reason: REMOVED } } },
    { type: "kickConnection", playerId: player.id },
  );
  const current = game.current;
  if (!current) return;
  const pending = current.answers[player.id];
  if (pending && current.revealed === null) {
    delete current.answers[player.id];
    current.answerCount -= 1;
    bump(current.distribution, pending.bucket, -1);
  }
  current.buzzes = current.buzzes.filter((buzz) => buzz.playerId !== player.id);
  if (game.phase.name === "answering" && current.turn?.playerId === player.id) afterTurn(ctx);
}

function existingStudent(game: Game, playerId: string): Player {
  try {
    return activePlayer(game, playerId);
  } catch {
    throw new Refusal("not-found", "There is no such student in this game.");
  }
}
