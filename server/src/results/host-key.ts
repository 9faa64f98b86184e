import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh secret for the teacher who creates a game: 256 random bits, base64url (URL-safe, no padding). */
export function createHostKey(): string {
  return randomBytes(32).toString("base64url");
}

/** The SHA-256 hex digest we store instead of the key itself, so a copied database leaks no usable key. */
export function hashHostKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Whether key hashes to storedHash, compared in constant time so response timing reveals nothing about the hash. */
export function hostKeyMatches(key: string, storedHash: string): boolean {
  const actual = Buffer.from(hashHostKey(key), "hex");
  const expected = Buffer.from(storedHash, "hex");
  // Both are 32 bytes for any well-formed hash; a malformed stored hash simply never matches.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
