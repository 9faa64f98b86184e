import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINAL_CLOSE_CODES, rejoinUntilBack } from "../../client/src/net/rejoin.ts";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import {
  freePort,
  postgresInstalled,
  redisServerInstalled,
  type Started,
  type StartedPostgres,
  startPostgres,
  startRedis,
} from "../load/child-processes.ts";
import { createGame, type Peer, wrapPeer } from "./harness.ts";
import { answer, me, ROOM_BANKS_DIR } from "./room-helpers.ts";
import { killHard, type ServerProcess, startServerProcess } from "./server-process.ts";

/**
 * Several machines, for real: one PostgreSQL and one Redis (both started by this test on loopback ports) and two
 * server processes sharing both, as two machines would. A game lives on one process while its students join
 * through the other; that process is killed with SIGKILL mid-question; the other process notices the silence,
 * takes the game over from PostgreSQL (TAKEOVER_AFTER_SECONDS), reopens it under the same code, and the phones
 * and the teacher rejoin it there. The game is played to the podium, and the report, read from the survivor,
 * holds every answer from before and after the kill.
 */
const runnable = (redisServerInstalled() && postgresInstalled()) || Boolean(process.env.CI);
if (!runnable) console.warn("PostgreSQL multi-process test skipped: apt-get install -y redis-server postgresql");

const STUDENTS = 8;
const TAKEOVER_AFTER_SECONDS = 2;
/** Who answers right: Q1 all but every third student, Q2 the even ones, Q3 everyone. */
const right = (question: number, i: number) => (question === 0 ? i % 3 !== 0 : question === 1 ? i % 2 === 0 : true);
const BASE = [1000, 1000, 2000]; // room-test bank: capital-france, sky-blue, seven-times-six (double points)

/** Speed scoring off, streaks on: base points, plus 100 per right answer in a row after the first (≤ 500). */
function expectedScore(i: number, questions: number): number {
  let score = 0;
  let streak = 0;
  for (let q = 0; q < questions; q++) {
    if (!right(q, i)) {
      streak = 0;
      continue;
    }
    streak += 1;
    score += (BASE[q] ?? 0) + Math.min(500, 100 * (streak - 1));
  }
  return score;
}

interface Page {
  label: string;
  peer: Peer;
  rejoins: number;
}

/**
 * A page that comes back by itself, as client/src/net does. Its requests go to the first process in `urls` that
 * answers, as they would through nginx with `proxy_next_upstream` when a machine is gone.
 */
