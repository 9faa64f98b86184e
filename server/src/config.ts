import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { DEFAULT_MAX_PLAYERS, MAX_PLAYERS_LIMIT } from "@handsup/shared/protocol/game-settings.ts";
import { z } from "zod";

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
  /**
   * The proxies whose `X-Forwarded-For` is believed (Express `trust proxy` values), or false when
   * clients connect directly: then the socket's own address is the client's, whatever headers say.
   */
  trustProxy: false | string[];
}

/** Thrown by readConfig: one line per refused variable, naming it and what it accepts. */
export class ConfigError extends Error {}

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** An unset variable and an empty one mean the same: use the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const wholeNumber = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

/** Express's named ranges, an IPv4/IPv6 address, or an address/prefix subnet. */
function isProxyAddress(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address = "", prefix, extra] = entry.split("/");
  if (extra !== undefined || isIP(address) === 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128));
}

/** What each variable accepts, in the words the refusal uses (the README's configuration table says the same). */
const ACCEPTS: Record<string, string> = {
  PORT: "a whole number from 0 to 65535 (default 2567)",
  HOST: "an address to listen on, such as 0.0.0.0 (default), 127.0.0.1 or ::",
  DATA_DIR: "a folder path (default ./data)",
  HOST_PASSWORD: "any text (default: none, anyone on the network can host)",
  REDIS_URL: "a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (default: none)",
  PUBLIC_ADDRESS: "host:port[/path] without http:// or ws://, such as 192.168.1.20:2581 (default: none)",
  BANKS_DIR: "a folder path (default content/banks)",
  CLIENT_DIST: "a folder path (default client/dist)",
  RECONNECT_SECONDS: "a whole number of seconds from 0 to 3600 (default 120)",
  ALLOW_LAN_EDITING: "1 to let other machines on the network edit banks without HOST_PASSWORD, or 0 (default)",
  PROCESS_ID: "a short stable name for this process, such as main (default) or school-a-1",
  INSTANCE_NAME: "a short stable name for this process (PROCESS_ID wins when both are set)",
  RESTORE_MAX_AGE_MINUTES: "a whole number of minutes from 0 to 100000 (default 240)",
  DATABASE_URL: "a postgres:// or postgresql:// URL (default: none, results stay in SQLite in DATA_DIR)",
  MAX_PLAYERS: `a whole number from 1 to ${MAX_PLAYERS_LIMIT} (default ${DEFAULT_MAX_PLAYERS})`,
  TAKEOVER_AFTER_SECONDS: "a whole number of seconds from 0 (never) to 86400 (default 30)",
  TRUST_PROXY:
    'off (default) or a comma-separated list of the proxies in front, such as "loopback" or "10.0.0.5,192.168.0.0/16"',
};

/** The one schema for the whole environment (only the variables above are read). */
const EnvSchema = z.object({
  PORT: optional(wholeNumber(0, 65535)).default(2567),
  HOST: optional(z.string().regex(/^[A-Za-z0-9.:[\]%-]+$/)).default("0.0.0.0"),
  DATA_DIR: optional(z.string()),
  HOST_PASSWORD: optional(z.string()),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  PUBLIC_ADDRESS: optional(z.string().regex(/^(?![a-z]+:\/\/)[^\s/:]+(:\d{1,5})?(\/\S*)?$/i)),
  BANKS_DIR: optional(z.string()),
  CLIENT_DIST: optional(z.string()),
  RECONNECT_SECONDS: optional(wholeNumber(0, 3600)).default(120),
  ALLOW_LAN_EDITING: optional(z.enum(["0", "1"])),
  PROCESS_ID: optional(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/)),
  INSTANCE_NAME: optional(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/)),
  RESTORE_MAX_AGE_MINUTES: optional(wholeNumber(0, 100_000)).default(240),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  MAX_PLAYERS: optional(wholeNumber(1, MAX_PLAYERS_LIMIT)).default(DEFAULT_MAX_PLAYERS),
  TAKEOVER_AFTER_SECONDS: optional(wholeNumber(0, 86_400)).default(30),
  TRUST_PROXY: optional(
    z
      .string()
      .transform((text) => text.split(",").map((entry) => entry.trim()))
      .refine((entries) =>
        entries.length === 1 && ["off", "false", "0", "no"].includes(entries[0]?.toLowerCase() ?? "")
          ? true
          : entries.every(isProxyAddress),
      ),
  ),
});

/**
 * Reads the configuration from environment variables (documented in README.md). Throws a
 * ConfigError naming each refused variable and what it accepts.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const picked = Object.fromEntries(Object.keys(ACCEPTS).map((name) => [name, env[name]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")))];
    const lines = names.map(
      (name) => `  ${name}=${JSON.stringify(env[name] ?? "")} is refused: ${name} accepts ${ACCEPTS[name]}.`,
    );
    throw new ConfigError(`Hands Up cannot start: the configuration is not valid.\n${lines.join("\n")}`);
  }
  const vars = parsed.data;
  const proxies = vars.TRUST_PROXY;
  return {
    port: vars.PORT,
    host: vars.HOST,
    dataDir: path.resolve(vars.DATA_DIR ?? path.join(repoRoot, "data")),
    hostPassword: vars.HOST_PASSWORD,
    redisUrl: vars.REDIS_URL,
    publicAddress: vars.PUBLIC_ADDRESS,
    banksDir: path.resolve(vars.BANKS_DIR ?? path.join(repoRoot, "content", "banks")),
    clientDist: path.resolve(vars.CLIENT_DIST ?? path.join(repoRoot, "client", "dist")),
    reconnectSeconds: vars.RECONNECT_SECONDS,
    trustProxy: proxies === undefined || proxies.every(isProxyAddress) === false ? false : proxies,
    allowLanEditing: vars.ALLOW_LAN_EDITING === "1",
    processId: vars.PROCESS_ID ?? vars.INSTANCE_NAME ?? "main",
    restoreMaxAgeMinutes: vars.RESTORE_MAX_AGE_MINUTES,
    databaseUrl: vars.DATABASE_URL,
    maxPlayersPerGame: vars.MAX_PLAYERS,
    takeoverAfterSeconds: vars.TAKEOVER_AFTER_SECONDS,
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
