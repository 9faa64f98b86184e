import os from "node:os";
import path from "node:path";
import { DEFAULT_MAX_PLAYERS, MAX_PLAYERS_LIMIT } from "@handsup/shared/protocol/game-settings.ts";

/** Everything the server reads from its environment, with the defaults a school laptop needs. */
export interface ServerConfig {
  port: number;
  /** Address to listen on; all interfaces by default so phones on the LAN can reach it. */
  host: string;
  dataDir: string;
  /** When set, creating a game needs this password. */
  hostPassword: string | undefined;
  /** When set, rooms are shared with other processes through Redis. */
  redisUrl: string | undefined;
  /** host:port other processes' clients use to reach this one (needed with Redis). */
  publicAddress: string | undefined;
  /** Folder of question banks (YAML). */
  banksDir: string;
  /** Folder of the built client (index.html, host.html). */
  clientDist: string;
  /** Seconds a dropped student's seat is kept. */
  reconnectSeconds: number;
  /** ALLOW_LAN_EDITING=1: without HOST_PASSWORD, let other machines on the network edit banks too. */
  allowLanEditing: boolean;
  /**
   * This process's stable name (PROCESS_ID): the games it holds are reopened by the next process of that name.
   * Processes that share a data directory (with Redis) need different names.
   */
  processId: string;
  /** Games idle for longer than this when the server starts are closed instead of reopened (RESTORE_MAX_AGE_MINUTES). */
  restoreMaxAgeMinutes: number;
  /** When set (postgres://…), results and game event logs live in PostgreSQL instead of SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** The most players a teacher may allow in one game on this server. */
  maxPlayersPerGame: number;
  /** Seconds another process's game may be silent before this process takes it over (0 = never). */
  takeoverAfterSeconds: number;
}

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** Reads the configuration from environment variables (documented in README.md). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Number(env.PORT ?? 2567),
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, "data")),
    hostPassword: env.HOST_PASSWORD || undefined,
    redisUrl: env.REDIS_URL || undefined,
    publicAddress: env.PUBLIC_ADDRESS || undefined,
    banksDir: path.resolve(env.BANKS_DIR ?? path.join(repoRoot, "content", "banks")),
    clientDist: path.resolve(env.CLIENT_DIST ?? path.join(repoRoot, "client", "dist")),
    reconnectSeconds: Number(env.RECONNECT_SECONDS ?? 120),
    allowLanEditing: env.ALLOW_LAN_EDITING === "1",
    processId: env.PROCESS_ID || env.INSTANCE_NAME || "main",
    restoreMaxAgeMinutes: Number(env.RESTORE_MAX_AGE_MINUTES ?? 240),
    databaseUrl: env.DATABASE_URL || undefined,
    maxPlayersPerGame: Math.min(MAX_PLAYERS_LIMIT, Math.max(1, Number(env.MAX_PLAYERS) || DEFAULT_MAX_PLAYERS)),
    takeoverAfterSeconds: Math.max(0, Number(env.TAKEOVER_AFTER_SECONDS ?? 30) || 0),
  };
}

/** The http:// URLs at which phones on the same network can reach this machine. */
export function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) urls.push(`http://${address.address}:${port}`);
    }
  }
  return urls;
}
