import { createBucket, type TokenBucket, takeToken } from "@handsup/shared";

/**
 * Counts wrong join-code guesses per address: 10 at once, then one every 3 seconds. A class that
 * mistypes a code is never slowed; a script trying codes one after another is.
 */
export class AttemptLimiter {
  private buckets = new Map<string, TokenBucket>();
  private readonly capacity: number;
  private readonly refillPerSec: number;
  constructor(capacity = 10, refillPerSec = 1 / 3) {
    this.capacity = capacity;
    this.refillPerSec = refillPerSec;
  }

  /** True while this address may still try; each call for a wrong code spends one try. */
  spend(address: string, now: number): boolean {
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under a spray of addresses
    const bucket = this.buckets.get(address) ?? createBucket(this.capacity, this.refillPerSec, now);
    const result = takeToken(bucket, now);
    this.buckets.set(address, result.bucket);
    return result.allowed;
  }

  /** True when this address has no tries left (checked before looking the code up). */
  exhausted(address: string, now: number): boolean {
    const bucket = this.buckets.get(address);
    if (!bucket) return false;
    const elapsed = Math.max(0, now - bucket.updatedAtMs) / 1000;
    return Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.refillPerSec) < 1;
  }
}
