import {
  type AnswerInput,
  addClockSample,
  type ClockEstimate,
  createBucket,
  estimateClock,
  type OffsetSample,
  sampleFromExchange,
  type TokenBucket,
  takeToken,
} from "@handsup/shared";
import type { PlayerState } from "./quiz-state.ts";

/** The answer a student gave to the current question, kept server-side until the reveal. */
export interface GivenAnswer {
  input: AnswerInput | undefined;
  text: string;
  correct: boolean;
  points: number;
  bonus: number;
  streakAfter: number;
  responseMs: number;
  bucket: number;
}

/** A buzz as the server judged it: its fair press time and when it really arrived. */
export interface BuzzRecord {
  playerId: string;
  pressServerMs: number;
  arrivalServerMs: number;
  /** how far the credited press may be from the true one (photo-finish.ts) */
  uncertaintyMs: number;
}

/**
 * Everything the server knows about one student that the student must not see (their clock, their
 * answer before the reveal) beside the synchronised PlayerState that they may see.
 */
export interface Seat {
  playerId: string;
  sessionId: string;
  deviceId: string | undefined;
  nameKey: string;
  view: PlayerState;
  connected: boolean;
  clockHistory: OffsetSample[];
  clock: ClockEstimate | undefined;
  /** the offset last sent to the client in a `clock` message */
  sentOffsetMs?: number;
  /** server stamps of pings sent and not yet answered, so a pong cannot be forged */
  pendingPings: number[];
  pingsSent: number;
  nextPingAt: number;
  bucket: TokenBucket;
  /** when the score last changed, for ranking ties by first reach */
  reachedAt: number;
  /** the question index this student first could play (late joiners miss earlier ones) */
  firstQuestion: number;
  /** current question */
  shownAt: number | undefined;
  answer: GivenAnswer | undefined;
  buzz: BuzzRecord | undefined;
  earlyLockUntil: number;
}

/** Burst of 30 messages, then 15 a second: far above an honest phone, well below a flood. */
const BUCKET_CAPACITY = 30;
const BUCKET_REFILL_PER_SEC = 15;

export function newSeat(input: {
  playerId: string;
  sessionId: string;
  deviceId: string | undefined;
  nameKey: string;
  view: PlayerState;
  now: number;
  firstQuestion: number;
}): Seat {
  return {
    ...input,
    connected: true,
    clockHistory: [],
    clock: undefined,
    pendingPings: [],
    pingsSent: 0,
    nextPingAt: input.now,
    bucket: createBucket(BUCKET_CAPACITY, BUCKET_REFILL_PER_SEC, input.now),
    reachedAt: 0,
    shownAt: undefined,
    answer: undefined,
    buzz: undefined,
    earlyLockUntil: 0,
  };
}

/** A fresh token bucket for a connection that is not a student (the host). */
export function newBucket(now: number): TokenBucket {
  return createBucket(BUCKET_CAPACITY, BUCKET_REFILL_PER_SEC, now);
}

/** Spends one message token; false when the sender is over its rate. */
export function spendToken(holder: { bucket: TokenBucket }, now: number): boolean {
  const { allowed, bucket } = takeToken(holder.bucket, now);
  holder.bucket = bucket;
  return allowed;
}

/** Pings in quick succession after joining, then a slow heartbeat that tracks drift. */
const WARMUP_PINGS = 5;
const WARMUP_INTERVAL_MS = 500;
const STEADY_INTERVAL_MS = 5000;

export function schedulePing(clock: { pingsSent: number; nextPingAt: number }, now: number): void {
  clock.pingsSent += 1;
  clock.nextPingAt = now + (clock.pingsSent < WARMUP_PINGS ? WARMUP_INTERVAL_MS : STEADY_INTERVAL_MS);
}

/** Folds one pong into the clock estimate; refuses stamps the server never sent. */
export function acceptPong(
  holder: { pendingPings: number[]; clockHistory: OffsetSample[]; clock: ClockEstimate | undefined },
  serverSentAt: number,
  clientAt: number,
  now: number,
): boolean {
  const index = holder.pendingPings.indexOf(serverSentAt);
  if (index < 0) return false;
  holder.pendingPings.splice(index, 1);
  const sample = sampleFromExchange({ localSendMs: serverSentAt, remoteMs: clientAt, localReceiveMs: now });
  holder.clockHistory = addClockSample(holder.clockHistory, sample);
  holder.clock = estimateClock(holder.clockHistory);
  return true;
}
