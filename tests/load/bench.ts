import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MAX_PLAYERS_LIMIT } from "@handsup/shared/protocol/game-settings.ts";
import { freePort, type Started, type StartedServer, startRedis, startServer, stopChild } from "./child-processes.ts";
import { formatCpuProfileSummary, summarizeCpuProfile } from "./cpu-profile-summary.ts";
import { formatFairness, formatSocketFairness, runFairness, runSocketFairness } from "./fairness.ts";
import { runFlood } from "./flood.ts";
import { type LoadSummary, ProcSampler } from "./proc-sampler.ts";
import { expectedGameMs, GAME_PROFILES, type GameProfile, roundsOf, type SweepStep, sweepSteps } from "./profiles.ts";
import { type LatencySummary, mean, round1, summarize } from "./stats.ts";
import { type SweepPoint, sweepSvg, writeSweepPng } from "./sweep-chart.ts";
import {
  type Counters,
  emptyCounters,
  type FromWorker,
  type PlayStyle,
  type ToWorker,
  type WorkerResults,
} from "./worker-protocol.ts";

/**
 * `pnpm bench --profile <quick|classes|assembly|record|sweep|floor|fairness|flood>`: starts the game server
 * (and Redis with --processes 2) as child processes, drives it with real @colyseus/sdk bots in
 * separate worker processes, and prints latency percentiles, server CPU and memory, and bytes per
 * student. Everything runs on 127.0.0.1 and stops at the end.
 */

const USAGE = `usage: pnpm bench --profile <quick|classes|assembly|record|sweep|floor|fairness|flood> [options]
  --json <file>        also write the figures as JSON
  --contended          run a CPU hog (one busy core) beside the server for the whole run
  sweep:     --chart <file.png> (default docs/images/sweep.png) --questions <q> (default 5)
             --scale <f>  every size × f (a smoke test: --scale 0.05)
  --processes <n>      game server processes (2 = Redis + two servers; hosts on the first, students on the last)
  --rooms <r> --students <s>   override the profile's rooms and students per room
  --questions <q>      questions per game
  --workers <w>        bot processes (default 2)
  --cpu-prof [dir]     write a V8 CPU profile of each server process and summarise it
  --no-floor           skip the echo floor run that follows a game profile
  --server-dir <dir>   run another checkout's server/ (to measure a candidate change with the same bots)
  floor:     --connections <n> --rate <messages/s> --seconds <s>
  fairness:  --trials <n> --buzzers <students per trial> (simulation); --socket-trials <n> per room over real sockets
  flood:     --students <n> --questions <n>   (one more student floods the server while they play)`;

interface FloorReport {
  echoRttMs: LatencySummary;
  connections: number;
  messagesPerSec: number;
}

interface Report {
  profile: string;
  rooms: number;
  students: number;
  processes: number;
  joinMs: LatencySummary;
  answerAckMs: LatencySummary;
  questionOpenFanoutMs: LatencySummary;
  revealToLeaderboardMs: LatencySummary;
  serverPeakRssMb: number;
  serverCpuPct: number;
  serverPeakCpuPct: number;
  /** Share of wall time the server was runnable but waiting for a core. */
  serverRunQueueWaitPct: number;
  /** How busy all cores of the machine were during the run (100 = every core busy). */
  machineBusyPct: number;
  bytesPerStudentPerQuestion: number;
  payloadBytesPerStudentPerQuestion: number;
  framesPerStudentPerQuestion: number;
  errors: number;
  disconnects: number;
  studentsFinished: number;
  runSeconds: number;
  clientMessagesPerSec: number;
  clockOffsetMs: LatencySummary;
  botEventLoopDelayP99Ms: number[];
  botCpuPct: number[];
  errorSamples: string[];
  /** Errors and disconnects grouped by kind (`join: 524`, `disconnect 4002` …). */
  errorKinds: Record<string, number>;
  /** Bot HTTP requests whose TCP connect timed out and were tried again (the server's accept queue was full). */
  connectRetries: number;
  /** A CPU hog ran beside the server (`--contended`). */
  contended: boolean;
  floor?: FloorReport;
  cpuProfile?: string[];
}

