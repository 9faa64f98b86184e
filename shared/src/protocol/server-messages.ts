/** Messages the server sends to a client (`room.onMessage(type, cb)`), by name. */

/** Clock sync probe: answer at once with `pong { serverSentAt, clientAt }`. */
export interface PingMessage {
  serverSentAt: number;
}
/** The server's current estimate of this client's clock: serverTime ≈ clientTime − offsetMs. */
export interface ClockMessage {
  offsetMs: number;
  rttMs: number;
}
/**
 * Sent to a student on joining: the key of their own entry in `state.players`. It equals the
 * sessionId, except when a phone took its old seat back by name (then the old seat's id).
 */
export interface WelcomeMessage {
  playerId: string;
  name: string;
}
/** A message was refused; nothing changed. `type` names the message it answers. */
export interface ErrorMessage {
  /** the refused message's type (printable, at most 40 characters), or "store" for the teacher's save banner */
  type: string;
  code: ErrorCode;
  message: string;
}
/** An answer was recorded. */
export interface AnswerAckMessage {
  questionIndex: number;
}
/** A buzz was received (its place in the order follows in state once decided). */
export interface BuzzAckMessage {
  questionIndex: number;
  lockedOutUntil?: number;
}
/** Sent just before the server closes a kicked student's connection. */
export interface KickedMessage {
  reason: string;
}

/**
 * Why a message was refused: invalid (payload does not match its schema), unknown-message, not-host (a host-only
 * message from a student), not-student, wrong-phase (e.g. an answer outside the question), stale-question (the
 * questionIndex is not the current question), already-answered, locked-out, not-your-turn, rate-limited, not-found,
 * not-saved (the results store could not write it, e.g. a full disk: nothing changed, try again).
 */
export const ERROR_CODES = [
  "invalid",
  "unknown-message",
  "not-host",
  "not-student",
  "wrong-phase",
  "stale-question",
  "already-answered",
  "locked-out",
  "not-your-turn",
  "rate-limited",
  "not-found",
  "not-saved",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export const SERVER_MESSAGE_TYPES = [
  "welcome",
  "ping",
  "clock",
  "error",
  "answerAck",
  "buzzAck",
  "kicked",
] as const satisfies readonly ServerMessageType[];

/** Every server→client message: its name and its body. The room can only send these. */
export interface ServerMessages {
  welcome: WelcomeMessage;
  ping: PingMessage;
  clock: ClockMessage;
  error: ErrorMessage;
  answerAck: AnswerAckMessage;
  buzzAck: BuzzAckMessage;
  kicked: KickedMessage;
}
export type ServerMessageType = keyof ServerMessages;
