// The counting socket must be installed before the SDK loads, and the patient fetch before the
// first request: keep these imports first.
import "./counting-websocket.ts";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { createRng } from "@handsup/shared";
import { loadQuestionsByPrompt } from "./answers.ts";
import { runEchoClients } from "./echo-clients.ts";
import { hostGame } from "./host-bot.ts";
import { connectRetries } from "./patient-fetch.ts";
import { playStudent } from "./student-bot.ts";
import { WorkerMetrics } from "./worker-metrics.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

/**
 * A bot process: the bench forks two of these so bots and server share the machine's cores
 * honestly. It runs whatever the parent assigns (host bots, student bots, echo clients) and
 * reports progress every 2 s and its measurements when asked.
 */
const metrics = new WorkerMetrics();
// The server greets each connection before the bot can register handlers; the SDK warns about each one.
const warn = console.warn;
console.warn = (...parts: unknown[]) => {
  if (typeof parts[0] === "string" && parts[0].includes("not registered for type 'welcome'")) return;
  warn(...parts);
};
const questions = loadQuestionsByPrompt();
const rooms = new Set<Room>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function tell(message: FromWorker): void {
  process.send?.(message);
}

const progress = setInterval(() => {
  metrics.counters.connectRetries = connectRetries.count;
  tell({ type: "progress", counters: metrics.counters });
}, 2000);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "hosts":
      for (const assignment of message.rooms) {
        void sleep(assignment.startDelayMs).then(() =>
          hostGame({
            httpUrl: message.httpUrl,
            roomIndex: assignment.roomIndex,
            students: assignment.students,
            style: message.style,
            metrics,
            onCode: (code) => tell({ type: "code", roomIndex: assignment.roomIndex, code }),
          }).finally(() => tell({ type: "roomDone", roomIndex: assignment.roomIndex })),
        );
      }
      return;
    case "students":
      for (const bot of message.bots) {
        void sleep(bot.joinDelayMs)
          .then(() =>
            playStudent({
              client: new Client(message.httpUrl),
              code: message.code,
              roomIndex: message.roomIndex,
              botNumber: bot.botNumber,
              questionCount: message.questionCount,
              style: message.style,
              questions,
              metrics,
              rng: createRng(bot.botNumber),
            }),
          )
          .then((room) => {
            if (!room) return;
            rooms.add(room);
            return room.leave(true).finally(() => rooms.delete(room));
          })
          .catch((error: unknown) => metrics.error("student bot crashed", error));
      }
      return;
    case "floor":
      await runEchoClients(message, metrics);
      tell({ type: "floorDone" });
      return;
    case "collect": {
      clearInterval(progress);
      // Bots still in a game (the run timed out) leave; a leave that never completes must not hold up the report.
      await Promise.race([Promise.all([...rooms].map((room) => room.leave(true).catch(() => 0))), sleep(2000)]);
      const usage = process.cpuUsage();
      metrics.counters.connectRetries = connectRetries.count;
      tell({
        type: "results",
        results: {
          ...metrics,
          counters: metrics.counters,
          echoMessages: metrics.echoRttMs.length,
          eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
          cpuSeconds: (usage.user + usage.system) / 1e6,
        },
      });
      // Give the IPC channel time to flush, then leave.
      setTimeout(() => process.exit(0), 200);
      return;
    }
  }
}

process.on("message", (message: ToWorker) => {
  handle(message).catch((error: unknown) => metrics.error(`worker ${message.type}`, error));
});
process.on("disconnect", () => process.exit(0));