const { values: args } = parseArgs({
  options: {
    profile: { type: "string", default: "quick" },
    json: { type: "string" },
    processes: { type: "string", default: "1" },
    rooms: { type: "string" },
    students: { type: "string" },
    questions: { type: "string" },
    workers: { type: "string", default: "2" },
    "cpu-prof": { type: "boolean", default: false },
    "cpu-prof-dir": { type: "string" },
    "no-floor": { type: "boolean", default: false },
    "server-dir": { type: "string" },
    contended: { type: "boolean", default: false },
    scale: { type: "string", default: "1" },
    chart: { type: "string", default: path.join("docs", "images", "sweep.png") },
    connections: { type: "string" },
    rate: { type: "string" },
    seconds: { type: "string", default: "20" },
    trials: { type: "string", default: "2000" },
    buzzers: { type: "string", default: "30" },
    "socket-trials": { type: "string", default: "40" },
    help: { type: "boolean", default: false },
  },
  strict: true,
});

const WORKER_FILE = path.join(import.meta.dirname, "bot-worker.ts");
const ECHO_SERVER_FILE = path.join(import.meta.dirname, "echo-server.ts");
const CPU_HOG_FILE = path.join(import.meta.dirname, "cpu-hog.ts");
const workerCount = Math.max(1, Number(args.workers));

