/** A token bucket: holds up to `capacity` tokens, refilled continuously at `refillPerSec`. */
export interface TokenBucket {
  capacity: number;
  refillPerSec: number;
  tokens: number;
  updatedAtMs: number;
}

/** A full bucket. */
export function createBucket(capacity: number, refillPerSec: number, nowMs: number): TokenBucket {
  return { capacity, refillPerSec, tokens: capacity, updatedAtMs: nowMs };
}

/** Refills for the time passed, then takes one token if there is one; returns the new bucket either way. */
export function takeToken(bucket: TokenBucket, nowMs: number): { allowed: boolean; bucket: TokenBucket } {
  const elapsedSec = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
  const tokens = Math.min(bucket.capacity, bucket.tokens + elapsedSec * bucket.refillPerSec);
  const updatedAtMs = Math.max(nowMs, bucket.updatedAtMs);
  if (tokens < 1) return { allowed: false, bucket: { ...bucket, tokens, updatedAtMs } };
  return { allowed: true, bucket: { ...bucket, tokens: tokens - 1, updatedAtMs } };
}
