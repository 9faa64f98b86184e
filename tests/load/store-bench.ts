/**
 * The results store on the answer path, measured alone: `rooms` games each append `events` events
 * one after another (as the room's GameRunner does: the next event waits for the previous commit),
 * all games at once. Prints, per store, the commit latency an answer waits (p50/p99), events per
 * second and CPU per event of this process.
 *
 *   pnpm exec node tests/load/store-bench.ts [--rooms 125] [--events 40] [--postgres]
 *
 * Stores: "sqlite, one transaction per write" (how each write was committed before group commit),
 * "sqlite, group commit" (server/src/results/sqlite-store.ts) and, with --postgres, the PostgreSQL
 * store on a cluster this script starts in a temporary folder and stops at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openStore } from "../../server/src/results/open-store.ts";
import { openResultsDatabase } from "../../server/src/results/results-store.ts";
import type { GameEventLog, LoggedEvent } from "../../server/src/results/store.ts";
import { startPostgres } from "./child-processes.ts";
import { summarize } from "./stats.ts";

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "125" },
    events: { type: "string", default: "40" },
    postgres: { type: "boolean", default: false },
  },
});
const rooms = Number(values.rooms);
const eventsPerRoom = Number(values.events);

/** The write path before group commit: every append its own BEGIN IMMEDIATE … COMMIT, synchronously. */
function perWriteSqlite(dataDir: string): Pick<GameEventLog, "openGame" | "appendEvent"> & { close(): void } {
  const db = openResultsDatabase(dataDir);
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const insertGame = db.prepare(
    `INSERT INTO games (game_id, code, host_key_hash, title, bank_ids_json, settings_json, created_at, owner)
     VALUES (:gameId, :code, '', '', '[]', '{}', 0, 'bench')`,
  );
  const insertEvent = db.prepare(
    "INSERT INTO game_events (game_id, seq, type, at, event_json) VALUES (:gameId, :seq, :type, :at, :json)",
  );
  const inTransaction = (run: () => void) => {
    begin.run();
    run();
    commit.run();
  };
  return {
    async openGame(game, _owner, first) {
      inTransaction(() => {
        insertGame.run({ gameId: game.gameId, code: game.code });
        insertEvent.run({ gameId: game.gameId, seq: 0, type: first.type, at: first.at, json: JSON.stringify(first) });
      });
    },
    async appendEvent(gameId, seq, event) {
      inTransaction(() =>
        insertEvent.run({ gameId, seq, type: event.type, at: event.at, json: JSON.stringify(event) }),
      );
    },
    close: () => db.close(),
  };
}

type Log = Pick<GameEventLog, "openGame" | "appendEvent">;

const answer = (seq: number): LoggedEvent & Record<string, unknown> => ({
  type: "answer",
  at: Date.now(),
  playerId: `p${seq}`,
  questionIndex: 0,
  answer: { kind: "choice", choices: [seq % 4] },
  answeredAtClient: Date.now(),
  clock: { offsetMs: 0.4, rttMs: 1.2 },
});

async function measure(label: string, log: Log): Promise<void> {
  for (let r = 0; r < rooms; r++) {
    await log.openGame(
      {
        gameId: `g${r}`,
        code: `C${r}`,
        hostKeyHash: "",
        title: "bench",
        bankIds: [],
        settingsJson: "{}",
        createdAt: 0,
      },
      "bench",
      { type: "create", at: 0 },
    );
  }
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: rooms }, async (_unused, r) => {
      for (let seq = 1; seq <= eventsPerRoom; seq++) {
        const sentAt = performance.now();
        await log.appendEvent(`g${r}`, seq, answer(seq));
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const total = rooms * eventsPerRoom;
  const s = summarize(latencies);
  console.log(
    `${label.padEnd(40)} commit wait p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms | ` +
      `${Math.round(total / seconds)} events/s | ${(((cpu.user + cpu.system) / total) * 1).toFixed(1)} µs CPU per event`,
  );
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-store-bench-"));
  dirs.push(dir);
  return dir;
};
console.log(`${rooms} games × ${eventsPerRoom} events each, every game waiting for its previous commit`);
try {
  const before = perWriteSqlite(tempDir());
  await measure("sqlite, one transaction per write", before);
  before.close();
  const grouped = await openStore({ dataDir: tempDir() });
  await measure("sqlite, group commit", grouped);
  await grouped.close();
  if (values.postgres) {
    const postgres = await startPostgres();
    try {
      const store = await openStore({ dataDir: tempDir(), databaseUrl: postgres.url });
      await measure("postgres, group commit", store);
      await store.close();
    } finally {
      await postgres.stop();
    }
  }
} finally {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