function log(line: string): void {
  console.log(line);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A bot process and the last counters it reported. */
interface Worker {
  child: ChildProcess;
  counters: Counters | undefined;
  results: Promise<WorkerResults>;
  send: (message: ToWorker) => void;
}

function startWorkers(onMessage: (message: FromWorker, index: number) => void): Worker[] {
  return Array.from({ length: workerCount }, (_unused, index) => {
    const child = fork(WORKER_FILE, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const worker: Worker = {
      child,
      counters: undefined,
      results: new Promise<WorkerResults>((resolve, reject) => {
        child.on("message", (message: FromWorker) => {
          if (message.type === "results") resolve(message.results);
        });
        child.once("exit", (code) => reject(new Error(`bot worker ${index} exited with ${code} before reporting`)));
      }),
      send: (message) => child.send(message),
    };
    worker.results.catch(() => {});
    child.on("message", (message: FromWorker) => {
      if (message.type === "progress") worker.counters = message.counters;
      onMessage(message, index);
    });
    return worker;
  });
}

function sumCounters(list: readonly (Counters | undefined)[]): Counters {
  const total: Counters = emptyCounters();
  for (const counters of list) {
    if (!counters) continue;
    for (const key of Object.keys(total) as (keyof Counters)[]) total[key] += counters[key];
  }
  return total;
}

function profileFromArgs(): GameProfile {
  const base = GAME_PROFILES[args.profile ?? ""];
  if (!base) throw new Error(`unknown profile "${args.profile}"\n${USAGE}`);
  const profile = { ...base };
  if (args.rooms) profile.rooms = Number(args.rooms);
  if (args.students) profile.studentsPerRoom = Number(args.students);
  if (args.questions) {
    profile.questionCount = Number(args.questions);
    profile.buzzerQuestions = Math.min(profile.buzzerQuestions, profile.questionCount - 1);
  }
  return profile;
}

function styleOf(profile: GameProfile): PlayStyle {
  return {
    game: {
      bankIds: ["peaceful-coexistence"],
      questionCount: profile.questionCount,
      rounds: roundsOf(profile),
      timeLimitSec: profile.timeLimitSec,
      autoAdvance: false,
      maxPlayers: Math.min(MAX_PLAYERS_LIMIT, Math.max(profile.studentsPerRoom, 1)),
      title: `bench ${profile.name}`,
    },
    thinkMinMs: profile.thinkMinMs,
    thinkMaxMs: profile.thinkMaxMs,
    hostHoldMs: profile.hostHoldMs,
    lobbyTimeoutMs: profile.lobbyTimeoutMs,
  };
}

/** Plays every room of a profile to the end and measures it. */
async function runGame(profile: GameProfile, processes: number): Promise<Report> {
  const totalStudents = profile.rooms * profile.studentsPerRoom;
  log(
    `profile ${profile.name}: ${profile.rooms} rooms × ${profile.studentsPerRoom} students = ${totalStudents}, ` +
      `${profile.questionCount} questions, ${processes} server process(es), ${workerCount} bot processes`,
  );
  const cpuProfDir = args["cpu-prof"]
    ? path.resolve(args["cpu-prof-dir"] ?? fs.mkdtempSync(path.join(os.tmpdir(), "handsup-cpuprof-")))
    : undefined;
  const started: Started[] = [];
  const hog = args.contended ? await startCpuHog() : undefined;
  if (hog) started.push(hog);
  const redis = processes > 1 ? await startRedis() : undefined;
  if (redis) started.push(redis);
  const servers: StartedServer[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const server = await startServer({
        redisUrl: redis ? `redis://127.0.0.1:${redis.port}` : undefined,
        publicAddress: processes > 1,
        nodeArgs: cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfDir] : [],
        serverDir: args["server-dir"],
      });
      servers.push(server);
      started.push(server);
      log(`server ${i + 1} pid ${server.child.pid} on ${server.url}${redis ? ` (redis ${redis.port})` : ""}`);
    }
    const samplers = servers.map((server) => new ProcSampler(server.child.pid!));
    const hostUrl = servers[0]!.url;
    const studentUrl = servers[servers.length - 1]!.url;
    const style = styleOf(profile);
    const codes = new Map<number, string>();
    let roomsDone = 0;
    let allDone: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      allDone = resolve;
    });
    const workers = startWorkers((message) => {
      if (message.type === "code") {
        codes.set(message.roomIndex, message.code);
        assignStudents(message.roomIndex, message.code);
      }
      if (message.type === "roomDone" && ++roomsDone === profile.rooms) allDone();
    });
    const assignStudents = (roomIndex: number, code: string) => {
      const perWorker = workers.map(() => [] as { botNumber: number; joinDelayMs: number }[]);
      for (let j = 0; j < profile.studentsPerRoom; j++) {
        const botNumber = roomIndex * profile.studentsPerRoom + j + 1;
        perWorker[botNumber % workers.length]!.push({ botNumber, joinDelayMs: Math.random() * profile.joinSpreadMs });
      }
      perWorker.forEach((bots, index) => {
        if (bots.length === 0) return;
        workers[index]!.send({
          type: "students",
          httpUrl: studentUrl,
          style,
          roomIndex,
          code,
          questionCount: profile.questionCount,
          bots,
        });
      });
    };
    const runStarted = Date.now();
    workers.forEach((worker, index) => {
      const rooms = [];
      for (let r = index; r < profile.rooms; r += workers.length) {
        rooms.push({ roomIndex: r, students: profile.studentsPerRoom, startDelayMs: r * profile.roomStaggerMs });
      }
      if (rooms.length > 0) worker.send({ type: "hosts", httpUrl: hostUrl, style, rooms });
    });

    const progress = setInterval(() => {
      const c = sumCounters(workers.map((worker) => worker.counters));
      const load = samplers
        .map((s, i) => `srv${i + 1} ${s.currentCpuPct.toFixed(0)}% cpu ${s.currentRssMb.toFixed(0)} MB`)
        .join(", ");
      log(
        `[${String(Math.round((Date.now() - runStarted) / 1000)).padStart(4)} s] rooms ${c.roomsCreated}/${profile.rooms} ` +
          `done ${c.roomsDone} | joined ${c.joined}/${totalStudents} answered ${c.answered} acked ${c.acked} ` +
          `finished ${c.finished} | errors ${c.errors} drops ${c.disconnects} | ${load}`,
      );
    }, 3000);
    const timeoutMs = expectedGameMs(profile) + profile.rooms * profile.roomStaggerMs + profile.joinSpreadMs + 120_000;
    const timedOut = await Promise.race([finished.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) log(`!! the run did not finish within ${Math.round(timeoutMs / 1000)} s; collecting what we have`);
    // Give the students a moment to see "ended" and leave.
    await sleep(1500);
    clearInterval(progress);
    const runSeconds = (Date.now() - runStarted) / 1000;
    for (const worker of workers) worker.send({ type: "collect" });
    const results = await Promise.all(workers.map((worker) => worker.results));
    const loads = samplers.map((sampler) => sampler.stop());
    const report = buildReport(profile, processes, results, loads, runSeconds);
    if (timedOut) report.errorSamples.unshift("run timed out");
    for (const server of servers) await server.stop();
    if (cpuProfDir) report.cpuProfile = summarizeProfiles(cpuProfDir);
    return report;
  } finally {
    for (const child of started.reverse()) await child.stop();
  }
}

