/** A player's score, as ranked. Extra fields ride along untouched. */
export interface Standing {
  playerId: string;
  name: string;
  score: number;
  /** nameSortKey(name), when the caller already has it (saves recomputing it for thousands of rows) */
  sortKey?: string;
}

export type RankedStanding<T extends Standing = Standing> = T & {
  /** Dense rank: equal scores share a rank and the next score takes the next number (1, 1, 2). */
  rank: number;
};

/** How many ranks stand on the podium; every student holding one of them is shown. */
export const PODIUM_RANKS = 3;

/**
 * The key students on the same score are listed by: case and accents ignored ("zoë" beside "Zoe"), numbers in
 * number order ("Bot 2" before "Bot 10"). Computed once per row so ranking 4,000 students stays a few milliseconds.
 */
export function nameSortKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.padStart(12, "0"));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Alphabetical by nameSortKey, exact text as the last word so two names never tie. */
export function compareNames(a: string, b: string): number {
  return compareText(nameSortKey(a), nameSortKey(b)) || compareText(a, b);
}

/**
 * THE ranking of Hands Up, used by the leaderboard, the podium, each phone and the CSV/JSON report.
 * One tie rule: equal scores share a dense rank (1, 1, 2); students on the same rank are listed by name (then id),
 * which orders the display only and never decides a rank. Join order and answer times play no part.
 */
export function rankStandings<T extends Standing>(standings: readonly T[]): RankedStanding<T>[] {
  const keyed = standings.map((standing) => ({ standing, key: standing.sortKey ?? nameSortKey(standing.name) }));
  keyed.sort(
    (a, b) =>
      b.standing.score - a.standing.score ||
      compareText(a.key, b.key) ||
      compareText(a.standing.name, b.standing.name) ||
      compareText(a.standing.playerId, b.standing.playerId),
  );
  let rank = 0;
  let previousScore: number | undefined;
  return keyed.map(({ standing }) => {
    if (standing.score !== previousScore) rank++;
    previousScore = standing.score;
    return { ...standing, rank };
  });
}

/** The first n of a ranked list. */
export function topN<T extends Standing>(ranked: readonly RankedStanding<T>[], n: number): RankedStanding<T>[] {
  return ranked.slice(0, Math.max(0, n));
}

/** Everyone on a podium rank (1 to PODIUM_RANKS): a tie for third shows both students. */
export function onPodium<T extends Standing>(ranked: readonly RankedStanding<T>[]): RankedStanding<T>[] {
  return ranked.filter((standing) => standing.rank <= PODIUM_RANKS);
}

/** A player's rank, or undefined if they are not in the list. */
export function rankOf(ranked: readonly { playerId: string; rank: number }[], playerId: string): number | undefined {
  return ranked.find((standing) => standing.playerId === playerId)?.rank;
}
