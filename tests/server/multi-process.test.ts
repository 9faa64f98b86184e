// The bots' counting socket replaces the global WebSocket before the SDK loads: keep this import first.
import "../load/counting-websocket.ts";
import { Client, type Room } from "@colyseus/sdk";
import { createRng } from "@handsup/shared";
import type { CreateGameResponse } from "@handsup/shared/protocol/game-settings.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQuestionsByPrompt } from "../load/answers.ts";
import {
  redisServerInstalled,
  type Started,
  type StartedServer,
  startRedis,
  startServer,
} from "../load/child-processes.ts";
import { playStudent } from "../load/student-bot.ts";
import { WorkerMetrics } from "../load/worker-metrics.ts";

/**
 * Two real server processes sharing one real Redis: a game created on A is joined by students
 * connecting through B, played to the end, and reported by A; join codes stay unique across both.
 */
const runnable = redisServerInstalled() || Boolean(process.env.CI);
if (!runnable) {
  console.warn("multi-process test skipped: redis-server is not installed (apt-get install -y redis-server)");
}

const STUDENTS = 4;
const QUESTIONS = 3;

interface HostView {
  phase: string;
  questionIndex: number;
  playerCount: number;
  question: { basePoints: number };
}

async function createGame(baseUrl: string, body: object): Promise<CreateGameResponse> {
  const response = await fetch(`${baseUrl}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ bankIds: ["peaceful-coexistence"], ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateGameResponse;
}

/** Hosts a game like a teacher: start once everyone is in, advance at reveal and leaderboard, end at the podium. */
function hostToTheEnd(room: Room, students: number): Promise<number[]> {
  const basePoints: number[] = [];
  const done = new Set<string>();
  room.onMessage("ping", (ping: { serverSentAt: number }) =>
    room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() }),
  );
  room.onMessage("*", () => {});
  return new Promise((resolve) => {
    room.onStateChange(() => {
      const state = room.state as unknown as HostView;
      const once = (key: string, run: () => void) => {
        if (done.has(key)) return;
        done.add(key);
        run();
      };
      if (state.phase === "lobby" && state.playerCount === students) once("start", () => room.send("startGame", {}));
      if (state.phase === "question") {
        once(`open:${state.questionIndex}`, () => basePoints.push(state.question.basePoints));
      }
      if (state.phase === "reveal") once(`reveal:${state.questionIndex}`, () => room.send("next", {}));
      if (state.phase === "leaderboard") once(`board:${state.questionIndex}`, () => room.send("next", {}));
      if (state.phase === "podium") once("podium", () => room.send("endGame", {}));
      if (state.phase === "ended") resolve(basePoints);
    });
  });
}

describe.runIf(runnable)("two server processes sharing Redis", () => {
  const started: Started[] = [];
  let serverA: StartedServer;
  let serverB: StartedServer;

  beforeAll(async () => {
    if (!redisServerInstalled())
      throw new Error("CI must have redis-server installed (apt-get install -y redis-server)");
    const redis = await startRedis();
    started.push(redis);
    const redisUrl = `redis://127.0.0.1:${redis.port}`;
    serverA = await startServer({ redisUrl, publicAddress: true });
    started.push(serverA);
    serverB = await startServer({ redisUrl, publicAddress: true, dataDir: serverA.dataDir });
    started.push(serverB);
  }, 60_000);

  afterAll(async () => {
    for (const child of started.reverse()) await child.stop();
    for (const child of started) expect(child.child.exitCode !== null || child.child.signalCode !== null).toBe(true);
  }, 30_000);

  it("plays a game created on A with students who connect through B, and A reports every answer", async () => {
    const game = await createGame(serverA.url, {
      questionCount: QUESTIONS,
      order: "bank",
      rounds: [{ mode: "everyone", questionCount: QUESTIONS }],
      speedScoring: false,
      streaks: false,
      timeLimitSec: 20,
    });
    const host = await new Client(serverA.url).joinById(game.code, { hostKey: game.hostKey });
    const hosting = hostToTheEnd(host, STUDENTS);

    const metrics = new WorkerMetrics();
    const questions = loadQuestionsByPrompt();
    const style = { game: { bankIds: [] }, thinkMinMs: 100, thinkMaxMs: 400, hostHoldMs: 0, lobbyTimeoutMs: 0 };
    const students = await Promise.all(
      Array.from({ length: STUDENTS }, (_unused, i) =>
        playStudent({
          client: new Client(serverB.url),
          code: game.code,
          roomIndex: 0,
          botNumber: i + 1,
          questionCount: QUESTIONS,
          style,
          questions,
          metrics,
          rng: createRng(i + 1),
          habit: "correct",
        }),
      ),
    );
    const basePoints = await hosting;
    expect(basePoints).toHaveLength(QUESTIONS);
    const fullMarks = basePoints.reduce((sum, points) => sum + points, 0);

    expect(metrics.errorSamples).toEqual([]);
    expect(metrics.counters.joined).toBe(STUDENTS);
    expect(metrics.counters.acked).toBe(STUDENTS * QUESTIONS);
    const finalScores = students.map((room) => {
      const state = room!.state as unknown as { players: Map<string, { score: number; correctCount: number }> };
      const own = state.players.get(room!.sessionId)!;
      return { score: own.score, correct: own.correctCount };
    });
    expect(finalScores).toEqual(Array.from({ length: STUDENTS }, () => ({ score: fullMarks, correct: QUESTIONS })));
    await Promise.all([host, ...students].map((room) => room!.leave(true).catch(() => 0)));

    const response = await fetch(`${serverA.url}/api/games/${game.code}/results.json?key=${game.hostKey}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      students: { name: string; score: number; correct: number; answered: number }[];
      questions: { index: number; answered: number; percentCorrect: number | null }[];
    };
    expect(report.students.map(({ name, score, correct, answered }) => ({ name, score, correct, answered }))).toEqual(
      expect.arrayContaining(
        Array.from({ length: STUDENTS }, (_unused, i) => ({
          name: `bot-${i + 1}`,
          score: fullMarks,
          correct: QUESTIONS,
          answered: QUESTIONS,
        })),
      ),
    );
    expect(report.students).toHaveLength(STUDENTS);
    expect(
      report.questions.map(({ index, answered, percentCorrect }) => ({ index, answered, percentCorrect })),
    ).toEqual(
      Array.from({ length: QUESTIONS }, (_unused, index) => ({ index, answered: STUDENTS, percentCorrect: 100 })),
    );
  }, 90_000);

  it("hands out 20 distinct join codes to games created alternately on A and B, each findable from the other", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [creator, other] = i % 2 === 0 ? [serverA, serverB] : [serverB, serverA];
      const game = await createGame(creator.url, { questionCount: 1 });
      codes.push(game.code);
      const lookup = await fetch(`${other.url}/api/games/${game.code}`);
      expect(lookup.status).toBe(200);
      expect(((await lookup.json()) as { code: string }).code).toBe(game.code);
    }
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
  }, 60_000);
});