/** `--contended`: one process spinning on a core for the whole run, stopped with everything else. */
async function startCpuHog(): Promise<Started> {
  const child = fork(CPU_HOG_FILE, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`the CPU hog exited with ${code}`)));
  });
  log(`contended: a CPU hog (pid ${child.pid}) keeps one core busy beside the server`);
  return { child, port: 0, output: () => "", stop: () => stopChild(child, 2000) };
}

function summarizeProfiles(dir: string): string[] {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  return files.map((name) => {
    const file = path.join(dir, name);
    return `${file}\n${formatCpuProfileSummary(summarizeCpuProfile(file, 30))}`;
  });
}

function mergeTimes(parts: readonly Record<string, number[]>[]): Record<string, number[]> {
  const merged: Record<string, number[]> = {};
  for (const part of parts) {
    for (const [key, times] of Object.entries(part)) merged[key] = [...(merged[key] ?? []), ...times];
  }
  return merged;
}

function buildReport(
  profile: GameProfile,
  processes: number,
  results: WorkerResults[],
  loads: LoadSummary[],
  runSeconds: number,
): Report {
  const all = <K extends keyof WorkerResults>(key: K) => results.flatMap((r) => r[key] as unknown as number[]);
  const seen = mergeTimes(results.map((r) => r.leaderboardSeenAt));
  const sent = mergeTimes(results.map((r) => r.nextSentAt));
  const revealToLeaderboard: number[] = [];
  for (const [key, times] of Object.entries(seen)) {
    const nextAt = sent[key]?.[0];
    if (nextAt !== undefined) for (const at of times) revealToLeaderboard.push(at - nextAt);
  }
  const counters = sumCounters(results.map((r) => r.counters));
  const errorKinds: Record<string, number> = {};
  for (const result of results) {
    for (const [kind, count] of Object.entries(result.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
  }
  return {
    profile: profile.name,
    rooms: profile.rooms,
    students: profile.rooms * profile.studentsPerRoom,
    processes,
    joinMs: summarize(all("joinMs")),
    answerAckMs: summarize(all("answerAckMs")),
    questionOpenFanoutMs: summarize(all("questionOpenFanoutMs")),
    revealToLeaderboardMs: summarize(revealToLeaderboard),
    serverPeakRssMb: round1(Math.max(...loads.map((l) => l.peakRssMb))),
    serverCpuPct: round1(loads.reduce((sum, l) => sum + l.avgCpuPct, 0) / loads.length),
    serverPeakCpuPct: round1(Math.max(...loads.map((l) => l.peakCpuPct))),
    serverRunQueueWaitPct: round1(Math.max(...loads.map((l) => l.runQueueWaitPct))),
    machineBusyPct: round1(loads[0]?.machineBusyPct ?? 0),
    bytesPerStudentPerQuestion: Math.round(mean(all("wireBytesPerQuestion"))),
    payloadBytesPerStudentPerQuestion: Math.round(mean(all("payloadBytesPerQuestion"))),
    framesPerStudentPerQuestion: round1(mean(all("framesPerQuestion"))),
    errors: counters.errors,
    disconnects: counters.disconnects,
    studentsFinished: counters.finished,
    runSeconds: round1(runSeconds),
    clientMessagesPerSec: round1(counters.messagesSent / runSeconds),
    clockOffsetMs: summarize(all("clockOffsetsMs").map(Math.abs)),
    botEventLoopDelayP99Ms: results.map((r) => round1(r.eventLoopDelayP99Ms)),
    botCpuPct: results.map((r) => round1((r.cpuSeconds / runSeconds) * 100)),
    errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 20),
    errorKinds,
    connectRetries: counters.connectRetries,
    contended: Boolean(args.contended),
  };
}

/** The floor: a bare ws echo server (own process) with `connections` clients sending `rate` messages a second in all. */
async function runFloor(connections: number, rate: number, seconds: number): Promise<FloorReport> {
  log(`floor: ${connections} connections, ${rate} messages/s in all, ${seconds} s`);
  const port = await freePort();
  const echo = fork(ECHO_SERVER_FILE, [String(port)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    await new Promise<void>((resolve, reject) => {
      echo.once("message", () => resolve());
      echo.once("exit", (code) => reject(new Error(`echo server exited with ${code}`)));
    });
    let floorsDone = 0;
    let allDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      allDone = resolve;
    });
    const workers = startWorkers((message) => {
      if (message.type === "floorDone" && ++floorsDone === workers.length) allDone();
    });
    const perSocketIntervalMs = (connections / Math.max(1, rate)) * 1000;
    workers.forEach((worker, index) => {
      const share = Math.floor(connections / workers.length) + (index < connections % workers.length ? 1 : 0);
      worker.send({
        type: "floor",
        wsUrl: `ws://127.0.0.1:${port}`,
        connections: share,
        intervalMs: perSocketIntervalMs,
        durationMs: seconds * 1000,
        rampMs: Math.min(10_000, share * 2),
      });
    });
    await done;
    for (const worker of workers) worker.send({ type: "collect" });
    const results = await Promise.all(workers.map((worker) => worker.results));
    const rtts = results.flatMap((r) => r.echoRttMs);
    const errors = results.reduce((sum, r) => sum + r.counters.errors, 0);
    if (errors > 0)
      log(
        `floor: ${errors} errors: ${results
          .flatMap((r) => r.errorSamples)
          .slice(0, 5)
          .join("; ")}`,
      );
    return { echoRttMs: summarize(rtts), connections, messagesPerSec: round1(rtts.length / seconds) };
  } finally {
    await stopChild(echo);
  }
}

