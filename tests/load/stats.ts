/** Latency summary in milliseconds, as BENCHMARKS.md reports it. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50/p95/p99/max of a list of samples (nearest-rank percentiles, rounded to 0.1 ms); zeros when empty. */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (fraction: number) => {
    const rank = Math.ceil(fraction * sorted.length) - 1;
    return round1(sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!);
  };
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round1(sorted[sorted.length - 1]!) };
}

/** Rounds to one decimal place. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The arithmetic mean, 0 for an empty list. */
export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return 0;
  let total = 0;
  for (const value of samples) total += value;
  return total / samples.length;
}
