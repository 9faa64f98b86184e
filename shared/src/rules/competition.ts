// A competition across several games: who is the same student, the standings, and who reaches the final.
import { nicknameKey } from "./nickname.ts";
import { denseRanks } from "./teams.ts";

/** One student's result in one game of the competition, as the results store holds it. */
export interface CompetitionGameEntry {
  gameId: string;
  playerId: string;
  name: string;
  /** The phone's device id; students are matched across games by device AND name. */
  deviceId: string | null;
  score: number;
  correct: number;
  answered: number;
  /** Team or house id in that game, if teams were played. */
  teamId: string | null;
  removed: boolean;
}

/** The teacher's "these two entries are the same student": the entry `from` is folded into `into`. */
export interface StudentMerge {
  from: string;
  into: string;
}

export interface CompetitionStanding {
  /** Stable key of the student across games (see studentKey), after merges. */
  studentKey: string;
  /** The name from their latest game. */
  name: string;
  score: number;
  correct: number;
  answered: number;
  gamesPlayed: number;
  /** Score per game id; a game they missed is absent (it counts as 0 in `score`). */
  perGame: Record<string, number>;
  rank: number;
}

/**
 * Who a result belongs to across games: the same device with the same name is the same student.
 * A phone without a device id (storage blocked) is matched by name only.
 */
export function studentKey(name: string, deviceId: string | null): string {
  const key = nicknameKey(name);
  return deviceId ? `${deviceId}|${key}` : `name|${key}`;
}

/** Follows merges to the entry a key ends in (a chain a→b→c ends in c; a cycle stops where it repeats). */
export function resolveStudentKey(key: string, merges: readonly StudentMerge[]): string {
  const into = new Map(merges.map((merge) => [merge.from, merge.into]));
  const seen = new Set<string>();
  let current = key;
  while (into.has(current) && !seen.has(current)) {
    seen.add(current);
    current = into.get(current) as string;
  }
  return current;
}

/**
 * Standings across a competition's games, in the order the games were played (`gameOrder`). Removed
 * students are left out. Ranks are dense (equal totals share a rank); ties are listed by name.
 */
export function competitionStandings(
  entries: readonly CompetitionGameEntry[],
  gameOrder: readonly string[],
  merges: readonly StudentMerge[] = [],
): CompetitionStanding[] {
  const played = new Map(gameOrder.map((gameId, index) => [gameId, index]));
  const byStudent = new Map<string, Omit<CompetitionStanding, "rank"> & { latestGame: number }>();
  for (const entry of entries) {
    const gameIndex = played.get(entry.gameId);
    if (gameIndex === undefined || entry.removed) continue;
    const key = resolveStudentKey(studentKey(entry.name, entry.deviceId), merges);
    const row = byStudent.get(key) ?? {
      studentKey: key,
      name: entry.name,
      score: 0,
      correct: 0,
      answered: 0,
      gamesPlayed: 0,
      perGame: {},
      latestGame: -1,
    };
    if (!(entry.gameId in row.perGame)) row.gamesPlayed += 1;
    row.perGame[entry.gameId] = (row.perGame[entry.gameId] ?? 0) + entry.score;
    row.score += entry.score;
    row.correct += entry.correct;
    row.answered += entry.answered;
    if (gameIndex >= row.latestGame) {
      row.latestGame = gameIndex;
      row.name = entry.name;
    }
    byStudent.set(key, row);
  }
  const rows = [...byStudent.values()].map(({ latestGame: _latest, ...row }) => row);
  rows.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return denseRanks(rows);
}

/** Team (or house) totals across games: the sum of the team's score in each game it played. */
export function competitionTeamTotals(
  gameTeamScores: readonly { gameId: string; teamId: string; score: number }[],
): { teamId: string; score: number; rank: number }[] {
  const totals = new Map<string, number>();
  for (const row of gameTeamScores) totals.set(row.teamId, (totals.get(row.teamId) ?? 0) + row.score);
  const rows = [...totals].map(([teamId, score]) => ({ teamId, score }));
  rows.sort((a, b) => b.score - a.score || a.teamId.localeCompare(b.teamId));
  return denseRanks(rows);
}

/**
 * The finalists: the top `n` of the standings, and everyone tied with the last of them — ties at the
 * cut all go through, so nobody is left out by a name or a join order.
 */
export function selectFinalists<T extends { rank: number }>(ranked: readonly T[], n: number): T[] {
  if (n <= 0 || ranked.length === 0) return [];
  const last = ranked[Math.min(n, ranked.length) - 1] as T;
  return ranked.filter((row) => row.rank <= last.rank);
}
