import type { CreateGameRequest } from "@handsup/shared/protocol/game-settings.ts";

/** How the bots play: the same for every room of a run. */
export interface PlayStyle {
  game: CreateGameRequest;
  /** Think time before answering, uniform in [min, max] ms. */
  thinkMinMs: number;
  thinkMaxMs: number;
  /** How long the host leaves the reveal and the leaderboard up before `next`. */
  hostHoldMs: number;
  /** The host starts anyway if not every student has joined by then. */
  lobbyTimeoutMs: number;
}

/** One room whose host bot this worker runs. */
export interface HostAssignment {
  roomIndex: number;
  students: number;
  startDelayMs: number;
}

/** One student bot. */
export interface StudentAssignment {
  botNumber: number;
  joinDelayMs: number;
}

/** Parent → worker. */
export type ToWorker =
  | { type: "hosts"; httpUrl: string; style: PlayStyle; rooms: HostAssignment[] }
  | {
      type: "students";
      httpUrl: string;
      style: PlayStyle;
      roomIndex: number;
      code: string;
      questionCount: number;
      bots: StudentAssignment[];
    }
  | { type: "floor"; wsUrl: string; connections: number; intervalMs: number; durationMs: number; rampMs: number }
  | { type: "collect" };

/** Running totals a worker reports every couple of seconds. */
export interface Counters {
  roomsCreated: number;
  roomsDone: number;
  joined: number;
  answered: number;
  acked: number;
  finished: number;
  errors: number;
  disconnects: number;
  messagesSent: number;
  messagesReceived: number;
  /** HTTP requests whose TCP connect timed out and were tried again (see patient-fetch.ts). */
  connectRetries: number;
}

/** All counters at zero. */
export function emptyCounters(): Counters {
  return {
    roomsCreated: 0,
    roomsDone: 0,
    joined: 0,
    answered: 0,
    acked: 0,
    finished: 0,
    errors: 0,
    disconnects: 0,
    messagesSent: 0,
    messagesReceived: 0,
    connectRetries: 0,
  };
}

/** A timestamp (ms since the epoch, this machine's clock) keyed by `${roomIndex}:${questionIndex}`. */
export type TimesByQuestion = Record<string, number[]>;

/** Everything a worker measured, sent once at the end. */
export interface WorkerResults {
  counters: Counters;
  joinMs: number[];
  answerAckMs: number[];
  questionOpenFanoutMs: number[];
  /** When each student saw the leaderboard phase. */
  leaderboardSeenAt: TimesByQuestion;
  /** When the host sent `next` at the reveal. */
  nextSentAt: TimesByQuestion;
  /** Per student that saw the whole game: bytes received from the first getReady to the podium ÷ questions. */
  wireBytesPerQuestion: number[];
  payloadBytesPerQuestion: number[];
  /** WebSocket messages (state patches and messages) a student received per question. */
  framesPerQuestion: number[];
  /** The server's clock-offset estimates (ms), a sanity check: all processes share one clock, so ≈ 0. */
  clockOffsetsMs: number[];
  errorSamples: string[];
  /** How many errors and disconnects of each kind (`join: 524`, `disconnect: closed 4002` …). */
  errorKinds: Record<string, number>;
  echoRttMs: number[];
  echoMessages: number;
  /** This worker's own event-loop delay p99 (ms): how late it could notice a message. */
  eventLoopDelayP99Ms: number;
  cpuSeconds: number;
}

/** Worker → parent. */
export type FromWorker =
  | { type: "code"; roomIndex: number; code: string }
  | { type: "roomDone"; roomIndex: number }
  | { type: "progress"; counters: Counters }
  | { type: "floorDone" }
  | { type: "results"; results: WorkerResults };
