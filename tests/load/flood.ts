import { Client, type Room } from "@colyseus/sdk";
import { correctAnswer, loadQuestionsByPrompt, type ShownQuestion } from "./answers.ts";
import { startServer } from "./child-processes.ts";
import { type LatencySummary, summarize } from "./stats.ts";

/**
 * `pnpm bench --profile flood`: one class plays a whole game while one of its students floods the
 * server with hostile messages as fast as its socket takes them (rejoining whenever the server cuts
 * it off). Measured: every other student's answer→ack latency, which must stay far below what a
 * person notices (issue 8: p99 < 50 ms).
 */
export interface FloodReport {
  profile: "flood";
  students: number;
  questions: number;
  honestAnswerAckMs: LatencySummary;
  floodMessagesSent: number;
  /** `error` replies the flooder got back: the server read and answered that many of its messages */
  floodRefusalsReceived: number;
  floodMessagesPerSec: number;
  flooderCutOff: number;
  seconds: number;
}

interface WireState {
  phase: string;
  questionIndex: number;
  playerCount: number;
  question: { id: string; prompt: string; type: string; options: Iterable<string>; items: Iterable<string> };
}

const FLOOD_BATCH = 50;

/** The hostile kinds the flooder cycles through: bad payloads, host-only commands, replays, big strings. */
function floodMessages(questionIndex: number): [string, unknown][] {
  return [
    ["submitAnswer", { questionIndex, answer: { kind: "text", text: "x".repeat(4000) }, answeredAt: 1 }],
    ["submitAnswer", { questionIndex: String(questionIndex), answer: 5 }],
    [
      "submitAnswer",
      { questionIndex: Math.max(0, questionIndex - 1), answer: { kind: "boolean", value: true }, answeredAt: 1 },
    ],
    ["buzz", { questionIndex, pressedAt: 1 }],
    ["next", {}],
    ["skip", {}],
    ["kick", { playerId: "nobody" }],
    ["grantExtraTime", { playerId: "nobody", factor: 2 }],
    ["questionShown", { questionIndex: questionIndex + 3, shownAt: 1 }],
    ["pong", { serverSentAt: 1, clientAt: 1 }],
  ];
}

/** Leaves, but never waits more than a second for the server's goodbye. */
function leaveSoon(room: Room): Promise<unknown> {
  return Promise.race([room.leave().catch(() => 0), new Promise((resolve) => setTimeout(resolve, 1000))]);
}

function answerPlayers(state: WireState): ShownQuestion {
  return {
    id: state.question.id,
    type: state.question.type,
    options: [...state.question.options],
    items: [...state.question.items],
  };
}