function row(name: string, summary: LatencySummary, target = ""): string {
  const cell = (value: number) => value.toFixed(1).padStart(9);
  return `${name.padEnd(26)}${cell(summary.p50)}${cell(summary.p95)}${cell(summary.p99)}${cell(summary.max)}${String(summary.count).padStart(9)}  ${target}`;
}

function printReport(report: Report): void {
  const lines = [
    "",
    `── ${report.profile}: ${report.rooms} rooms, ${report.students} students, ${report.processes} server process(es), ${report.runSeconds} s${report.contended ? ", CONTENDED (a CPU hog beside the server)" : ""} ──`,
    `${"latency (ms)".padEnd(26)}${"p50".padStart(9)}${"p95".padStart(9)}${"p99".padStart(9)}${"max".padStart(9)}${"samples".padStart(9)}`,
    row("join (joinById→state)", report.joinMs),
    row("answer → ack", report.answerAckMs),
    row("question-open fan-out", report.questionOpenFanoutMs),
    row("reveal → leaderboard", report.revealToLeaderboardMs),
    row("|clock offset| (sanity)", report.clockOffsetMs),
    `server CPU ${report.serverCpuPct}% avg (of one core), busiest second ${report.serverPeakCpuPct}%; peak RSS ${report.serverPeakRssMb} MB`,
    `server waited for a core ${report.serverRunQueueWaitPct}% of the time; the machine's ${os.cpus().length} cores were ${report.machineBusyPct}% busy (everything, bots included)`,
    `bytes per student per question: ${report.bytesPerStudentPerQuestion} on the wire (${report.payloadBytesPerStudentPerQuestion} payload) in ${report.framesPerStudentPerQuestion} WebSocket messages`,
    `client→server messages/s: ${report.clientMessagesPerSec}; bot processes CPU ${report.botCpuPct.join("%, ")}%, event-loop delay p99 ${report.botEventLoopDelayP99Ms.join(", ")} ms`,
    `students who finished the game: ${report.studentsFinished}/${report.students}; errors ${report.errors}; unexpected disconnects ${report.disconnects}; bot connects retried ${report.connectRetries}`,
    ...Object.entries(report.errorKinds).map(([kind, count]) => `  ! ${count} × ${kind}`),
    ...report.errorSamples.slice(0, 5).map((sample) => `  ! e.g. ${sample}`),
  ];
  if (report.floor) {
    lines.push(
      row(`floor echo RTT`, report.floor.echoRttMs),
      `  (${report.floor.connections} connections, ${report.floor.messagesPerSec} messages/s) → answer→ack p50 / echo p50 = ${
        report.floor.echoRttMs.p50 > 0 ? (report.answerAckMs.p50 / report.floor.echoRttMs.p50).toFixed(2) : "n/a"
      }×`,
    );
  }
  for (const profile of report.cpuProfile ?? []) lines.push("", profile);
  log(lines.join("\n"));
}

