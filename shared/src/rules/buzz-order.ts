import type { ClockEstimate } from "./clock-sync.ts";

/** The most a claimed press time may predate the expected network delay, however jittery the link. */
export const MAX_JITTER_ALLOWANCE_MS = 150;
/** Slack added to the measured jitter, for the spread a handful of pings cannot see. */
export const JITTER_MARGIN_MS = 30;
/** Shortest and longest wait after the first buzz arrives before the order is decided. */
export const MIN_ARBITRATION_WINDOW_MS = 100;
export const MAX_ARBITRATION_WINDOW_MS = 800;
/** How long a student who buzzes before the question opens is locked out. */
export const EARLY_BUZZ_LOCKOUT_MS = 250;

/**
 * How far before its arrival a buzz may claim to have been pressed:
 * allowance = rtt/2 + min(jitter + JITTER_MARGIN_MS, MAX_JITTER_ALLOWANCE_MS).
 * rtt/2 is the expected one-way trip; the capped jitter term covers a slow packet, and caps what a lying phone gains.
 */
export function pressAllowanceMs(clock: ClockEstimate): number {
  return clock.rttMs / 2 + jitterAllowanceMs(clock);
}

/** The capped extra slack over the expected one-way trip: min(jitter + margin, MAX_JITTER_ALLOWANCE_MS). */
export function jitterAllowanceMs(clock: ClockEstimate): number {
  return Math.min(clock.jitterMs + JITTER_MARGIN_MS, MAX_JITTER_ALLOWANCE_MS);
}

/**
 * Converts a phone's press stamp to server time (claimed − offset), accepted only within
 * [arrival − pressAllowanceMs(clock), arrival]; outside it is clamped to the nearest bound.
 * Without a clock estimate or a stamp the arrival time is used, so an unsynced phone gains nothing.
 */
export function fairPressTime(input: {
  claimedClientMs: number | undefined;
  clock: ClockEstimate | undefined;
  arrivalServerMs: number;
}): { pressServerMs: number; clamped: boolean } {
  const { claimedClientMs, clock, arrivalServerMs } = input;
  if (clock === undefined || claimedClientMs === undefined || !Number.isFinite(claimedClientMs)) {
    return { pressServerMs: arrivalServerMs, clamped: false };
  }
  const claimed = claimedClientMs - clock.offsetMs;
  const earliest = arrivalServerMs - pressAllowanceMs(clock);
  if (claimed < earliest) return { pressServerMs: earliest, clamped: true };
  if (claimed > arrivalServerMs) return { pressServerMs: arrivalServerMs, clamped: true };
  return { pressServerMs: claimed, clamped: false };
}

/**
 * How long to wait after the first buzz arrives before deciding the order: the slowest connected player's one-way
 * latency plus the jitter cap, so a faster press on a slower link still arrives in time; clamped to [100, 800] ms.
 */
export function arbitrationWindowMs(oneWayLatenciesMs: readonly number[]): number {
  const slowest = oneWayLatenciesMs.reduce((max, latency) => Math.max(max, latency), 0);
  const window = slowest + MAX_JITTER_ALLOWANCE_MS;
  return Math.min(MAX_ARBITRATION_WINDOW_MS, Math.max(MIN_ARBITRATION_WINDOW_MS, window));
}

/** Orders buzzes by press time, then arrival, then player id, so the result never depends on input order. */
export function orderBuzzes<T extends { playerId: string; pressServerMs: number; arrivalServerMs: number }>(
  buzzes: readonly T[],
): T[] {
  return [...buzzes].sort(
    (a, b) =>
      a.pressServerMs - b.pressServerMs ||
      a.arrivalServerMs - b.arrivalServerMs ||
      (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0),
  );
}

/** Milliseconds between each ordered buzz and the first one (the first is 0), for the projector. */
export function buzzGapsMs(ordered: readonly { pressServerMs: number }[]): number[] {
  const first = ordered[0]?.pressServerMs ?? 0;
  return ordered.map((buzz) => Math.round(buzz.pressServerMs - first));
}

/** The first player in buzz order who is not locked out, if any. */
export function nextToAnswer(
  ordered: readonly { playerId: string }[],
  lockedOut: ReadonlySet<string>,
): string | undefined {
  return ordered.find((buzz) => !lockedOut.has(buzz.playerId))?.playerId;
}

/** True when a buzz was pressed before the question opened. */
export function isEarlyBuzz(pressServerMs: number, openedAtServerMs: number): boolean {
  return pressServerMs < openedAtServerMs;
}

/** Until when a buzz locks its student out: press + 250 ms for an early buzz, undefined for a buzz in time. */
export function earlyBuzzLockedUntil(pressServerMs: number, openedAtServerMs: number): number | undefined {
  return isEarlyBuzz(pressServerMs, openedAtServerMs) ? pressServerMs + EARLY_BUZZ_LOCKOUT_MS : undefined;
}
