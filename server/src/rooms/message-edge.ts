import { ServerError } from "@colyseus/core";
import {
  CLIENT_MESSAGES,
  type ClientMessageType,
  type ClockEstimate,
  createBucket,
  type Effect,
  type ErrorCode,
  type GameEvent,
  type HostExpectation,
  HostJoinOptionsSchema,
  isErrorCode,
  JoinErrorCode,
  type ServerMessages,
  StudentJoinOptionsSchema,
  type TokenBucket,
  takeToken,
} from "@handsup/shared";
import type { z } from "zod";
import type { ClockPeers } from "./clock-peers.ts";
import type { Outcome } from "./game-runner.ts";
import type { Seats, Sender } from "./seats.ts";

/**
 * The room's edge: every client message passes here before anything else sees it. A message is checked
 * (flood limits, a known type, its zod schema, the sender's role) and turned into a game event for the reducer,
 * or refused with a reason. Nothing a client sends reaches String() or a template literal unchecked.
 */

export type EdgeOutcome =
  | { kind: "refuse"; code: ErrorCode; message: string }
  | { kind: "event"; event: GameEvent }
  | { kind: "pong"; serverSentAt: number; clientAt: number };

type Payload<T extends ClientMessageType> = z.infer<(typeof CLIENT_MESSAGES)[T]>;

interface StudentContext {
  at: number;
  playerId: string;
  clock: ClockEstimate | null;
  /** the buzz arbitration window for a press now (over the connected students' latencies) */
  arbitrationMs(): number;
}
interface HostContext {
  at: number;
}

type Route<T extends ClientMessageType> =
  | { role: "student"; toEvent(message: Payload<T>, ctx: StudentContext): GameEvent }
  | { role: "host"; toEvent(message: Payload<T>, ctx: HostContext): GameEvent }
  | { role: "any"; toPong(message: Payload<T>): { serverSentAt: number; clientAt: number } };

/** The screen a host action was pressed on, when the page says so (stale ones are refused by the reducer). */
function expectation(message: HostExpectation | undefined): HostExpectation {
  const out: HostExpectation = {};
  if (message?.phase !== undefined) out.phase = message.phase;
  if (message?.questionIndex !== undefined) out.questionIndex = message.questionIndex;
  return out;
}

/** Every message type → who may send it and the event it becomes. */
const ROUTES: { [T in ClientMessageType]: Route<T> } = {
  pong: { role: "any", toPong: (m) => ({ serverSentAt: m.serverSentAt, clientAt: m.clientAt }) },
  questionShown: {
    role: "student",
    toEvent: (m, c) => ({
      type: "shown",
      at: c.at,
      playerId: c.playerId,
      questionIndex: m.questionIndex,
      shownAtClient: m.shownAt,
      clock: c.clock,
    }),
  },
  submitAnswer: {
    role: "student",
    toEvent: (m, c) => ({
      type: "answer",
      at: c.at,
      playerId: c.playerId,
      questionIndex: m.questionIndex,
      answer: m.answer,
      ...(m.answeredAt === undefined ? {} : { answeredAtClient: m.answeredAt }),
      clock: c.clock,
    }),
  },
  buzz: {
    role: "student",
    toEvent: (m, c) => ({
      type: "buzz",
      at: c.at,
      playerId: c.playerId,
      questionIndex: m.questionIndex,
      pressedAtClient: m.pressedAt,
      clock: c.clock,
      arbitrationMs: c.arbitrationMs(),
    }),
  },
  startGame: { role: "host", toEvent: (m, c) => ({ type: "start", at: c.at, ...expectation(m) }) },
  next: { role: "host", toEvent: (m, c) => ({ type: "next", at: c.at, ...expectation(m) }) },
  pause: { role: "host", toEvent: (m, c) => ({ type: "pause", at: c.at, ...expectation(m) }) },
  resume: { role: "host", toEvent: (m, c) => ({ type: "resume", at: c.at, ...expectation(m) }) },
  skip: { role: "host", toEvent: (m, c) => ({ type: "skip", at: c.at, ...expectation(m) }) },
  revealNow: { role: "host", toEvent: (m, c) => ({ type: "revealNow", at: c.at, ...expectation(m) }) },
  endGame: { role: "host", toEvent: (m, c) => ({ type: "end", at: c.at, ...expectation(m) }) },
  extendTime: {
    role: "host",
    toEvent: (m, c) => ({ type: "extend", at: c.at, seconds: m.seconds, ...expectation(m) }),
  },
  markSpoken: {
    role: "host",
    toEvent: (m, c) => ({
      type: "markSpoken",
      at: c.at,
      correct: m.correct,
      ...(m.playerId === undefined ? {} : { playerId: m.playerId }),
      ...expectation(m),
    }),
  },
  kick: { role: "host", toEvent: (m, c) => ({ type: "kick", at: c.at, playerId: m.playerId }) },
  setLobbyLocked: { role: "host", toEvent: (m, c) => ({ type: "lock", at: c.at, locked: m.locked }) },
  grantExtraTime: {
    role: "host",
    toEvent: (m, c) => ({ type: "grantExtraTime", at: c.at, playerId: m.playerId, factor: m.factor }),
  },
  setShowPromptOnPhones: { role: "host", toEvent: (m, c) => ({ type: "showPrompt", at: c.at, show: m.show }) },
};

