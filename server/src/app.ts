import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { matchMaker, type Presence, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import compression from "compression";
import express from "express";
import { loadBanksOrFail } from "./banks/load-banks.ts";
import { checkDataDir, StartupError } from "./boot-checks.ts";
import { lanUrls, type ServerConfig } from "./config.ts";
import { BankLibrary } from "./editor/bank-library.ts";
import { editorRouter } from "./editor/editor-routes.ts";
import { apiRouter } from "./http/api-routes.ts";
import { AttemptLimiter } from "./http/attempt-limiter.ts";
import { clientAddressResolver } from "./http/client-address.ts";
import { jsonErrorHandler, jsonNotFound } from "./http/json-errors.ts";
import { installMatchmakingGate } from "./http/matchmaking-gate.ts";
import { connectRedis, type RedisLink } from "./redis/redis-link.ts";
import { openStore } from "./results/open-store.ts";
import { resultsRouter } from "./results/results-routes.ts";
import type { AsyncResultsStore } from "./results/store.ts";
import { QuizRoom } from "./rooms/QuizRoom.ts";
import { setRoomServices } from "./rooms/room-services.ts";
import { startTakeover } from "./takeover.ts";

export const VERSION = "0.1.0";

/** Connections the kernel queues for us while the event loop is busy (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/** Largest message a client may send; bigger frames close the socket (1009) before any parsing. */
const MAX_MESSAGE_BYTES = 16 * 1024;

export interface RunningServer {
  port: number;
  store: AsyncResultsStore;
  /** the Redis connections, when REDIS_URL is set */
  redis: RedisLink | undefined;
  /** what happened to the unfinished games found at boot */
  restored: RestoreSummary;
  stop(): Promise<void>;
}

export interface RestoreSummary {
  reopened: string[];
  closed: string[];
  failed: { code: string; reason: string }[];
}

/**
 * Builds and starts the whole game server on one port: the built client pages, the JSON API, the
 * results downloads and the Colyseus rooms. Throws a BankLoadError when a question bank is broken
 * and a StartupError (one plain sentence) when the data folder or the port cannot be used.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  loadBanksOrFail(config.banksDir);
  // From here on the banks follow the folder: the editor's saves and hand edits are playable in the next game.
  const library = new BankLibrary(config.banksDir);
  library.watch();
  const banks = library.banks;
  if (!config.databaseUrl) checkDataDir(config.dataDir);
  // SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL is set (several machines, docs/scaling.md).
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  setRoomServices({ store, reconnectSeconds: config.reconnectSeconds, owner: config.processId });

  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const scaled: { presence?: Presence; driver?: matchMaker.MatchMakerDriver } = redis
    ? { presence: redis.presence, driver: redis.driver }
    : {};
  const registryUp = () => redis?.isUp() ?? true;
  const wrongCodes = new AttemptLimiter();
  const addressOf = clientAddressResolver(config.trustProxy);
  // Our own HTTP server, so a port that is taken is an error we can catch (ws-transport only logs it).
  const httpServer = http.createServer();
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
    ...scaled,
    ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => {
      app.set("trust proxy", config.trustProxy === false ? false : config.trustProxy);
      // Before the API router: it parses every body with a 32 kB limit, too small for a whole bank.
      app.use(editorRouter({ library, hostPassword: config.hostPassword, allowLanEditing: config.allowLanEditing }));
      app.use(
        apiRouter({
          banks,
          hostPassword: config.hostPassword,
          lanUrls: () => lanUrls(config.port),
          version: VERSION,
          maxPlayersPerGame: config.maxPlayersPerGame,
          wrongCodes,
          addressOf,
          registryUp,
        }),
      );
      app.use(resultsRouter(store));
      mountClientPages(app, config.clientDist);
      app.use(jsonNotFound);
      app.use(jsonErrorHandler);
    },
  });
  gameServer.define("quiz", QuizRoom);
  const stopEarly = async () => {
    library.stop();
    await gameServer.gracefullyShutdown(false);
    await store.close();
  };
  try {
    await listenOrFail(gameServer, httpServer, config);
  } catch (error) {
    await stopEarly().catch(() => {});
    throw error;
  }
  installMatchmakingGate(httpServer, { wrongCodes, addressOf, registryUp });
  const restored = await restoreGames(store, config);
  // Several processes share the rooms (Redis): take over the games of one that stopped.
  const takeover =
    config.redisUrl && config.takeoverAfterSeconds > 0
      ? startTakeover({ store, owner: config.processId, afterMs: config.takeoverAfterSeconds * 1000 })
      : undefined;
  return {
    port: config.port,
    store,
    redis,
    restored,
    async stop() {
      takeover?.stop();
      library.stop();
      await gameServer.gracefullyShutdown(false);
      await store.close();
    },
  };
}

/**
 * Reopens every game this process held that had not ended, under its own join code: each is rebuilt from its
 * event log by the room (`replay`), and the time the server was down does not count against the students. Games
 * idle for longer than the limit are closed instead. Phones and the teacher's page find the game again by its code.
 */
async function restoreGames(store: AsyncResultsStore, config: ServerConfig): Promise<RestoreSummary> {
  const summary: RestoreSummary = { reopened: [], closed: [], failed: [] };
  const now = Date.now();
  const oldest = now - config.restoreMaxAgeMinutes * 60_000;
  for (const game of await store.loadUnfinishedGames(config.processId)) {
    if (game.lastAliveAt < oldest) {
      await store.closeGame(game.gameId, game.lastAliveAt);
      summary.closed.push(game.code);
      continue;
    }
    try {
      await matchMaker.createRoom("quiz", { restore: { gameId: game.gameId, downSince: game.lastAliveAt } });
      summary.reopened.push(game.code);
    } catch (error) {
      summary.failed.push({ code: game.code, reason: error instanceof Error ? error.message : "unknown error" });
    }
  }
  return summary;
}

/** Listens, or throws a StartupError naming the port when it is taken or not allowed. */
async function listenOrFail(gameServer: Server, httpServer: http.Server, config: ServerConfig): Promise<void> {
  // ws-transport logs the listen error's stack itself and never rejects; we answer it instead.
  httpServer.removeAllListeners("error");
  let onError: ((error: Error) => void) | undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    onError = reject;
    httpServer.once("error", reject);
  });
  try {
    // A join storm (4,100 phones in 20 s) arriving while the loop is busy must wait in the kernel's
    // accept queue, not be dropped: Node's default backlog of 511 overflowed in the bench.
    await Promise.race([gameServer.listen(config.port, config.host, LISTEN_BACKLOG), failed]);
    if (onError) httpServer.off("error", onError);
    httpServer.on("error", (error) => console.error(`HTTP server error: ${error.message}`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new StartupError(
        `Hands Up cannot start: port ${config.port} is already in use by another program. ` +
          `Stop that program, or start Hands Up on another port, e.g. PORT=${config.port === 8080 ? 8081 : 8080} pnpm start.`,
      );
    }
    if (code === "EACCES") {
      throw new StartupError(
        `Hands Up cannot start: this user may not listen on port ${config.port}. ` +
          "Choose a port above 1024, e.g. PORT=8080 pnpm start.",
      );
    }
    if (code === "EADDRNOTAVAIL") {
      throw new StartupError(
        `Hands Up cannot start: this machine has no address ${config.host}. Set HOST to one of its addresses, or leave it unset.`,
      );
    }
    throw error;
  }
}

/** `/` is the student page, `/host` the teacher's; both come from the Vite build in client/dist. */
function mountClientPages(app: express.Application, dist: string) {
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    const full = path.join(dist, file);
    if (fs.existsSync(full)) res.sendFile(full);
    else res.status(503).type("text/plain").send(`The client is not built yet. Run "pnpm build" and reload.`);
  };
  // Phones on school Wi-Fi download the client gzipped (about 420 kB instead of 1.6 MB), and the
  // hashed asset files are cached for good, so a reload or a second game costs almost nothing.
  app.use(compression());
  app.get("/", page("index.html"));
  app.get(["/host", "/host/"], page("host.html"));
  app.get(["/edit", "/edit/"], page("edit.html"));
  app.use("/assets", express.static(path.join(dist, "assets"), { immutable: true, maxAge: "365d" }));
  app.use(express.static(dist, { index: false }));
}
