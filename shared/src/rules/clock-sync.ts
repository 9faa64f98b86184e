/** One ping exchange: when we sent it and got the reply (our clock), and the other side's clock when it answered. */
export interface ClockSample {
  localSendMs: number;
  remoteMs: number;
  localReceiveMs: number;
}

/** What one exchange says: remote clock minus local clock, and the round trip it took. */
export interface OffsetSample {
  offsetMs: number;
  rttMs: number;
}

/** The current belief about the other clock, from the best samples so far. */
export interface ClockEstimate {
  /** Remote clock minus local clock. */
  offsetMs: number;
  /** The smallest round trip seen. */
  rttMs: number;
  /** How much round trips vary: median RTT minus the smallest. */
  jitterMs: number;
  samples: number;
  /**
   * Set by the server when it hands the estimate to a press (a buzz, an answer): the class ceiling and its own loop
   * lag at that arrival (buzz-order.ts PressBounds). Kept in the event, so a replay credits the press the same way.
   */
  bounds?: { ceilingOneWayMs?: number | undefined; loopLagMs?: number | undefined; stallMs?: number | undefined };
}

/** NTP-style offset and round trip of one exchange, assuming the reply was stamped halfway through the trip. */
export function sampleFromExchange(sample: ClockSample): OffsetSample {
  const midpoint = (sample.localSendMs + sample.localReceiveMs) / 2;
  return { offsetMs: sample.remoteMs - midpoint, rttMs: sample.localReceiveMs - sample.localSendMs };
}

/** Appends a sample and keeps only the most recent `maxHistory`. */
export function addClockSample(history: readonly OffsetSample[], sample: OffsetSample, maxHistory = 8): OffsetSample[] {
  return [...history, sample].slice(-maxHistory);
}

/**
 * Estimates the clock from a history, trusting the samples with the smallest round trip: a short trip leaves little
 * room for the asymmetric queueing that skews an offset, so the mean offset of the fastest third (at least one) wins.
 */
export function estimateClock(history: readonly OffsetSample[]): ClockEstimate | undefined {
  if (history.length === 0) return undefined;
  const byRtt = [...history].sort((a, b) => a.rttMs - b.rttMs);
  const trusted = byRtt.slice(0, Math.max(1, Math.floor(byRtt.length / 3)));
  const offsetMs = trusted.reduce((sum, s) => sum + s.offsetMs, 0) / trusted.length;
  const rttMs = byRtt[0]!.rttMs;
  const medianRtt = median(byRtt.map((s) => s.rttMs));
  return { offsetMs, rttMs, jitterMs: medianRtt - rttMs, samples: history.length };
}

/** What a run of round trips says about a link: the smallest, and how much they vary (median minus smallest). */
export interface RoundTripEstimate {
  rttMs: number;
  jitterMs: number;
  samples: number;
}

/**
 * The round trip and jitter of a link from raw round trips (for example WebSocket ping/pong frames, which the
 * browser answers itself, so the page's script cannot stretch them): the smallest trip is the link without
 * queueing; median minus smallest is its jitter.
 */
export function estimateRoundTrip(rttsMs: readonly number[]): RoundTripEstimate | undefined {
  const valid = rttsMs.filter((rtt) => Number.isFinite(rtt) && rtt >= 0);
  if (valid.length === 0) return undefined;
  const sorted = [...valid].sort((a, b) => a - b);
  return { rttMs: sorted[0]!, jitterMs: median(sorted) - sorted[0]!, samples: sorted.length };
}

/** Median of an ascending, non-empty list. */
function median(sortedAscending: readonly number[]): number {
  const middle = Math.floor(sortedAscending.length / 2);
  if (sortedAscending.length % 2 === 1) return sortedAscending[middle]!;
  return (sortedAscending[middle - 1]! + sortedAscending[middle]!) / 2;
}