/** Who is joining: a host screen with its key, or a student (the `join` event they ask for). */
export type JoinRequest = { role: "host"; hostKey: string } | { role: "student"; event: GameEvent };

/** Checks `joinById` options at the edge; throws the join error a client reads when they make no sense. */
export function parseJoinOptions(options: unknown, sessionId: string, at: number): JoinRequest {
  const host = HostJoinOptionsSchema.safeParse(options);
  if (host.success) return { role: "host", hostKey: host.data.hostKey };
  const student = StudentJoinOptionsSchema.safeParse(options);
  if (!student.success) throw new ServerError(JoinErrorCode.BAD_OPTIONS, "Type a nickname to join.");
  const { name, deviceId } = student.data;
  return { role: "student", event: { type: "join", at, playerId: sessionId, name, ...(deviceId ? { deviceId } : {}) } };
}

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === "string" && Object.hasOwn(ROUTES, type);
}

/** A message type as it may be echoed back: short, printable, never the raw value. */
export function printableType(type: unknown): string {
  if (typeof type === "number" && Number.isFinite(type)) return String(type);
  if (typeof type !== "string") return "(not a name)";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = type.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Keeps a zod issue's text short: hostile keys and values can be long. */
function shortText(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface EdgeInput {
  type: ClientMessageType;
  payload: unknown;
  sender: Sender;
  at: number;
  clock: ClockEstimate | null;
  arbitrationMs(): number;
}

/** Schema and role check, then the event the message means. */
export function translate(input: EdgeInput): EdgeOutcome {
  const { type } = input;
  const schema: z.ZodType = CLIENT_MESSAGES[type];
  const parsed = schema.safeParse(input.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length
      ? ` (${shortText(issue.path.map((part) => printableType(part)).join("."), 60)})`
      : "";
    return {
      kind: "refuse",
      code: "invalid",
      message: `That "${type}" message is not valid${where}: ${shortText(issue?.message ?? "bad payload")}.`,
    };
  }
  return route(type, parsed.data as Payload<typeof type>, input);
}

function route<T extends ClientMessageType>(type: T, message: Payload<T>, input: EdgeInput): EdgeOutcome {
  const entry: Route<T> = ROUTES[type];
  const { sender } = input;
  switch (entry.role) {
    case "any":
      return { kind: "pong", ...entry.toPong(message) };
    case "host":
      if (sender.role !== "host") return { kind: "refuse", code: "not-host", message: "Only the teacher can do that." };
      return { kind: "event", event: entry.toEvent(message, { at: input.at }) };
    case "student":
      if (sender.role !== "student") {
        return { kind: "refuse", code: "not-student", message: "Only students can do that." };
      }
      return {
        kind: "event",
        event: entry.toEvent(message, {
          at: input.at,
          playerId: sender.playerId,
          clock: input.clock,
          arbitrationMs: input.arbitrationMs,
        }),
      };
  }
}

// ── flood limits (docs/protocol.md §3) ─────────────────────────────────────────────────────────

/** Burst of 30 messages, then 15 a second: far above an honest phone, well below a flood. */
export const BURST_MESSAGES = 30;
export const SUSTAINED_PER_SECOND = 15;
/** More than this many messages within one second closes the connection (4002). */
export const DISCONNECT_OVER_PER_SECOND = 60;

export type FloodVerdict = "ok" | "rate-limited" | "disconnect";

/** Per-connection flood control: a token bucket answered with `rate-limited`, and a hard cap that disconnects. */
export class FloodGate {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  check(sessionId: string, now: number): FloodVerdict {
    const window = this.windows.get(sessionId);
    if (!window || now - window.startedAt >= 1000) {
      this.windows.set(sessionId, { startedAt: now, count: 1 });
    } else {
      window.count += 1;
      if (window.count > DISCONNECT_OVER_PER_SECOND) return "disconnect";
    }
    const { allowed, bucket } = takeToken(
      this.buckets.get(sessionId) ?? createBucket(BURST_MESSAGES, SUSTAINED_PER_SECOND, now),
      now,
    );
    this.buckets.set(sessionId, bucket);
    return allowed ? "ok" : "rate-limited";
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
    this.windows.delete(sessionId);
  }
}

// ── the edge itself ────────────────────────────────────────────────────────────────────────────

/** What the edge needs of a client socket. `send` only takes the server messages of the protocol. */
export interface EdgeClient {
  sessionId: string;
  send<K extends keyof ServerMessages>(type: K, body: ServerMessages[K]): void;
  leave(code: number, reason?: string): void;
}

/** The answer to a `room.request()`: `{ ok: true, …ack }` or the refusal (docs/protocol.md §3). */
export type Reply = { ok: true; [key: string]: unknown } | { ok: false; code: string; message: string };

export interface EdgeDeps {
  seats: Seats;
  clocks: ClockPeers;
  /** steps an event through the reducer and the log (never throws) */
  submit(event: GameEvent): Promise<Outcome>;
  /** the buzz arbitration window for a press now */
  arbitrationMs(): number;
}

/** Every client message, in order: flood limits, sender, schema and role, then the event and its reply. */
export class MessageEdge {
  private readonly flood = new FloodGate();
  private readonly deps: EdgeDeps;

  constructor(deps: EdgeDeps) {
    this.deps = deps;
  }

  /** A message of a known type. A request gets its reply as the return value; a send gets an `error` message. */
  receive(client: EdgeClient, type: ClientMessageType, payload: unknown, isRequest: boolean): Promise<Reply> | Reply {
    const now = Date.now();
    const verdict = this.flood.check(client.sessionId, now);
    if (verdict === "disconnect") return this.cutOff(client);
    if (verdict === "rate-limited") return answer(client, type, isRequest, REFUSALS.rateLimited);
    const sender = this.deps.seats.sender(client.sessionId);
    if (!sender) return answer(client, type, isRequest, REFUSALS.notFound);
    const clock = this.deps.clocks.estimate(client.sessionId, this.deps.seats.studentSessions()) ?? null;
    // Events carry the arrival time stamped before Colyseus decoded the message (never later than now).
    const at = this.deps.clocks.arrivalMs(client.sessionId, now);
    const outcome = translate({ type, payload, sender, at, clock, arbitrationMs: this.deps.arbitrationMs });
    if (outcome.kind === "refuse") return answer(client, type, isRequest, { ok: false, ...outcome });
    if (outcome.kind === "pong") {
      const moved = this.deps.clocks.pong(client.sessionId, outcome.serverSentAt, outcome.clientAt, now);
      if (moved) client.send("clock", moved);
      return { ok: true };
    }
    return this.deps.submit(outcome.event).then((result) => {
      if (!result.ok && result.quiet) return { ok: true };
      if (!result.ok) return answer(client, type, isRequest, { ok: false, code: result.code, message: result.message });
      // The reducer's own notice to this student (answerAck, buzzAck) is the request's reply as well.
      const own = sender.role === "student" ? result.effects.find(isNoticeFor(sender.playerId)) : undefined;
      return own && own.message.type !== "error" ? { ok: true, ...own.message.body } : { ok: true };
    });
  }

  /**
   * A message type nobody handles: `unknown-message`. Colyseus hands the literal type "*" to this same handler
   * with its payload where the type should be (and a context object third), so that payload is never read.
   */
  unknown(client: EdgeClient, type: unknown, third: unknown): void {
    if (this.flood.check(client.sessionId, Date.now()) === "disconnect") {
      this.cutOff(client);
      return;
    }
    const literalStar =
      typeof third === "object" && third !== null && typeof Reflect.get(third, "resolve") === "function";
    const name = literalStar ? "*" : printableType(type);
    client.send("error", { type: name, code: "unknown-message", message: `There is no message called "${name}".` });
  }

  forget(sessionId: string): void {
    this.flood.forget(sessionId);
  }

  private cutOff(client: EdgeClient): Reply {
    client.leave(4002, "Too many messages.");
    return REFUSALS.rateLimited;
  }
}

const REFUSALS = {
  rateLimited: { ok: false, code: "rate-limited", message: "Too many messages: slow down a little." },
  notFound: { ok: false, code: "not-found", message: "You are not part of this game any more." },
} as const satisfies Record<string, Reply>;

function isNoticeFor(playerId: string) {
  return (effect: Effect): effect is Extract<Effect, { type: "notify" }> =>
    effect.type === "notify" && effect.playerId === playerId;
}

/** A refusal goes back as the request's reply, or as an `error` message for a plain send. */
function answer(client: EdgeClient, type: string, isRequest: boolean, reply: Reply): Reply {
  if (!isRequest && !reply.ok) {
    // Join refusals never reach here; anything else the reducer says is "not now".
    const code: ErrorCode = isErrorCode(reply.code) ? reply.code : "wrong-phase";
    client.send("error", { type, code, message: reply.message });
  }
  return reply;
}
