import type { ClockEstimate, RoundTripEstimate } from "./clock-sync.ts";
import { pressUncertaintyMs } from "./photo-finish.ts";

/** The most a claimed press time may predate the expected network delay, however jittery the link. */
export const MAX_JITTER_ALLOWANCE_MS = 150;
/**
 * Slack added to the measured jitter, for the spread a handful of pings cannot see. It is also what a lying phone
 * gains over an honest one on the same link (plus about a third of the jitter), so it is kept small.
 */
export const JITTER_MARGIN_MS = 15;
/** Shortest and longest wait after the first buzz arrives before the order is decided. */
export const MIN_ARBITRATION_WINDOW_MS = 100;
export const MAX_ARBITRATION_WINDOW_MS = 800;
/** No phone is credited with a one-way trip longer than this, whatever the class looks like. */
export const MAX_PLAUSIBLE_ONE_WAY_MS = MAX_ARBITRATION_WINDOW_MS - MAX_JITTER_ALLOWANCE_MS;
/**
 * The most the server's own loop lag widens an allowance. A liar is credited at the edge of the allowance, so it
 * gains all of this; a longer stall widens the press's uncertainty instead (a photo finish rather than a silent
 * misorder when an honest press is clamped).
 */
export const MAX_LOOP_LAG_ALLOWANCE_MS = 25;
/** An application round trip this far above the transport one is a phone holding its pongs (or a stalled page). */
export const INFLATED_RTT_TOLERANCE_MS = 50;
/** How long a student who buzzes before the question opens is locked out. */
export const EARLY_BUZZ_LOCKOUT_MS = 250;

/** The link figures an allowance may trust: the round trip and jitter, and where they came from. */
export interface LinkEstimate {
  rttMs: number;
  jitterMs: number;
  /** "transport": WebSocket ping/pong frames the browser answers itself; "application": our own ping/pong messages. */
  source: "transport" | "application";
  /** How far the application round trip exceeds the transport one (0 when it does not, or without transport). */
  inflatedByMs: number;
}

/**
 * The round trip a phone cannot inflate. The application ping/pong passes through the page's script, which can hold
 * a pong to look far away; WebSocket ping/pong frames are answered by the browser itself. With a transport estimate
 * the smaller of the two wins (a phone can only make a trip look longer, never shorter); without one, the
 * application estimate is all there is.
 */
export function trustedLink(
  application: { rttMs: number; jitterMs: number } | undefined,
  transport: RoundTripEstimate | undefined,
): LinkEstimate | undefined {
  if (transport === undefined) {
    if (application === undefined) return undefined;
    return { rttMs: application.rttMs, jitterMs: application.jitterMs, source: "application", inflatedByMs: 0 };
  }
  return {
    rttMs: Math.min(transport.rttMs, application?.rttMs ?? Number.POSITIVE_INFINITY),
    jitterMs: Math.min(transport.jitterMs, application?.jitterMs ?? Number.POSITIVE_INFINITY),
    source: "transport",
    inflatedByMs: application ? Math.max(0, application.rttMs - transport.rttMs) : 0,
  };
}

/** True when a phone's application round trip is far above what its connection really takes. */
export function isInflated(link: LinkEstimate): boolean {
  return link.inflatedByMs > INFLATED_RTT_TOLERANCE_MS;
}

/**
 * The longest one-way trip any phone in the class is credited with: the larger of the second-slowest phone's and
 * twice the (lower) median, plus the jitter cap, at most MAX_PLAUSIBLE_ONE_WAY_MS. One phone alone cannot raise it,
 * so one phone cannot stretch everyone's arbitration window or buy itself a bigger allowance; an honest phone far
 * slower than all the others is capped too (it loses at most its latency beyond the ceiling).
 */
export function plausibleOneWayCeilingMs(oneWayLatenciesMs: readonly number[]): number {
  const sorted = oneWayLatenciesMs.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return MAX_PLAUSIBLE_ONE_WAY_MS;
  const secondSlowest = sorted[Math.max(0, sorted.length - 2)]!;
  const lowerMedian = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return Math.min(MAX_PLAUSIBLE_ONE_WAY_MS, Math.max(secondSlowest, 2 * lowerMedian) + MAX_JITTER_ALLOWANCE_MS);
}

/** What bounds a press beyond the phone's own link: the class ceiling and the server's own delay at arrival. */
export interface PressBounds {
  /** plausibleOneWayCeilingMs() over the class; no cap when absent. */
  ceilingOneWayMs?: number | undefined;
  /** How long the server's event loop had been busy at the arrival (its arrival stamp is late by up to this). */
  loopLagMs?: number | undefined;
  /**
   * The longest the message may have waited, counting time the server process did not run at all (≥ loopLagMs).
   * Only an upper bound, so it widens the press's uncertainty, not its allowance (a liar would gain all of it).
   */
  stallMs?: number | undefined;
}

