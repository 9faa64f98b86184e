import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis, type RedisOptions } from "ioredis";
import { JOIN_CODES_KEY, localGameCodes } from "../rooms/local-games.ts";

/**
 * The process's connections to Redis (presence and room listings), watched: while Redis is away the
 * HTTP layer refuses new games and joins at once (503) instead of hanging, games in progress go on,
 * and when Redis is back, possibly empty after a restart, this process announces its games again
 * (listings and join codes), so students can find them.
 */
export interface RedisLink {
  presence: RedisPresence;
  driver: RedisDriver;
  /** true while both connections are ready */
  isUp(): boolean;
  /** resolves after the next re-announcement (for tests and logs) */
  readonly announcements: number;
}

/** Retry quickly: a Redis restart takes a second or two, and games should be findable right after. */
const RETRY_MAX_MS = 500;

export function connectRedis(url: string, log: (line: string) => void = (line) => console.warn(line)): RedisLink {
  const options: RedisOptions = {
    // Commands issued while Redis is away wait for it instead of failing after 20 retries: Colyseus
    // updates listings from inside rooms without awaiting, and a rejected update must not crash a game.
    // New work is refused up front by the HTTP layer (isUp), so nothing waits for long on a request.
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, RETRY_MAX_MS),
  };
  const pub = new Redis(url, options);
  const listings = new Redis(url, options);
  const link = {
    presence: new RedisPresence(pub),
    driver: new RedisDriver(listings),
    isUp: () => pub.status === "ready" && listings.status === "ready",
    announcements: 0,
  };

  let down = false;
  const onError = (error: Error) => {
    if (down) return; // one line per outage, not one per retry
    down = true;
    log(
      `Redis at ${url} is unreachable (${error.message}). Games in progress go on; creating and joining ` +
        "games is refused until it is back.",
    );
  };
  const onReady = async () => {
    if (!link.isUp()) return;
    try {
      const count = await announceLocalGames(link.presence);
      link.announcements += 1;
      if (down) log(`Redis is back: this process announced its ${count} game(s) again.`);
      down = false;
    } catch (error) {
      log(`Redis is back, but announcing this process's games failed: ${(error as Error).message}`);
    }
  };
  for (const client of [pub, listings]) {
    client.on("error", onError);
    client.on("close", () => {
      if (!down && link.announcements > 0) onError(new Error("connection closed"));
    });
    client.on("ready", () => void onReady());
  }
  return link;
}

/** Writes this process's room listings and join-code claims back into Redis; returns how many games. */
async function announceLocalGames(presence: RedisPresence): Promise<number> {
  await matchMaker.restoreMissingRoomCaches();
  const codes = localGameCodes();
  for (const code of codes) {
    if ((await presence.hget(JOIN_CODES_KEY, code)) === null) await presence.hset(JOIN_CODES_KEY, code, "1");
  }
  await matchMaker.stats.persist(true);
  return codes.length;
}
