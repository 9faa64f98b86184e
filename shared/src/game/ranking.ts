import { onPodium, type RankedStanding, rankStandings } from "../rules/leaderboard.ts";
import type { Game, GameStanding } from "./types.ts";

/**
 * The standings of every student still in the game (kicked students and those who left the lobby are out),
 * ranked by THE ranking function (rules/leaderboard.ts: dense ranks, equal scores share a rank, ties by name).
 */
export function standings(game: Game): RankedStanding<GameStanding>[] {
  const rows: Omit<GameStanding, "rank">[] = [];
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (player?.status !== "active") continue;
    rows.push({
      playerId,
      name: player.name,
      score: player.score,
      streak: player.streak,
      correctCount: player.correctCount,
    });
  }
  return rankStandings(rows) as RankedStanding<GameStanding>[];
}

/** Every student on a podium rank (1–3): students tied for third all stand on it. */
export function podium(game: Game): RankedStanding<GameStanding>[] {
  return onPodium(standings(game));
}
