import type { Client, Room } from "@colyseus/sdk";
import { type Question, type Rng, validateNickname } from "@handsup/shared";
import { correctAnswer, randomAnswer, type ShownQuestion, wrongAnswer } from "./answers.ts";
import { botTimers } from "./bot-timers.ts";
import { countingSocketOf } from "./counting-websocket.ts";
import type { WorkerMetrics } from "./worker-metrics.ts";
import type { PlayStyle } from "./worker-protocol.ts";

/** Close codes that end a game normally: consented leave, server game over. */
const NORMAL_CLOSES = new Set([1000, 4000, 4107]);

/** How a student bot answers: most guess, some are wrong on purpose, a few never answer. */
type Habit = "guess" | "wrong" | "silent" | "correct";

/** What one student bot needs to play one game. */
export interface StudentBotOptions {
  client: Client;
  code: string;
  roomIndex: number;
  botNumber: number;
  questionCount: number;
  style: PlayStyle;
  /** the built-in questions by prompt (see loadQuestionsByPrompt) */
  questions: Map<string, Question>;
  metrics: WorkerMetrics;
  rng: Rng;
  /** Force a habit (the multi-process test answers everything right). */
  habit?: Habit;
}

/** Minimal view of the state fields a student bot reads. */
interface StudentView {
  code?: string;
  phase: string;
  questionIndex: number;
  questionOpenedAt: number;
  roundMode: string;
  answeringPlayerId: string;
  question: { id: string; prompt: string; type: string; options: Iterable<string>; items: Iterable<string> };
}

/**
 * `bot-<n>`, unless the nickname filter refuses it: it reads some numbers as leetspeak ("bot-455"). Those
 * bots spell their number in base 36 instead, so every bot still gets a name the server accepts.
 */
export function botName(botNumber: number): string {
  for (const candidate of [`bot-${botNumber}`, `bot-${botNumber.toString(36)}`, `bot-n${botNumber.toString(36)}`]) {
    if (validateNickname(candidate).ok) return candidate;
  }
  return `bot-${"x".repeat(botNumber % 7)}${botNumber.toString(36)}`;
}

function pickHabit(rng: Rng): Habit {
  const roll = rng();
  if (roll < 0.1) return "silent";
  if (roll < 0.8) return "guess";
  return "wrong";
}

/**
 * Plays one student through a whole game: joins by code, answers pings, says when each question is
 * shown, answers (or buzzes) after a think time, and records join time, answer→ack, fan-out and bytes.
 * Resolves when the game is over or the connection is lost.
 */
