import { compareNames, onPodium, type RankedStanding, rankStandings } from "../rules/leaderboard.ts";
import type { Game, GameStanding } from "./types.ts";

/**
 * The standings of every student still in the game (kicked students and those who left the lobby are out),
 * ranked by THE ranking function (rules/leaderboard.ts: dense ranks, equal scores share a rank, ties by name).
 */
export function standings(game: Game): RankedStanding<GameStanding>[] {
  const rows: (Omit<GameStanding, "rank"> & { sortKey: string })[] = [];
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (player?.status !== "active") continue;
    rows.push({
      playerId,
      name: player.name,
      sortKey: player.sortKey,
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

/** Each student's rank by id (what each phone shows as "your rank"). */
export function rankById(game: Game): Record<string, number> {
  const ranks: Record<string, number> = {};
  for (const row of standings(game)) ranks[row.playerId] = row.rank;
  return ranks;
}

/**
 * The report's students: the ranked ones exactly as on the leaderboard (same ranks), then students the teacher
 * removed, unranked and marked, by name. Students who left the lobby never played and are not listed.
 */
export function reportStandings(
  game: Game,
): (Omit<GameStanding, "rank"> & { rank: number | null; status: "active" | "kicked" })[] {
  const ranked = standings(game).map((row) => ({ ...row, status: "active" as const }));
  const removed = game.playerOrder
    .flatMap((playerId) => {
      const player = game.players[playerId];
      return player?.status === "kicked" ? [player] : [];
    })
    .map((player) => ({
      playerId: player.id,
      name: player.name,
      score: player.score,
      streak: player.streak,
      correctCount: player.correctCount,
      rank: null,
      status: "kicked" as const,
    }))
    .sort((a, b) => compareNames(a.name, b.name));
  return [...ranked, ...removed];
}