function writeJson(data: unknown): void {
  if (!args.json) return;
  fs.writeFileSync(args.json, `${JSON.stringify(data, null, 2)}\n`);
  log(`wrote ${args.json}`);
}

async function main(): Promise<void> {
  if (args.help) {
    log(USAGE);
    return;
  }
  if (args.profile === "fairness") {
    const students = Number(args.buzzers);
    const rows = runFairness({ students, trials: Number(args.trials), seed: 7 });
    log(formatFairness(rows, students));
    log(
      `\nmachine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} before the socket run`,
    );
    const sockets = await runSocketFairness({ trials: Number(args["socket-trials"]) });
    log(formatSocketFairness(sockets));
    writeJson({ profile: "fairness", students, rows, sockets });
    return;
  }
  if (args.profile === "flood") {
    const flood = await runFlood({
      students: Number(args.students ?? 30),
      questions: Number(args.questions ?? 8),
      log,
    });
    log(
      `flood: ${flood.students} honest students, ${flood.questions} questions, one flooder sent ${flood.floodMessagesSent} ` +
        `messages (${flood.floodMessagesPerSec}/s; ${flood.floodRefusalsReceived} answered with a refusal; ` +
        `cut off and rejoined ${flood.flooderCutOff} times) in ${flood.seconds} s`,
    );
    log(row("honest answer→ack", flood.honestAnswerAckMs));
    writeJson(flood);
    return;
  }
  if (args.profile === "floor") {
    const connections = Number(args.connections ?? 5000);
    const floor = await runFloor(connections, Number(args.rate ?? 1000), Number(args.seconds));
    log(row("floor echo RTT", floor.echoRttMs));
    writeJson({ profile: "floor", floor });
    return;
  }
  log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} before the run`,
  );
  const processes = Math.max(1, Number(args.processes));
  if (args.profile === "sweep") {
    await runSweep(processes);
    return;
  }
  const profile = profileFromArgs();
  const report = await runGame(profile, processes);
  if (!args["no-floor"]) {
    const connections = report.students + report.rooms;
    report.floor = await runFloor(connections, Math.max(1, report.clientMessagesPerSec), Number(args.seconds));
  }
  printReport(report);
  writeJson(report);
}

/** The worst p99 question-open fan-out each series may have (issue 14's targets). */
const FANOUT_TARGET_MS = { classes: 100, "one room": 250 } as const;
const ACK_TARGET_MS = 50;

function meetsTargets(step: SweepStep, report: Report): boolean {
  return (
    report.errors === 0 &&
    report.studentsFinished === report.students &&
    report.answerAckMs.p99 <= ACK_TARGET_MS &&
    report.questionOpenFanoutMs.p99 <= FANOUT_TARGET_MS[step.series]
  );
}

/** Where each series stops meeting its targets: the last size that met them and the first that did not. */
function describeKnee(steps: readonly SweepStep[], reports: readonly Report[]): string[] {
  return (["classes", "one room"] as const).map((series) => {
    const runs = steps.flatMap((step, i) =>
      step.series === series && reports[i] ? [{ step, report: reports[i] }] : [],
    );
    const firstMiss = runs.findIndex(({ step, report }) => !meetsTargets(step, report));
    const target = `p99 answer→ack ≤ ${ACK_TARGET_MS} ms, p99 fan-out ≤ ${FANOUT_TARGET_MS[series]} ms, 0 errors`;
    if (firstMiss === -1)
      return `${series}: every size met the targets (${target}); no knee up to ${runs.at(-1)?.step.students ?? 0}`;
    const miss = runs[firstMiss]!;
    const last = runs[firstMiss - 1];
    const why = `p99 answer→ack ${miss.report.answerAckMs.p99} ms, fan-out ${miss.report.questionOpenFanoutMs.p99} ms, errors ${miss.report.errors}, server CPU ${miss.report.serverCpuPct}%`;
    return last
      ? `${series}: knee between ${last.step.students} and ${miss.step.students} students (${target} held at ${last.step.students}; at ${miss.step.students}: ${why})`
      : `${series}: already past the knee at ${miss.step.students} students (${why})`;
  });
}

function sweepTable(steps: readonly SweepStep[], reports: readonly Report[]): string[] {
  const lines = [
    "| series | students | rooms | p99 answer→ack (ms) | p99 fan-out (ms) | server CPU avg / busiest s | peak RSS | finished | errors | server waited for a core |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  steps.forEach((step, i) => {
    const r = reports[i];
    if (!r) return;
    lines.push(
      `| ${step.series} | ${step.students.toLocaleString("en")} | ${r.rooms} | ${r.answerAckMs.p99} | ${r.questionOpenFanoutMs.p99} | ${r.serverCpuPct} % / ${r.serverPeakCpuPct} % | ${Math.round(r.serverPeakRssMb)} MB | ${r.studentsFinished.toLocaleString("en")} | ${r.errors} | ${r.serverRunQueueWaitPct} % |`,
    );
  });
  return lines;
}

/** `--profile sweep`: nine runs, a Markdown table, the knee of each series, and a PNG chart. */
async function runSweep(processes: number): Promise<void> {
  const steps = sweepSteps(args.questions ? Number(args.questions) : undefined, Number(args.scale));
  const reports: Report[] = [];
  for (const [index, step] of steps.entries()) {
    log(`\n=== sweep ${index + 1}/${steps.length}: ${step.series}, ${step.students} students ===`);
    const report = await runGame(step.profile, processes);
    printReport(report);
    reports.push(report);
  }
  const points: SweepPoint[] = steps.map((step, i) => ({
    series: step.series,
    students: step.students,
    answerAckP99Ms: reports[i]!.answerAckMs.p99,
    fanoutP99Ms: reports[i]!.questionOpenFanoutMs.p99,
    serverCpuPct: reports[i]!.serverCpuPct,
    errors: reports[i]!.errors + (reports[i]!.students - reports[i]!.studentsFinished),
  }));
  const knee = describeKnee(steps, reports);
  log(["", "── sweep ──", ...sweepTable(steps, reports), "", ...knee.map((line) => `knee: ${line}`)].join("\n"));
  const subtitle = `${os.cpus().length} cores, bots on the same machine, ${steps[0]?.profile.questionCount} questions per game${args.contended ? ", CONTENDED" : ""}; ${new Date().toISOString().slice(0, 16)} UTC`;
  await writeSweepPng(sweepSvg(points, subtitle), path.resolve(args.chart ?? "docs/images/sweep.png"));
  log(`chart written to ${args.chart}`);
  writeJson({ profile: "sweep", contended: Boolean(args.contended), points, knee, reports });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
