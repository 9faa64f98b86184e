/** A player's score and when they reached it (a sequence number that only grows). */
export interface Standing {
  playerId: string;
  name: string;
  score: number;
  reachedAt: number;
}

export interface RankedStanding extends Standing {
  /** Dense rank: equal scores share a rank and the next score takes the next number (1, 1, 2). */
  rank: number;
}

/** Sorts by score (highest first), ties by who reached the score first, then name; ranks are dense. */
export function rankStandings(standings: readonly Standing[]): RankedStanding[] {
  const sorted = [...standings].sort(
    (a, b) => b.score - a.score || a.reachedAt - b.reachedAt || a.name.localeCompare(b.name),
  );
  let rank = 0;
  let previousScore: number | undefined;
  return sorted.map((standing) => {
    if (standing.score !== previousScore) rank++;
    previousScore = standing.score;
    return { ...standing, rank };
  });
}

/** The first n of a ranked list. */
export function topN(ranked: readonly RankedStanding[], n: number): RankedStanding[] {
  return ranked.slice(0, Math.max(0, n));
}

/** A player's rank, or undefined if they are not in the list. */
export function rankOf(ranked: readonly RankedStanding[], playerId: string): number | undefined {
  return ranked.find((standing) => standing.playerId === playerId)?.rank;
}