/**
 * How far before its arrival a buzz may claim to have been pressed:
 * allowance = min(rtt/2, ceiling) + min(jitter + JITTER_MARGIN_MS, MAX_JITTER_ALLOWANCE_MS) + min(loop lag, 25).
 * rtt/2 is the expected one-way trip and the capped jitter term covers a slow packet; the loop lag covers the time
 * the message waited for a busy server. With a link the phone cannot inflate, a lying phone gains at most the
 * jitter term over an honest one on the same link.
 */
export function pressAllowanceMs(link: { rttMs: number; jitterMs: number }, bounds: PressBounds = {}): number {
  const oneWay = Math.min(link.rttMs / 2, bounds.ceilingOneWayMs ?? Number.POSITIVE_INFINITY);
  const loopLag = Math.min(MAX_LOOP_LAG_ALLOWANCE_MS, Math.max(0, bounds.loopLagMs ?? 0));
  return oneWay + jitterAllowanceMs(link) + loopLag;
}

/** The capped extra slack over the expected one-way trip: min(jitter + margin, MAX_JITTER_ALLOWANCE_MS). */
export function jitterAllowanceMs(link: { jitterMs: number }): number {
  return Math.min(Math.max(0, link.jitterMs) + JITTER_MARGIN_MS, MAX_JITTER_ALLOWANCE_MS);
}

/** A press as the server credits it: server time, whether the claim was clamped, its bound and its uncertainty. */
export interface CreditedPress {
  pressServerMs: number;
  clamped: boolean;
  /** How far before arrival a claim could be credited (0 for a phone without a clock estimate). */
  allowanceMs: number;
  /** How far the credited time may be from the true press (photo-finish.ts). */
  uncertaintyMs: number;
}

/**
 * Converts a phone's press stamp to server time (claimed − offset), accepted only within
 * [arrival − pressAllowanceMs(link, bounds), arrival]; outside it is clamped to the nearest bound.
 * `link` is the trusted round trip (trustedLink); without it the clock's own figures are used. `bounds` default to
 * the ones the server put on the clock estimate.
 * Without a clock estimate or a stamp the arrival time is used, so an unsynced phone gains nothing; its
 * uncertainty is then the longest trip it may have taken (the ceiling).
 */
export function fairPressTime(input: {
  claimedClientMs: number | undefined;
  clock: ClockEstimate | undefined;
  link?: LinkEstimate | undefined;
  arrivalServerMs: number;
  bounds?: PressBounds;
}): CreditedPress {
  const { claimedClientMs, clock, arrivalServerMs } = input;
  const bounds = input.bounds ?? clock?.bounds ?? {};
  const loopLagMs = Math.max(0, bounds.loopLagMs ?? 0, bounds.stallMs ?? 0);
  if (clock === undefined || claimedClientMs === undefined || !Number.isFinite(claimedClientMs)) {
    const unknownTrip = bounds.ceilingOneWayMs ?? MAX_PLAUSIBLE_ONE_WAY_MS;
    return { pressServerMs: arrivalServerMs, clamped: false, allowanceMs: 0, uncertaintyMs: unknownTrip + loopLagMs };
  }
  const link = input.link ?? clock;
  const allowanceMs = pressAllowanceMs(link, bounds);
  const uncertaintyMs = pressUncertaintyMs({ rttMs: link.rttMs, jitterMs: link.jitterMs, loopLagMs });
  const claimed = claimedClientMs - clock.offsetMs;
  const earliest = arrivalServerMs - allowanceMs;
  if (claimed < earliest) return { pressServerMs: earliest, clamped: true, allowanceMs, uncertaintyMs };
  if (claimed > arrivalServerMs) return { pressServerMs: arrivalServerMs, clamped: true, allowanceMs, uncertaintyMs };
  return { pressServerMs: claimed, clamped: false, allowanceMs, uncertaintyMs };
}

/**
 * How long to wait after the first buzz arrives before deciding the order: the slowest connected player's one-way
 * latency (at most the class ceiling, so one phone cannot stretch it) plus the jitter cap and the server's current
 * loop lag, so a faster press on a slower link still arrives in time; clamped to [100, 800] ms.
 */
export function arbitrationWindowMs(oneWayLatenciesMs: readonly number[], loopLagMs = 0): number {
  const ceiling = plausibleOneWayCeilingMs(oneWayLatenciesMs);
  const slowest = oneWayLatenciesMs.reduce((max, latency) => Math.max(max, latency), 0);
  const window = Math.min(slowest, ceiling) + MAX_JITTER_ALLOWANCE_MS + Math.max(0, loopLagMs);
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
