import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { openStore } from "../../server/src/results/open-store.ts";
import type { GameReport } from "../../server/src/results/report.ts";
import type { AnswerRecord, AsyncResultsStore, GameRecord } from "../../server/src/results/store.ts";
import { postgresInstalled, type StartedPostgres, startPostgres } from "../load/child-processes.ts";

/**
 * One contract, two stores: SQLite in a temporary DATA_DIR and a real PostgreSQL 15 cluster that this
 * file starts in a temporary folder on a free loopback port (and stops at the end). Every test runs
 * against both, on a fresh database, and expects exactly the same results.
 */
const runPostgres = postgresInstalled() || Boolean(process.env.CI);
if (!runPostgres) console.warn("PostgreSQL store tests skipped: apt-get install -y postgresql");

const WRITER = join(import.meta.dirname, "../fixtures/async-results-writer.ts");
const GAME = "game-1";
const EVE = '=HYPERLINK("http://x.test","Eve")';

let postgres: StartedPostgres | undefined;
let databaseCount = 0;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  if (runPostgres) postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
}, 30_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Where one test's data lives: a fresh folder for SQLite, a fresh database for PostgreSQL. */
interface Place {
  dataDir: string;
  databaseUrl: string | undefined;
}

async function freshPlace(kind: "sqlite" | "postgres"): Promise<Place> {
  const dataDir = mkdtempSync(join(tmpdir(), "handsup-contract-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (kind === "sqlite") return { dataDir, databaseUrl: undefined };
  if (!postgres) throw new Error("PostgreSQL is not running");
  const name = `contract_${process.pid}_${++databaseCount}`;
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { dataDir, databaseUrl: postgres.url.replace(/\/postgres$/, `/${name}`) };
}

async function open(place: Place): Promise<AsyncResultsStore> {
  const store = await openStore(place);
  cleanups.push(() => store.close().catch(() => {}));
  return store;
}

const GAME_RECORD: GameRecord = {
  gameId: GAME,
  code: "ABC123",
  hostKeyHash: "f".repeat(64),
  title: "Peaceful coexistence",
  bankIds: ["peaceful-coexistence"],
  settingsJson: '{"questionCount":3}',
  createdAt: 1_000,
};

function answerOf(questionIndex: number, playerId: string, answerText: string, points: number, responseMs: number) {
  return {
    gameId: GAME,
    questionIndex,
    playerId,
    answerText,
    correct: points > 0,
    responseMs,
    points,
    answeredAt: 10_000 * (questionIndex + 1) + responseMs,
    mode: "everyone",
  } satisfies AnswerRecord;
}

/**
 * Three questions, four students: Ana and Bo tie on 200, Eve has a formula for a name, Dee never
 * answers. The writes of each step are issued together (one loop turn), as a room's would be.
 */
async function playSampleGame(store: AsyncResultsStore): Promise<boolean[]> {
  await store.recordGame(GAME_RECORD);
  const questions = [
    ["q-france", "Capital of France?", "Paris"],
    ["q-sum", "What is 2 + 2?", "4"],
    ["q-planet", "Largest planet, by mass?", "Jupiter"],
  ] as const;
  await Promise.all(
    questions.map(([questionId, prompt, correctText], index) =>
      store.recordQuestion({
        gameId: GAME,
        index,
        bankId: "peaceful-coexistence",
        questionId,
        type: "text",
        prompt,
        correctText,
        openedAt: 10_000 * (index + 1),
      }),
    ),
  );
  await Promise.all([
    store.recordPlayer({ gameId: GAME, playerId: "ana", name: "Ana", joinedAt: 2_000 }),
    store.recordPlayer({ gameId: GAME, playerId: "bo", name: "Bo", joinedAt: 2_100 }),
    store.recordPlayer({ gameId: GAME, playerId: "eve", name: EVE, joinedAt: 2_200 }),
    store.recordPlayer({ gameId: GAME, playerId: "dee", name: "D", joinedAt: 2_300 }),
    // Dee rejoins under a new nickname: same id, so one row, renamed.
    store.recordPlayer({ gameId: GAME, playerId: "dee", name: "Dee", joinedAt: 9_000 }),
  ]);
  return Promise.all([
    store.recordAnswer(answerOf(0, "ana", "Paris", 100, 1_200)),
    store.recordAnswer(answerOf(0, "bo", "Paris", 90, 2_000)),
    store.recordAnswer(answerOf(0, "eve", "Lyon", 0, 3_100)),
    store.recordAnswer(answerOf(0, "ana", "Lyon", 0, 4_000)), // a second answer: must not count
    store.recordAnswer(answerOf(1, "ana", "22", 0, 1_000)),
    store.recordAnswer(answerOf(1, "bo", "4", 80, 1_500)),
    store.recordAnswer(answerOf(1, "eve", " 22", 0, 2_500)),
    store.recordAnswer(answerOf(2, "ana", "Jupiter", 100, 800)),
    store.recordAnswer(answerOf(2, "bo", "Jupiter", 30, 1_600)),
    store.recordAnswer(answerOf(2, "eve", "Jupiter", 50, 2_400)),
  ]);
}

const EXPECTED_REPORT: GameReport = {
  game: {
    code: "ABC123",
    title: "Peaceful coexistence",
    bankIds: ["peaceful-coexistence"],
    createdAt: 1_000,
    endedAt: 99_000,
    questionCount: 3,
  },
  students: [
    { rank: 1, name: "Ana", score: 200, correct: 2, answered: 3, averageMs: 1_000, averageSeconds: 1 },
    { rank: 1, name: "Bo", score: 200, correct: 3, answered: 3, averageMs: 1_700, averageSeconds: 1.7 },
    { rank: 2, name: EVE, score: 50, correct: 1, answered: 3, averageMs: 2_667, averageSeconds: 2.7 },
    { rank: 3, name: "Dee", score: 0, correct: 0, answered: 0, averageMs: null, averageSeconds: null },
  ],
  questions: [
    {
      index: 0,
      questionId: "q-france",
      bankId: "peaceful-coexistence",
      prompt: "Capital of France?",
      correctText: "Paris",
      answered: 3,
      percentCorrect: 66.7,
      averageMs: 2_100,
      averageSeconds: 2.1,
      mostCommonWrongAnswer: "Lyon",
      skipped: false,
    },
    {
      index: 1,
      questionId: "q-sum",
      bankId: "peaceful-coexistence",
      prompt: "What is 2 + 2?",
      correctText: "4",
      answered: 3,
      percentCorrect: 33.3,
      averageMs: 1_667,
      averageSeconds: 1.7,
      mostCommonWrongAnswer: "22",
      skipped: false,
    },
    {
      index: 2,
      questionId: "q-planet",
      bankId: "peaceful-coexistence",
      prompt: "Largest planet, by mass?",
      correctText: "Jupiter",
      answered: 3,
      percentCorrect: 100,
      averageMs: 1_600,
      averageSeconds: 1.6,
      mostCommonWrongAnswer: null,
      skipped: false,
    },
  ],
  grid: [], // reports from the answer tables have no per-cell record
  reteach: [1, 0, 2], // 33.3 %, 66.7 %, 100 %
};

/** An event as a room would log it (the store keeps it as JSON; `type` and `at` are also columns). */
const event = (seq: number, at = 1_000 + seq) => ({ type: seq === 0 ? "create" : "join", at, playerId: `p${seq}` });

const kinds = runPostgres ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

describe.each(kinds)("results store contract: %s", (kind) => {
  test("reports ranks with a tie and per-question figures, and ignores a second answer", async () => {
    const store = await open(await freshPlace(kind));
    expect(store.kind).toBe(kind);
    expect(await playSampleGame(store)).toEqual([true, true, true, false, true, true, true, true, true, true]);
    expect((await store.report(GAME)).game.endedAt).toBe(null);
    await store.finishGame(GAME, 99_000);
    expect(await store.report(GAME)).toEqual(EXPECTED_REPORT);
  });

  test("keeps everything after the store is closed and reopened", async () => {
    const place = await freshPlace(kind);
    const first = await open(place);
    await playSampleGame(first);
    await first.finishGame(GAME, 99_000);
    await first.close();
    const reopened = await open(place);
    expect(await reopened.findGameByCode("ABC123")).toEqual({ ...GAME_RECORD, endedAt: 99_000 });
    expect(await reopened.report(GAME)).toEqual(EXPECTED_REPORT);
  });

  test("an acknowledged write is visible at once to a second store on the same data (another process)", async () => {
    const place = await freshPlace(kind);
    const [a, b] = await Promise.all([open(place), open(place)]);
    await a.recordGame({ ...GAME_RECORD, gameId: "g", code: "TWO" });
    await b.recordQuestion({
      gameId: "g",
      index: 0,
      bankId: "b1",
      questionId: "q",
      type: "text",
      prompt: "?",
      correctText: "!",
      openedAt: 6,
    });
    const acks = [];
    for (let n = 0; n < 20; n++) {
      const writer = n % 2 === 0 ? a : b;
      acks.push(
        writer
          .recordPlayer({ gameId: "g", playerId: `p${n}`, name: `P${String(n).padStart(2, "0")}`, joinedAt: 7 })
          .then(() =>
            writer.recordAnswer({
              ...answerOf(0, `p${n}`, "!", n, 100 * n),
              gameId: "g",
            }),
          ),
      );
    }
    expect(await Promise.all(acks)).toEqual(Array.from({ length: 20 }, () => true));
    expect(await b.recordAnswer({ ...answerOf(0, "p0", "again", 0, 1), gameId: "g" })).toBe(false);
    const report = await a.report("g");
    expect(report.students.map((s) => [s.rank, s.name, s.score])).toEqual(
      Array.from({ length: 20 }, (_, i) => [i + 1, `P${String(19 - i).padStart(2, "0")}`, 19 - i]),
    );
    expect(report.questions[0]).toMatchObject({ answered: 20, percentCorrect: 95, averageMs: 950, averageSeconds: 1 });
  });

  test("finds the most recent game for a reused join code", async () => {
    const store = await open(await freshPlace(kind));
    await store.recordGame({ ...GAME_RECORD, gameId: "old", code: "SAME", createdAt: 1_000 });
    await store.recordGame({ ...GAME_RECORD, gameId: "new", code: "SAME", createdAt: 2_000 });
    expect((await store.findGameByCode("SAME"))?.gameId).toBe("new");
    expect(await store.findGameByCode("NONE")).toBe(undefined);
  });

  test("refuses an answer from an unknown player without failing the answers committed with it", async () => {
    const store = await open(await freshPlace(kind));
    await playSampleGame(store);
    // Issued in one turn, so all three would share a commit: only the ghost's write fails.
    const outcomes = await Promise.allSettled([
      store.recordAnswer(answerOf(0, "dee", "Paris", 10, 900)),
      store.recordAnswer(answerOf(0, "ghost", "Paris", 10, 900)),
      store.recordAnswer(answerOf(1, "dee", "4", 10, 900)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/foreign key/i);
    const report = await store.report(GAME);
    expect(report.questions.map((q) => q.answered)).toEqual([4, 4, 3]);
    expect(report.students.find((s) => s.name === "Dee")).toMatchObject({ score: 20, answered: 2 });
  });

  test("records a spoken buzzer answer but never offers it as the most common wrong answer", async () => {
    const store = await open(await freshPlace(kind));
    await playSampleGame(store);
    await store.recordAnswer({ ...answerOf(0, "dee", "(spoken)", -20, 500), mode: "buzzer" });
    const report = await store.report(GAME);
    expect(report.students.at(-1)).toEqual({
      rank: 3,
      name: "Dee",
      score: -20,
      correct: 0,
      answered: 1,
      averageMs: 500,
      averageSeconds: 0.5,
    });
    expect(report.questions[0]).toMatchObject({ answered: 4, percentCorrect: 50, mostCommonWrongAnswer: "Lyon" });
  });

  test("keeps a game's event log in order, refuses a seq twice, and lists only its owner's unfinished games", async () => {
    const place = await freshPlace(kind);
    const store = await open(place);
    await store.openGame(GAME_RECORD, "A", event(0));
    await store.openGame({ ...GAME_RECORD, gameId: "ended", code: "END111", createdAt: 2_000 }, "A", event(0));
    await store.openGame({ ...GAME_RECORD, gameId: "other", code: "OTH111", createdAt: 3_000 }, "B", event(0));
    // 29 events issued in one turn: one commit, applied in call order.
    await Promise.all(Array.from({ length: 29 }, (_, i) => store.appendEvent(GAME, i + 1, event(i + 1))));
    await store.closeGame("ended", 5_000);
    await expect(store.appendEvent(GAME, 7, { type: "other", at: 1 })).rejects.toThrow(/unique|primary key|duplicate/i);
    // A later event never lands without its predecessor (the log must replay), and it fails alone: issued
    // in one turn with a good one for another game.
    const [gap, fine] = await Promise.allSettled([
      store.appendEvent(GAME, 31, event(31)),
      store.appendEvent("other", 1, event(1)),
    ]);
    expect(gap.status).toBe("rejected");
    expect(String((gap as PromiseRejectedResult).reason)).toMatch(/event 31 of game game-1 would leave a gap/i);
    expect(fine.status).toBe("fulfilled");
    await store.touchGame(GAME, 1_010);

    const reopened = await open(place);
    expect(await reopened.loadEvents(GAME)).toEqual(Array.from({ length: 30 }, (_, seq) => event(seq)));
    expect(await reopened.loadEvents("nothing")).toEqual([]);
    const unfinished = await reopened.loadUnfinishedGames("A");
    expect(unfinished.map((g) => [g.gameId, g.code, g.owner, g.createdAt, g.lastAliveAt, g.events.length])).toEqual([
      // the last sign of life is the later of the heartbeat (1,010) and the last event (1,029)
      [GAME, "ABC123", "A", 1_000, 1_029, 30],
    ]);
    expect((await reopened.loadUnfinishedGames("B")).map((g) => [g.gameId, g.events.length])).toEqual([["other", 2]]);
    // Ended games are still reported, never restored.
    expect((await reopened.findGameByCode("END111"))?.endedAt).toBe(5_000);
  });

  test("hands a stopped process's games to exactly one other process, and never a live one's", async () => {
    const place = await freshPlace(kind);
    const [a, b, c] = await Promise.all([open(place), open(place), open(place)]);
    await a.openGame({ ...GAME_RECORD, gameId: "of-a", code: "AAA111" }, "A", event(0, 1_000));
    await a.touchGame("of-a", 10_000);
    await b.openGame({ ...GAME_RECORD, gameId: "of-b", code: "BBB111", createdAt: 2_000 }, "B", event(0, 25_000));

    // A was alive at 10,000: nobody may take its game while that is recent enough.
    expect(await b.claimOrphanedGames("B", 5_000, 6_000)).toEqual([]);
    // A went quiet; B and C both look at the same moment: one of them gets it, with its whole log.
    const [byB, byC] = await Promise.all([
      b.claimOrphanedGames("B", 20_000, 30_000),
      c.claimOrphanedGames("C", 20_000, 30_000),
    ]);
    const claimed = [...byB, ...byC];
    expect(claimed.map((g) => [g.gameId, g.lastAliveAt, g.events])).toEqual([["of-a", 10_000, [event(0, 1_000)]]]);
    const winner = byB.length === 1 ? "B" : "C";
    expect(claimed[0]?.owner).toBe(winner);
    // The game is the winner's now, alive as of its claim; A (restarting) no longer holds it.
    expect(await a.loadUnfinishedGames("A")).toEqual([]);
    expect((await a.loadUnfinishedGames(winner)).map((g) => [g.gameId, g.lastAliveAt])).toContainEqual([
      "of-a",
      30_000,
    ]);
    // B's own game was alive at 25,000: not an orphan at 20,000.
    expect(await a.claimOrphanedGames("A", 20_000, 31_000)).toEqual([]);
  });

  test("refuses to open data whose schema is newer than this server", async () => {
    const place = await freshPlace(kind);
    await (await open(place)).close();
    if (kind === "sqlite") {
      const db = new DatabaseSync(join(place.dataDir, "results.sqlite"));
      db.exec("PRAGMA user_version = 99");
      db.close();
    } else {
      const client = new pg.Client(place.databaseUrl);
      await client.connect();
      await client.query("INSERT INTO handsup_schema (version, applied_at) VALUES (99, 0)");
      await client.end();
    }
    await expect(openStore(place)).rejects.toThrow(/schema version 99, newer than this server's 2/);
  });

  test("kill -9 of a writer process loses no acknowledged answer", async () => {
    const place = await freshPlace(kind);
    const child = spawn(process.execPath, [WRITER, place.dataDir, place.databaseUrl ?? "-", "crash"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acks: number[] = [];
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("close", (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let pending = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          const match = /^ACK (\d+)$/.exec(line);
          if (match) acks.push(Number(match[1]));
        }
        if (acks.length >= 300) resolve();
      });
      child.on("close", () => reject(new Error(`writer exited after ${acks.length} ACKs: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const lastAck = acks.at(-1) ?? 0;
    expect(acks).toEqual(Array.from({ length: lastAck }, (_, i) => i + 1));

    const store = await open(place);
    const report = await store.report("crash");
    const names = new Set(report.students.filter((s) => s.answered === 1).map((s) => s.name));
    for (const n of acks) expect(names.has(`Student ${n}`)).toBe(true);
    // More may have committed than the parent read: an ACK still in the writer's output buffer at the kill
    // never reached anyone, so it was never an acknowledgement. What matters: nothing acknowledged is missing.
    expect(report.questions[0]?.answered ?? 0).toBeGreaterThanOrEqual(lastAck);
  });
});

describe.runIf(runPostgres)("PostgreSQL store when the database goes away", () => {
  test("a write while PostgreSQL is down is refused (not acknowledged); once it is back, writes commit again", async () => {
    const place = await freshPlace("postgres");
    const store = await open(place);
    await store.openGame(GAME_RECORD, "A", event(0));
    await store.appendEvent(GAME, 1, event(1));
    await postgres!.crash();
    try {
      // The room turns this rejection into "Your answer could not be saved — try again" and acks nothing.
      await expect(store.appendEvent(GAME, 2, event(2))).rejects.toThrow();
    } finally {
      await postgres!.restart();
    }
    await store.appendEvent(GAME, 2, event(2));
    await store.appendEvent(GAME, 3, event(3));
    expect(await store.loadEvents(GAME)).toEqual([event(0), event(1), event(2), event(3)]);
  }, 60_000);
});
