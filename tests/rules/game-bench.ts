// A quick measure of the reducer on the biggest room (not a test): 4,100 students, one `everyone` question through
// `step`: joins, get-ready, every phone's questionShown and answer, the close and the reveal.
// Run: pnpm exec node tests/rules/game-bench.ts
import { performance } from "node:perf_hooks";
import { type GameEvent, replay, standings, step } from "@handsup/shared";
import { roomTestSetup } from "./game-script.ts";

const STUDENTS = Number(process.env.STUDENTS ?? 4100);
const setup = roomTestSetup({ questionCount: 1 });
setup.settings.maxPlayers = STUDENTS; // the create form caps it lower; the big room is configured by the operator
let t = 1_000_000;
const log: GameEvent[] = [{ type: "create", at: t, setup }];
const game = replay(log);
const run = (event: GameEvent) => {
  const started = performance.now();
  const { effects } = step(game, event);
  const ms = performance.now() - started;
  if (effects[0]?.type === "refuse") throw new Error(`${event.type} refused: ${JSON.stringify(effects[0])}`);
  log.push(event);
  return ms;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};

const joinMs: number[] = [];
for (let i = 0; i < STUDENTS; i++) joinMs.push(run({ type: "join", at: ++t, playerId: `p${i}`, name: `Student ${i}` }));
run({ type: "start", at: ++t });
t = game.wakeAt ?? t;
run({ type: "deadline", at: t }); // the question opens
const clock = { offsetMs: 0, rttMs: 40, jitterMs: 5, samples: 8 };
const shownMs: number[] = [];
const answerMs: number[] = [];
const heapBefore = process.memoryUsage().heapUsed;
const wall = performance.now();
for (let i = 0; i < STUDENTS; i++) {
  shownMs.push(run({ type: "shown", at: t + 20, playerId: `p${i}`, questionIndex: 0, shownAtClient: t + 20, clock }));
}
let lastAnswerMs = 0;
for (let i = 0; i < STUDENTS; i++) {
  const event: GameEvent = {
    type: "answer",
    at: t + 3000 + i,
    playerId: `p${i}`,
    questionIndex: 0,
    answer: { kind: "choice", choices: [i % 4] },
    clock,
  };
  lastAnswerMs = run(event); // the last one closes the question: the reveal scores 4,100 students
  answerMs.push(lastAnswerMs);
}
const questionWall = performance.now() - wall;
if (game.phase.name !== "reveal") throw new Error(`expected the reveal, got ${game.phase.name}`);
let ranked = standings(game); // the first call pays for compiling the sort
const rankStart = performance.now();
for (let i = 0; i < 10; i++) ranked = standings(game);
const rankMs = (performance.now() - rankStart) / 10;
const replayStart = performance.now();
replay(log);
const replayMs = performance.now() - replayStart;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`students ${STUDENTS}, events ${log.length}, ledger ${game.ledger.length}, ranked ${ranked.length}`);
console.log(`join      p50 ${fmt(percentile(joinMs, 50))}  p99 ${fmt(percentile(joinMs, 99))}`);
console.log(`shown     p50 ${fmt(percentile(shownMs, 50))}  p99 ${fmt(percentile(shownMs, 99))}`);
console.log(
  `answer    p50 ${fmt(percentile(answerMs, 50))}  p99 ${fmt(percentile(answerMs, 99))}  max ${fmt(Math.max(...answerMs))}`,
);
console.log(`last answer + reveal of ${STUDENTS}: ${fmt(lastAnswerMs)}`);
console.log(`whole question (shown + answers + reveal), ${2 * STUDENTS} steps: ${fmt(questionWall)}`);
console.log(`standings(game): ${fmt(rankMs)};  replay of the whole log: ${fmt(replayMs)}`);
console.log(`heap growth during the question: ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB`);