export async function playStudent(options: StudentBotOptions): Promise<Room | undefined> {
  const { metrics, rng, style } = options;
  const started = performance.now();
  let room: Room;
  try {
    room = await options.client.joinById(options.code, {
      name: botName(options.botNumber),
      deviceId: `bench-device-${options.botNumber}`,
    });
  } catch (error) {
    metrics.error("join", error);
    return undefined;
  }
  const view = () => room.state as unknown as StudentView;
  const firstState = view()?.code
    ? Promise.resolve()
    : new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));

  const socket = countingSocketOf(room);
  const send = (type: string, payload: unknown) => {
    metrics.counters.messagesSent++;
    room.send(type, payload);
  };
  let shownIndex = -1;
  let leaderboardIndex = -1;
  let answeredIndex = -1;
  let buzzedIndex = -1;
  let bytesAtStart: { wire: number; payload: number; frames: number } | undefined;
  let finished = false;
  const pendingAcks = new Map<number, number>();
  const { later, clearAll: clearTimers } = botTimers();
  const think = () => style.thinkMinMs + rng() * (style.thinkMaxMs - style.thinkMinMs);

  room.onMessage("*", () => {
    metrics.counters.messagesReceived++;
  });
  room.onMessage("ping", (ping: { serverSentAt: number }) => {
    send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() });
  });
  room.onMessage("clock", (clock: { offsetMs: number }) => {
    metrics.clockOffsetsMs.push(clock.offsetMs);
  });
  room.onMessage("answerAck", (ack: { questionIndex: number }) => {
    const sentAt = pendingAcks.get(ack.questionIndex);
    if (sentAt === undefined) return;
    pendingAcks.delete(ack.questionIndex);
    metrics.answerAckMs.push(performance.now() - sentAt);
    metrics.counters.acked++;
  });
  room.onMessage("buzzAck", () => {});
  room.onMessage("error", (error: { type: string; code: string; message: string }) => {
    // A buzz that loses the race or arrives after the window closes is refused by design: not an error.
    if (error.type === "buzz" || (error.code === "wrong-phase" && error.type === "submitAnswer")) return;
    metrics.error(`server refused ${error.type}`, `${error.code} ${error.message}`);
  });

  // Handlers are in place before we wait, so a ping that arrives with the first state is answered.
  await firstState;
  metrics.joinMs.push(performance.now() - started);
  metrics.counters.joined++;

  const submit = (questionIndex: number, habit: Habit) => {
    const state = view();
    if (answeredIndex === questionIndex || state.questionIndex !== questionIndex) return;
    const question = options.questions.get(state.question.prompt);
    if (!question) {
      metrics.error("unknown question", state.question.prompt);
      return;
    }
    const shown: ShownQuestion = {
      id: state.question.id,
      type: state.question.type,
      options: [...state.question.options],
      items: [...state.question.items],
    };
    const answer =
      habit === "correct"
        ? correctAnswer(question, shown)
        : habit === "wrong"
          ? wrongAnswer(question, shown)
          : randomAnswer(question, shown, rng);
    answeredIndex = questionIndex;
    pendingAcks.set(questionIndex, performance.now());
    metrics.counters.answered++;
    send("submitAnswer", { questionIndex, answer, answeredAt: Date.now() });
  };

  const onState = () => {
    const state = view();
    const q = state.questionIndex;
    if (state.phase === "getReady" && q === 0 && !bytesAtStart && socket) {
      bytesAtStart = {
        wire: socket.wireBytesReceived,
        payload: socket.payloadBytesReceived,
        frames: socket.messagesReceived,
      };
    }
    if ((state.phase === "question" || state.phase === "answering") && shownIndex !== q) {
      shownIndex = q;
      // Every process on this machine reads the same system clock, so Date.now() here and the
      // server's questionOpenedAt are directly comparable (see BENCHMARKS.md).
      if (state.questionOpenedAt > 0) metrics.questionOpenFanoutMs.push(Date.now() - state.questionOpenedAt);
      send("questionShown", { questionIndex: q, shownAt: Date.now() });
      const habit = options.habit ?? pickHabit(rng);
      if (state.roundMode === "buzzer") {
        if (habit !== "silent") {
          later(think(), () => {
            if (view().questionIndex !== q || view().phase !== "question" || buzzedIndex === q) return;
            buzzedIndex = q;
            send("buzz", { questionIndex: q, pressedAt: Date.now() });
          });
        }
      } else if (habit !== "silent") {
        later(think(), () => {
          if (view().phase === "question") submit(q, habit);
        });
      }
    }
    if (state.phase === "answering" && state.answeringPlayerId === room.sessionId && answeredIndex !== q) {
      later(500 + rng() * 1500, () => {
        if (view().phase === "answering" && view().answeringPlayerId === room.sessionId) {
          submit(q, options.habit ?? "guess");
        }
      });
    }
    if (state.phase === "leaderboard" && leaderboardIndex !== q) {
      leaderboardIndex = q;
      metrics.stamp(metrics.leaderboardSeenAt, options.roomIndex, q, Date.now());
    }
    if ((state.phase === "podium" || state.phase === "ended") && bytesAtStart && socket) {
      metrics.wireBytesPerQuestion.push((socket.wireBytesReceived - bytesAtStart.wire) / options.questionCount);
      metrics.payloadBytesPerQuestion.push(
        (socket.payloadBytesReceived - bytesAtStart.payload) / options.questionCount,
      );
      metrics.framesPerQuestion.push((socket.messagesReceived - bytesAtStart.frames) / options.questionCount);
      bytesAtStart = undefined;
    }
    if (state.phase === "ended") finish();
  };

  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  function finish() {
    if (finished) return;
    finished = true;
    metrics.counters.finished++;
    clearTimers();
    resolveDone();
  }
  room.onStateChange(onState);
  room.onLeave((code) => {
    if (!finished && !NORMAL_CLOSES.has(code)) metrics.disconnect(`bot-${options.botNumber} closed ${code}`, code);
    finish();
  });
  room.onDrop((code) => metrics.disconnect(`bot-${options.botNumber} dropped ${code}`, code));
  onState();
  await done;
  return room;
}