export async function runFlood(options: {
  students: number;
  questions: number;
  log?: (line: string) => void;
}): Promise<FloodReport> {
  const log = options.log ?? (() => {});
  const server = await startServer({});
  const started = Date.now();
  try {
    const created = await fetch(`${server.url}/api/games`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        bankIds: ["peaceful-coexistence"],
        questionCount: options.questions,
        order: "bank",
        timeLimitSec: 30,
        maxPlayers: options.students + 5,
      }),
    });
    const game = (await created.json()) as { code: string; hostKey: string };
    const questions = loadQuestionsByPrompt();
    const answerPong = (room: Room) =>
      room.onMessage("ping", (ping: { serverSentAt: number }) =>
        room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() }),
      );

    const host = await new Client(server.url).joinById(game.code, { hostKey: game.hostKey });
    answerPong(host);
    host.onMessage("*", () => {});

    const latencies: number[] = [];
    const honest: Room[] = [];
    let answered = 0;
    for (let i = 0; i < options.students; i++) {
      const room = await new Client(server.url).joinById(game.code, { name: `Student ${i + 1}` });
      answerPong(room);
      let sentAt = 0;
      let answeredFor = -1;
      room.onMessage("answerAck", () => {
        latencies.push(performance.now() - sentAt);
        answered += 1;
      });
      room.onMessage("*", () => {});
      room.onStateChange((raw) => {
        const state = raw as unknown as WireState;
        if (state.phase !== "question" || answeredFor === state.questionIndex) return;
        answeredFor = state.questionIndex;
        const question = questions.get(state.question.prompt);
        if (!question) return;
        const answer = correctAnswer(question, answerPlayers(state));
        setTimeout(
          () => {
            sentAt = performance.now();
            room.send("submitAnswer", { questionIndex: state.questionIndex, answer, answeredAt: Date.now() });
          },
          200 + Math.random() * 1500,
        );
      });
      honest.push(room);
    }

    log(`flood: ${options.students} students joined game ${game.code}; the flooder starts`);
    // The flooder: a student whose phone sends hostile messages as fast as its socket drains.
    let flooding = true;
    let sent = 0;
    let cutOff = 0;
    let refusals = 0;
    let questionIndex = 0;
    const flood = (async () => {
      while (flooding) {
        let room: Room;
        try {
          room = await new Client(server.url).joinById(game.code, { name: "Flooder", deviceId: "flooder-device" });
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        room.onMessage("*", (type) => {
          if (type === "error") refusals += 1;
        });
        let open = true;
        room.onLeave(() => {
          open = false;
        });
        while (flooding && open) {
          const kinds = floodMessages(questionIndex);
          for (let k = 0; k < FLOOD_BATCH && open; k++) {
            try {
              room.send(...((kinds[(sent + k) % kinds.length] ?? ["next", {}]) as [never, never]));
              sent += 1;
            } catch {
              open = false;
            }
          }
          // A real phone cannot send faster than its socket drains: wait while the buffer is full.
          const ws = (
            room as unknown as { connection: { transport: { ws?: { bufferedAmount: number; readyState: number } } } }
          ).connection.transport.ws;
          if (ws && ws.readyState !== 1) {
            // the server is closing this socket (flood limit): the phone reconnects and carries on
            open = false;
            cutOff += 1;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, (ws?.bufferedAmount ?? 0) > 64 * 1024 ? 5 : 0));
        }
        if (open) await leaveSoon(room);
      }
    })();

    // The teacher: start, reveal when everyone honest answered, move on, end at the podium.
    const ended = new Promise<void>((resolve) => {
      const done = new Set<string>();
      const once = (key: string, run: () => void) => {
        if (!done.has(key)) {
          done.add(key);
          run();
        }
      };
      host.onStateChange((raw) => {
        const state = raw as unknown as WireState;
        if (state.questionIndex !== questionIndex || !done.has(`seen:${state.phase}:${state.questionIndex}`)) {
          done.add(`seen:${state.phase}:${state.questionIndex}`);
          log(
            `flood: ${state.phase} ${state.questionIndex + 1}; flooder sent ${sent}, refused ${refusals}, cut off ${cutOff}`,
          );
        }
        questionIndex = state.questionIndex;
        if (state.phase === "lobby" && state.playerCount >= options.students)
          once("start", () => host.send("startGame", {}));
        if (state.phase === "question" && answered >= (state.questionIndex + 1) * options.students)
          once(`reveal:${state.questionIndex}`, () => host.send("revealNow", {}));
        if (state.phase === "reveal") once(`next:${state.questionIndex}`, () => host.send("next", {}));
        if (state.phase === "leaderboard") once(`board:${state.questionIndex}`, () => host.send("next", {}));
        if (state.phase === "podium") once("end", () => host.send("endGame", {}));
        if (state.phase === "ended") resolve();
      });
      // the answers land between patches: check again on every ack
      const poll = setInterval(() => {
        const state = host.state as unknown as WireState | undefined;
        if (state?.phase === "question" && answered >= (state.questionIndex + 1) * options.students)
          once(`reveal:${state.questionIndex}`, () => host.send("revealNow", {}));
        if (state?.phase === "ended") clearInterval(poll);
      }, 50);
    });
    await ended;
    flooding = false;
    await flood;
    const seconds = (Date.now() - started) / 1000;
    await Promise.all([host, ...honest].map(leaveSoon));
    return {
      profile: "flood",
      students: options.students,
      questions: options.questions,
      honestAnswerAckMs: summarize(latencies),
      floodMessagesSent: sent,
      floodRefusalsReceived: refusals,
      floodMessagesPerSec: Math.round(sent / seconds),
      flooderCutOff: cutOff,
      seconds: Math.round(seconds),
    };
  } finally {
    await server.stop();
  }
}
