/**
 * The teacher's recent games and their host keys, kept in this browser (localStorage), newest first, so the results
 * page can be opened later from the create page. The key never leaves the browser except to this server.
 */
export interface RecentGame {
  code: string;
  hostKey: string;
  title: string;
  /** when this browser first saw the game (ms since 1970) */
  at: number;
}

const RECENT_KEY = "handsup.recentGames";
const KEEP = 20;

export function recentGames(): RecentGame[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (g): g is RecentGame =>
        typeof g === "object" && g !== null && typeof g.code === "string" && typeof g.hostKey === "string",
    );
  } catch {
    return []; // storage disabled or damaged: no list, the game still works
  }
}

/** Adds (or refreshes the title of) a game; the same code with another key is another game and replaces it. */
export function rememberGame(game: Omit<RecentGame, "at"> & { at?: number }): void {
  const known = recentGames();
  const same = known.find((g) => g.code === game.code && g.hostKey === game.hostKey);
  const entry: RecentGame = { ...game, at: same?.at ?? game.at ?? Date.now() };
  const rest = known.filter((g) => g.code !== game.code);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([entry, ...rest].slice(0, KEEP)));
  } catch {
    // storage unavailable: the results page then asks for the key
  }
}

/** The host key this browser keeps for game `code`, if any. */
export function hostKeyFor(code: string): string | undefined {
  return recentGames().find((g) => g.code === code)?.hostKey;
}

/** The results page of a game (the key stays in this browser's storage, never in the address). */
export function resultsPageUrl(code: string): string {
  return `/results.html?code=${encodeURIComponent(code)}`;
}
