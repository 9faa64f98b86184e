import type { Room } from "@colyseus/sdk";
import type { ClockMessage, PingMessage } from "@handsup/shared/protocol/server-messages.ts";

/**
 * The server's clock as seen from here. The server pings, we answer at once, and it tells us
 * its estimate of our offset (serverTime ≈ local − offsetMs), computed NTP-style from the
 * fastest round trips. The server also measures the round trip with WebSocket ping frames,
 * which the browser answers by itself; this code cannot (and need not) take part in those.
 */
export interface ServerClock {
  /** The current time on the server's clock, in ms. */
  serverNow(): number;
  /** Server minus local, as the server last told us (client − server). */
  offsetMs(): number;
  /** Last measured round trip to the server, in ms (0 until measured). */
  roundTripMs(): number;
}

/**
 * Answers one room's pings with this device's clock and keeps the server's estimate. `localNow` is the device's
 * clock (Date.now in a browser; the fairness tests give each bot its own skewed clock).
 */
export function createServerClock(room: Room, localNow: () => number = Date.now, initialOffsetMs = 0): ServerClock {
  let offset = initialOffsetMs;
  let rtt = 0;
  room.onMessage("ping", (ping: PingMessage) => {
    room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: localNow() });
  });
  room.onMessage("clock", (clock: ClockMessage) => {
    offset = clock.offsetMs;
    rtt = clock.rttMs;
  });
  return {
    serverNow: () => serverTimeAt(localNow(), offset),
    offsetMs: () => offset,
    roundTripMs: () => rtt,
  };
}

/** The page's one clock (a reconnect attaches a new room and keeps the last offset until the next estimate). */
let current: ServerClock | undefined;

/** Answers the room's pings and keeps its clock estimate. */
export function attachClock(room: Room): void {
  current = createServerClock(room, Date.now, current?.offsetMs() ?? 0);
}

/** Server time for a local clock reading, given the measured offset (serverTime ≈ local − offset). */
export function serverTimeAt(localMs: number, clockOffsetMs: number): number {
  return localMs - clockOffsetMs;
}

/** The current time on the server's clock, in ms. */
export function serverNow(): number {
  return current?.serverNow() ?? Date.now();
}

/** Last measured round trip to the server, in ms (0 until measured). */
export function roundTripMs(): number {
  return current?.roundTripMs() ?? 0;
}

/** Whole seconds left at server time `now` until a server-time deadline (never negative; 0.2 s left shows 1). */
export function secondsLeft(serverDeadline: number, now: number): number {
  return Math.max(0, Math.ceil((serverDeadline - now) / 1000));
}

/** Whole seconds left until a server-time deadline (never negative). */
export function secondsUntil(serverDeadline: number): number {
  return secondsLeft(serverDeadline, serverNow());
}
