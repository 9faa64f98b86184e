import { Client, type Room } from "@colyseus/sdk";
import type { CreateGameResponse } from "@handsup/shared/protocol/game-settings.ts";
import { botTimers } from "./bot-timers.ts";
import type { WorkerMetrics } from "./worker-metrics.ts";
import type { PlayStyle } from "./worker-protocol.ts";

/** What a host bot needs to run one room. */
export interface HostBotOptions {
  httpUrl: string;
  roomIndex: number;
  students: number;
  style: PlayStyle;
  metrics: WorkerMetrics;
  /** Called as soon as the game exists, so the students can be sent its code. */
  onCode: (code: string) => void;
}

interface HostView {
  code?: string;
  phase: string;
  questionIndex: number;
  playerCount: number;
}

/** Creates a game over HTTP, then hosts it as a teacher would: start when everyone is in, `next`, `endGame`. */
export async function hostGame(options: HostBotOptions): Promise<void> {
  const { metrics, style } = options;
  let created: CreateGameResponse;
  try {
    const response = await fetch(`${options.httpUrl}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...style.game, seed: options.roomIndex + 1 }),
    });
    if (response.status !== 201) throw new Error(`POST /api/games → ${response.status} ${await response.text()}`);
    created = (await response.json()) as CreateGameResponse;
  } catch (error) {
    metrics.error("create game", error);
    return;
  }
  metrics.counters.roomsCreated++;
  let room: Room;
  try {
    room = await new Client(options.httpUrl).joinById(created.code, { hostKey: created.hostKey });
  } catch (error) {
    metrics.error("host join", error);
    return;
  }
  options.onCode(created.code);
  const view = () => room.state as unknown as HostView;
  const { later, clearAll: clearTimers } = botTimers();
  let started = false;
  const handled = new Set<string>();
  const start = () => {
    if (started) return;
    started = true;
    const joined = view().playerCount;
    if (joined < options.students)
      metrics.error("lobby", `room ${options.roomIndex}: ${joined}/${options.students} joined`);
    room.send("startGame", {});
  };
  later(style.lobbyTimeoutMs, start);

  room.onMessage("ping", (ping: { serverSentAt: number }) =>
    room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() }),
  );
  room.onMessage("*", () => {});
  room.onMessage("error", (error: { type: string; code: string; message: string }) =>
    metrics.error(`server refused host ${error.type}`, `${error.code} ${error.message}`),
  );

  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimers();
      resolve();
    };
    const once = (phase: string, run: () => void) => {
      const key = `${phase}:${view().questionIndex}`;
      if (view().phase !== phase || handled.has(key)) return;
      handled.add(key);
      run();
    };
    room.onStateChange(() => {
      const state = view();
      if (state.phase === "lobby" && state.playerCount >= options.students) start();
      const questionIndex = state.questionIndex;
      once("reveal", () =>
        later(style.hostHoldMs, () => {
          metrics.stamp(metrics.nextSentAt, options.roomIndex, questionIndex, Date.now());
          room.send("next", {});
        }),
      );
      once("leaderboard", () => later(style.hostHoldMs, () => room.send("next", {})));
      once("podium", () => later(style.hostHoldMs, () => room.send("endGame", {})));
      if (state.phase === "ended") finish();
    });
    room.onLeave((code) => {
      if (!finished && code !== 4000 && code !== 1000 && code !== 4107) {
        metrics.disconnect(`host of room ${options.roomIndex} closed ${code}`, code);
      }
      finish();
    });
  });
  metrics.counters.roomsDone++;
  await room.leave(true).catch(() => {});
}
