// How often a quiz room does its periodic work, and how long it waits: the room's clock settings in one place.

export const PING_TICK_MS = 250;
/** Live counters reach the screens at most this often: a burst of answers costs a few frames, not thousands. */
export const COUNTER_FLUSH_MS = 250;
/** A running game's sign of life, so a restart knows how long it was down (at most this much is lost). */
export const HEARTBEAT_MS = 2000;
export const IDLE_DISPOSE_MS = 15 * 60 * 1000;
export const ENDED_CLOSE_MS = 30_000;
/** How long a reopened game waits for its phones before counting the missing ones as disconnected. */
export const RESTORE_GRACE_MS = 15_000;
/** A deadline the store could not record is tried again this soon. */
export const RETRY_MS = 1000;
/** Colyseus' own room cap only bounds sockets: the reducer counts students (maxPlayers). */
export const MAX_SOCKETS = (maxPlayers: number) => maxPlayers * 2 + 50;
