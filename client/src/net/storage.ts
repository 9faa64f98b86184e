/** What survives a reload: this device's id, reconnection tokens per game, the teacher's host key. */

const DEVICE_KEY = "handsup.deviceId";
const TOKEN_PREFIX = "handsup.token.";
const LAST_GAME_KEY = "handsup.lastGame";
const HOST_KEY = "handsup.host";
const NAME_KEY = "handsup.name";
const FINISH_KEY = "handsup.lastFinish";
const SETTINGS_KEY = "handsup.lastSettings";

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined; // private mode or storage disabled: carry on without persistence
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the game still works, a reload just forgets
  }
}

/** A random id for this browser, created once and kept. */
export function deviceId(): string {
  let id = read(DEVICE_KEY);
  if (!id) {
    // crypto.randomUUID needs a secure context; phones reach the server over plain http on the LAN.
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    write(DEVICE_KEY, id);
  }
  return id;
}

/** Remembers the reconnection token for the student's seat in game `code`. */
export function saveStudentSeat(code: string, token: string): void {
  write(TOKEN_PREFIX + code, token);
  write(LAST_GAME_KEY, code);
}

/** The game this browser last joined and its reconnection token, if any. */
export function lastStudentSeat(): { code: string; token: string } | undefined {
  const code = read(LAST_GAME_KEY);
  const token = code ? read(TOKEN_PREFIX + code) : undefined;
  return code && token ? { code, token } : undefined;
}

/** Forgets the student's seat in game `code` (kicked, game over, or the token no longer works). */
export function forgetStudentSeat(code: string): void {
  write(TOKEN_PREFIX + code, undefined);
  if (read(LAST_GAME_KEY) === code) write(LAST_GAME_KEY, undefined);
}

/** The nickname typed last time, to prefill the join form. */
export function lastName(): string {
  return read(NAME_KEY) ?? "";
}

/** Remembers the nickname for next time. */
export function saveName(name: string): void {
  write(NAME_KEY, name);
}

export interface HostSeat {
  code: string;
  hostKey: string;
}

/** Remembers the game this teacher runs, so a reload rejoins it. */
export function saveHostSeat(seat: HostSeat | undefined): void {
  write(HOST_KEY, seat ? JSON.stringify(seat) : undefined);
}

/** The game this teacher ran last, if any. */
export function lastHostSeat(): HostSeat | undefined {
  const raw = read(HOST_KEY);
  if (!raw) return undefined;
  try {
    const seat = JSON.parse(raw) as Partial<HostSeat>;
    return typeof seat.code === "string" && typeof seat.hostKey === "string"
      ? { code: seat.code, hostKey: seat.hostKey }
      : undefined;
  } catch {
    return undefined;
  }
}

/** How a student finished a game: rank, score and what they got right, as the phone last saw it. */
export interface FinishRecord {
  code: string;
  name: string;
  rank: number;
  score: number;
  correct: number;
  played: number;
}

/** Remembers how this phone finished (so a reload at the end still says it). */
export function saveFinish(record: FinishRecord): void {
  write(FINISH_KEY, JSON.stringify(record));
}

/** How this phone finished its last game, if it did. */
export function lastFinish(): FinishRecord | undefined {
  const raw = read(FINISH_KEY);
  if (!raw) return undefined;
  try {
    const record = JSON.parse(raw) as Partial<FinishRecord>;
    const numbers = [record.rank, record.score, record.correct, record.played];
    return typeof record.code === "string" && typeof record.name === "string" && numbers.every(Number.isFinite)
      ? (record as FinishRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the settings of the last game created on this browser (never the password). */
export function saveLastSettings(settings: object): void {
  write(SETTINGS_KEY, JSON.stringify(settings));
}

/** The settings of the last game created here, as saved (the form checks each field it reads). */
export function lastSettings(): Record<string, unknown> | undefined {
  const raw = read(SETTINGS_KEY);
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const RECENT_HOST_GAMES_KEY = "handsup.hostGames";
const RECENT_HOST_GAMES_KEPT = 20;

/** A game this teacher created, remembered with its host key so its report stays downloadable. */
export interface RecentHostGame extends HostSeat {
  title: string;
  createdAt: number;
}

/** The teacher's recent games, newest first (kept even when a game ended in a crash). */
export function recentHostGames(): RecentHostGame[] {
  const raw = read(RECENT_HOST_GAMES_KEY);
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as Partial<RecentHostGame>[];
    return Array.isArray(list)
      ? list.flatMap((game) =>
          typeof game.code === "string" && typeof game.hostKey === "string"
            ? [
                {
                  code: game.code,
                  hostKey: game.hostKey,
                  title: typeof game.title === "string" ? game.title : "",
                  createdAt: typeof game.createdAt === "number" ? game.createdAt : 0,
                },
              ]
            : [],
        )
      : [];
  } catch {
    return [];
  }
}

/** Adds a game to the recent list, or updates its title; the oldest fall off after 20. */
export function rememberHostGame(game: HostSeat & { title?: string }, now = Date.now()): void {
  const list = recentHostGames();
  const existing = list.find((entry) => entry.code === game.code && entry.hostKey === game.hostKey);
  const entry: RecentHostGame = {
    code: game.code,
    hostKey: game.hostKey,
    title: game.title || existing?.title || "",
    createdAt: existing?.createdAt ?? now,
  };
  const others = list.filter((other) => other !== existing);
  write(RECENT_HOST_GAMES_KEY, JSON.stringify([entry, ...others].slice(0, RECENT_HOST_GAMES_KEPT)));
}
