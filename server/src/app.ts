import fs from "node:fs";
import path from "node:path";
import { type matchMaker, type Presence, Server } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { WebSocketTransport } from "@colyseus/ws-transport";
import compression from "compression";
import express from "express";
import { loadBanksOrFail } from "./banks/load-banks.ts";
import { lanUrls, type ServerConfig } from "./config.ts";
import { apiRouter } from "./http/api-routes.ts";
import { resultsRouter } from "./results/results-routes.ts";
import { openResultsStore, type ResultsStore } from "./results/results-store.ts";
import { QuizRoom } from "./rooms/QuizRoom.ts";
import { setRoomServices } from "./rooms/room-services.ts";

export const VERSION = "0.1.0";

/** Connections the kernel queues for us while the event loop is busy (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/** Largest message a client may send; bigger frames close the socket (1009) before any parsing. */
const MAX_MESSAGE_BYTES = 16 * 1024;

export interface RunningServer {
  port: number;
  store: ResultsStore;
  stop(): Promise<void>;
}

/**
 * Builds and starts the whole game server on one port: the built client pages, the JSON API, the
 * results downloads and the Colyseus rooms. Throws a BankLoadError when a question bank is broken.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const banks = loadBanksOrFail(config.banksDir);
  const store = openResultsStore(config.dataDir);
  setRoomServices({ store, reconnectSeconds: config.reconnectSeconds });

  const scaled: { presence?: Presence; driver?: matchMaker.MatchMakerDriver } = config.redisUrl
    ? { presence: new RedisPresence(config.redisUrl), driver: new RedisDriver(config.redisUrl) }
    : {};
  const gameServer = new Server({
    transport: new WebSocketTransport({ maxPayload: MAX_MESSAGE_BYTES }),
    ...scaled,
    ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => {
      app.set("trust proxy", "loopback");
      app.use(
        apiRouter({
          banks,
          hostPassword: config.hostPassword,
          lanUrls: () => lanUrls(config.port),
          version: VERSION,
          maxPlayersPerGame: config.maxPlayersPerGame,
        }),
      );
      app.use(resultsRouter(store));
      mountClientPages(app, config.clientDist);
    },
  });
  gameServer.define("quiz", QuizRoom);
  // A join storm (4,100 phones in 20 s) arriving while the loop is busy must wait in the kernel's
  // accept queue, not be dropped: Node's default backlog of 511 overflowed in the bench.
  await gameServer.listen(config.port, config.host, LISTEN_BACKLOG);
  return {
    port: config.port,
    store,
    async stop() {
      await gameServer.gracefullyShutdown(false);
      store.close();
    },
  };
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
