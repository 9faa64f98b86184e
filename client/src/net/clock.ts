import type { Room } from "@colyseus/sdk";
import type { ClockMessage, PingMessage } from "@handsup/shared/protocol/server-messages.ts";

/**
 * The server's clock as seen from here. The server pings, we answer at once, and it tells us
 * its estimate of our offset (serverTime ≈ Date.now() − offsetMs), computed NTP-style from the
 * fastest round trips.
 */
let offsetMs = 0;
let rttMs = 0;

/** Answers the room's pings and keeps its clock estimate. */
export function attachClock(room: Room): void {
  room.onMessage("ping", (ping: PingMessage) => {
    room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() });
  });
  room.onMessage("clock", (clock: ClockMessage) => {
    offsetMs = clock.offsetMs;
    rttMs = clock.rttMs;
  });
}

/** Server time for a local clock reading, given the measured offset (serverTime ≈ local − offset). */
export function serverTimeAt(localMs: number, clockOffsetMs: number): number {
  return localMs - clockOffsetMs;
}

/** The current time on the server's clock, in ms. */
export function serverNow(): number {
  return serverTimeAt(Date.now(), offsetMs);
}

/** Last measured round trip to the server, in ms (0 until measured). */
export function roundTripMs(): number {
  return rttMs;
}

/** Whole seconds left at server time `now` until a server-time deadline (never negative; 0.2 s left shows 1). */
export function secondsLeft(serverDeadline: number, now: number): number {
  return Math.max(0, Math.ceil((serverDeadline - now) / 1000));
}

/** Whole seconds left until a server-time deadline (never negative). */
export function secondsUntil(serverDeadline: number): number {
  return secondsLeft(serverDeadline, serverNow());
}