async function openPage(urls: string[], code: string, label: string, options: Record<string, unknown>): Promise<Page> {
  const join = async () => {
    let lastError: unknown;
    for (const url of urls) {
      try {
        return wrapPeer((await new Client(url).joinById<QuizState>(code, options)) as unknown as Room<QuizState>);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  };
  const page: Page = { label, peer: await join(), rejoins: 0 };
  const watch = (peer: Peer) => {
    let lost = false;
    const comeBack = async () => {
      if (lost) return;
      lost = true;
      peer.room.reconnection.maxRetries = 0; // the old seat died with its process
      peer.room.removeAllListeners();
      const back = await rejoinUntilBack({ join, giveUpAfterMs: 60_000 });
      if (!back.ok) throw new Error(`${label} could not come back: ${String(back.error)}`);
      page.peer = back.value;
      page.rejoins += 1;
      watch(back.value);
    };
    peer.room.onDrop(() => void comeBack());
    peer.room.onLeave((closeCode) => {
      if (!FINAL_CLOSE_CODES.includes(closeCode)) void comeBack();
    });
  };
  watch(page.peer);
  return page;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The port of the process a joined room's WebSocket went to (its PUBLIC_ADDRESS is 127.0.0.1:<port>). */
function hostingPort(peer: Peer): number {
  const url = (peer.room.connection as unknown as { transport: { ws: { url: string } } }).transport.ws.url;
  return Number(new URL(url).port);
}

describe.runIf(runnable)("two server processes sharing PostgreSQL and Redis", () => {
  const services: (Started | StartedPostgres)[] = [];
  const servers: ServerProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    if (!redisServerInstalled() || !postgresInstalled()) {
      throw new Error("CI must have redis-server and postgresql installed (scripts/ensure-test-deps.ts)");
    }
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    services.push(postgres, redis);
    for (const name of ["a", "b"]) {
      const port = await freePort();
      servers.push(
        await startServerProcess({
          PORT: String(port),
          PROCESS_ID: `machine-${name}`,
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          REDIS_URL: `redis://127.0.0.1:${redis.port}`,
          DATABASE_URL: postgres.url,
          BANKS_DIR: ROOM_BANKS_DIR,
          TAKEOVER_AFTER_SECONDS: String(TAKEOVER_AFTER_SECONDS),
          RECONNECT_SECONDS: "30",
        }),
      );
      urls.push(`http://127.0.0.1:${port}`);
    }
  }, 90_000);

  afterAll(async () => {
    for (const server of servers) await killHard(server);
    for (const service of services.reverse()) await service.stop();
  }, 60_000);

  it("plays a game across both, survives kill -9 of the process that held it, and reports every answer", async () => {
    const game = await createGame(urls[0]!, {
      bankIds: ["room-test"],
      questionCount: 3,
      order: "bank",
      speedScoring: false,
      timeLimitSec: 60,
    });
    const host = await openPage(urls, game.code, "host", { hostKey: game.hostKey });
    // The game lives on whichever process Redis placed it; the students join through the other one.
    const holder = urls.findIndex((url) => Number(new URL(url).port) === hostingPort(host.peer));
    expect(holder).toBeGreaterThanOrEqual(0);
    const other = 1 - holder;
    const studentUrls = [urls[other]!];
    const phones: Page[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      phones.push(await openPage(studentUrls, game.code, `S${i}`, { name: `Student ${i}`, deviceId: `device-${i}` }));
    }
    for (const phone of phones) expect(hostingPort(phone.peer)).toBe(hostingPort(host.peer));
    await host.peer.waitFor((s) => s.playerCount === STUDENTS, "every student in");
    host.peer.room.send("startGame" as never);

    await until(() => phones.every((p) => p.peer.state().phase === "question"), "question 1 on every phone");
    await Promise.all(phones.map((p, i) => answer(p.peer, right(0, i))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 1");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 1");
    host.peer.room.send("next" as never);

    // Q2: half the class answers, then the process holding the game dies.
    await until(
      () => phones.every((p) => p.peer.state().phase === "question" && p.peer.state().questionIndex === 1),
      "question 2 on every phone",
    );
    const early = phones.slice(0, STUDENTS / 2);
    await Promise.all(early.map((p, i) => answer(p.peer, right(1, i))));
    await host.peer.waitFor((s) => s.answersIn === STUDENTS / 2, "half the answers in");
    const scoresBefore = phones.map((p) => me(p.peer).score);
    expect(scoresBefore).toEqual(phones.map((_p, i) => expectedScore(i, 1)));
    await killHard(servers[holder]!);

    // The survivor takes the game over from PostgreSQL; everyone comes back to it, under the same code.
    await until(() => [host, ...phones].every((p) => p.rejoins === 1), "every page back on the survivor", 60_000);
    const survivorPort = Number(new URL(urls[other]!).port);
    for (const page of [host, ...phones]) expect(hostingPort(page.peer)).toBe(survivorPort);
    const reopened = await host.peer.waitFor((s) => s.connectedCount === STUDENTS, "every student connected again");
    expect([reopened.code, reopened.phase, reopened.questionIndex, reopened.answersIn]).toEqual([
      game.code,
      "question",
      1,
      STUDENTS / 2,
    ]);
    for (const [i, p] of phones.entries()) {
      await p.peer.waitFor(() => me(p.peer).score === scoresBefore[i], `${p.label}'s score after the takeover`);
    }

    // The rest answer; the game plays on to the podium on the survivor.
    await Promise.all(phones.slice(STUDENTS / 2).map((p, j) => answer(p.peer, right(1, j + STUDENTS / 2))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 2");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 2");
    host.peer.room.send("next" as never);
    await until(
      () => phones.every((p) => p.peer.state().phase === "question" && p.peer.state().questionIndex === 2),
      "question 3 on every phone",
    );
    await Promise.all(phones.map((p, i) => answer(p.peer, right(2, i))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 3");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 3");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "podium", "podium");
    for (const [i, p] of phones.entries()) {
      await p.peer.waitFor(() => me(p.peer).score === expectedScore(i, 3), `${p.label}'s final score`);
    }

    // The survivor reports every answer, before and after the kill, from PostgreSQL.
    const response = await fetch(`${urls[other]}/api/games/${game.code}/results.json?key=${game.hostKey}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      students: { name: string; score: number; answered: number }[];
      questions: { answered: number }[];
    };
    expect(report.questions.map((q) => q.answered)).toEqual([STUDENTS, STUDENTS, STUDENTS]);
    expect(
      report.students
        .map(({ name, score, answered }) => ({ name, score, answered }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(
      phones
        .map((_p, i) => ({ name: `Student ${i}`, score: expectedScore(i, 3), answered: 3 }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    for (const page of [host, ...phones]) await page.peer.room.leave().catch(() => 0);
  }, 150_000);
});
