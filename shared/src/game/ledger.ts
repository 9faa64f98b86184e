import type { Ctx } from "./context.ts";
import type { Game, LedgerEntry, Player } from "./types.ts";

/**
 * The one ledger: every answer and every score change, in order. A player's score, streak and correct count are
 * cached on the player for speed and always equal `tally(entries of that player)`; the report reads the same entries.
 */

/** Appends entries and applies each to its player's cached totals and last result. */
export function record(ctx: Ctx, entries: LedgerEntry[]): void {
  if (entries.length === 0) return;
  const { game } = ctx;
  for (const entry of entries) {
    game.ledger.push(entry);
    const player = game.players[entry.playerId];
    if (player) apply(player, entry);
  }
  ctx.effects.push({ type: "ledger", entries });
}

function apply(player: Player, entry: LedgerEntry): void {
  if (entry.voided) return;
  player.lastResult = entry.result;
  player.lastPoints = entry.points;
  player.lastBonus = entry.bonus;
  player.score += entry.points;
  player.streak = entry.streakAfter;
  if (entry.result === "correct") player.correctCount += 1;
}

/** A player's totals from their entries: the definition the cached fields must match. */
export function tally(entries: readonly LedgerEntry[]): { score: number; streak: number; correctCount: number } {
  let score = 0;
  let streak = 0;
  let correctCount = 0;
  for (const entry of entries) {
    if (entry.voided) continue;
    score += entry.points;
    streak = entry.streakAfter;
    if (entry.result === "correct") correctCount += 1;
  }
  return { score, streak, correctCount };
}

/**
 * Voids every entry of a question (a skip): the entries stay, marked, for the report; the players they touched get
 * their totals back as if the question had never been played.
 */
export function voidQuestion(ctx: Ctx, questionIndex: number): void {
  const { game } = ctx;
  const touched = new Set<string>();
  for (const entry of game.ledger) {
    if (entry.questionIndex === questionIndex && !entry.voided) {
      entry.voided = true;
      touched.add(entry.playerId);
    }
  }
  if (touched.size > 0) retally(game, touched);
  ctx.effects.push({ type: "voided", questionIndex });
}

function retally(game: Game, playerIds: ReadonlySet<string>): void {
  const byPlayer = new Map<string, LedgerEntry[]>();
  for (const entry of game.ledger) {
    if (!playerIds.has(entry.playerId)) continue;
    const list = byPlayer.get(entry.playerId) ?? [];
    list.push(entry);
    byPlayer.set(entry.playerId, list);
  }
  for (const playerId of playerIds) {
    const player = game.players[playerId];
    if (!player) continue;
    Object.assign(player, tally(byPlayer.get(playerId) ?? []));
    player.lastResult = "none";
    player.lastPoints = 0;
    player.lastBonus = 0;
  }
}

/** The entries of one question, in the order they were recorded. */
export function entriesOf(game: Game, questionIndex: number): LedgerEntry[] {
  return game.ledger.filter((entry) => entry.questionIndex === questionIndex);
}
