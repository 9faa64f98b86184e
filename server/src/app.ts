import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { type matchMaker, type Presence, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import compression from "compression";
import express from "express";
import { loadBanksOrFail } from "./banks/load-banks.ts";
import { checkDataDir, StartupError } from "./boot-checks.ts";
import { lanUrls, type ServerConfig } from "./config.ts";
import { apiRouter } from "./http/api-routes.ts";
import { AttemptLimiter } from "./http/attempt-limiter.ts";
import { clientAddressResolver } from "./http/client-address.ts";
import { jsonErrorHandler, jsonNotFound } from "./http/json-errors.ts";
import { installMatchmakingGate } from "./http/matchmaking-gate.ts";
import { connectRedis, type RedisLink } from "./redis/redis-link.ts";
import { resultsRouter } from "./results/results-routes.ts";
import { openResultsStore, type ResultsStore } from "./results/results-store.ts";
import { QuizRoom } from "./rooms/QuizRoom.ts";
import { setRoomServices } from "./rooms/room-services.ts";

export const VERSION = "0.1.0";

/** Largest message a client may send; bigger frames close the socket (1009) before any parsing. */
const MAX_MESSAGE_BYTES = 16 * 1024;

export interface RunningServer {
  port: number;
  store: ResultsStore;
  /** the Redis connections, when REDIS_URL is set */
  redis: RedisLink | undefined;
  stop(): Promise<void>;
}

/**
 * Builds and starts the whole game server on one port: the built client pages, the JSON API, the
 * results downloads and the Colyseus rooms. Throws a BankLoadError when a question bank is broken
 * and a StartupError (one plain sentence) when the data folder or the port cannot be used.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const banks = loadBanksOrFail(config.banksDir);
  checkDataDir(config.dataDir);
  const store = openResultsStore(config.dataDir);
  setRoomServices({ store, reconnectSeconds: config.reconnectSeconds });

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
      app.use(
        apiRouter({
          banks,
          hostPassword: config.hostPassword,
          lanUrls: () => lanUrls(config.port),
          version: VERSION,
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
  const stop = async () => {
    await gameServer.gracefullyShutdown(false);
    store.close();
  };
  try {
    await listenOrFail(gameServer, httpServer, config);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  installMatchmakingGate(httpServer, { wrongCodes, addressOf, registryUp });
  return { port: config.port, store, redis, stop };
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
    await Promise.race([gameServer.listen(config.port, config.host), failed]);
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
  app.use("/assets", express.static(path.join(dist, "assets"), { immutable: true, maxAge: "365d" }));
  app.use(express.static(dist, { index: false }));
}
