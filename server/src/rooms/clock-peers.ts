import type { EventEmitter } from "node:events";
import {
  addClockSample,
  arbitrationWindowMs,
  type ClockEstimate,
  type ClockMessage,
  estimateClock,
  type OffsetSample,
  type PingMessage,
  plausibleOneWayCeilingMs,
  sampleFromExchange,
  trustedLink,
} from "@handsup/shared";
import { processLoopLag } from "../fairness/event-loop-lag.ts";
import { createTransportTimings } from "../fairness/transport-rtt.ts";

/**
 * Clock sync with every connection (students and hosts): which pings are due, how a pong changes the estimate of
 * that connection's clock. How round trips are measured lives only here, behind this small interface, so it can
 * change (a round trip a page's script can stretch is not evidence) without touching the room:
 *   due(now) → pings to send · pong(...) → a clock message worth sending · estimate(id) · forget(id).
 */
export interface ClockPeers {
  /**
   * Starts tracking a connection (a join or a reconnect). With its socket (Colyseus' `client.ref`), the round trip
   * comes from WebSocket ping frames the page's script cannot hold (server/src/fairness/transport-rtt.ts).
   */
  add(sessionId: string, now: number, socket?: EventEmitter): void;
  forget(sessionId: string): void;
  /** The pings due now, one per connection at most. */
  due(now: number): { sessionId: string; ping: PingMessage }[];
  /** Folds a pong in; returns the `clock` message to send when the estimate moved, else undefined. */
  pong(sessionId: string, serverSentAt: number, clientAt: number, now: number): ClockMessage | undefined;
  /**
   * The current estimate of this connection's clock (client − server), if any pong arrived yet: the offset from the
   * pongs, the round trip and jitter it cannot inflate, and — for a press — the bounds of the class given
   * (`classSessionIds`: the ceiling over their latencies) and the server's loop lag now.
   */
  estimate(sessionId: string, classSessionIds?: Iterable<string>): ClockEstimate | undefined;
  /** The buzz arbitration window over these connections' one-way latencies (rules/buzz-order.ts). */
  arbitrationMs(sessionIds: Iterable<string>): number;
  /** When this connection's message being handled now reached the server (before decoding); `now` without one. */
  arrivalMs(sessionId: string, now: number): number;
}

/** Pings in quick succession after joining, then a slow heartbeat that tracks drift. */
const WARMUP_PINGS = 5;
const WARMUP_INTERVAL_MS = 500;
const STEADY_INTERVAL_MS = 5000;
/** Pings not yet answered that still count: older stamps are forgotten, so a pong cannot be forged from them. */
const PENDING_PINGS_KEPT = 4;
/** An estimate that moved less than this is not news: an unchanged one would cost a socket write per pong. */
const MIN_OFFSET_CHANGE_MS = 2;

interface Peer {
  pending: number[];
  history: OffsetSample[];
  clock: ClockEstimate | undefined;
  sentOffsetMs: number | undefined;
  pingsSent: number;
  nextPingAt: number;
}

/** NTP-style clock peers (shared/src/rules/clock-sync.ts does the math). */
export function createClockPeers(): ClockPeers {
  const peers = new Map<string, Peer>();
  const transport = createTransportTimings();
  const loopLag = processLoopLag();
  /** The round trip this connection cannot inflate (transport ping frames, cross-checked with its pongs). */
  const trusted = (sessionId: string): ClockEstimate | undefined => {
    const clock = peers.get(sessionId)?.clock;
    const link = trustedLink(clock, transport.estimate(sessionId));
    return clock && link ? { ...clock, rttMs: link.rttMs, jitterMs: link.jitterMs } : clock;
  };
  const oneWays = (sessionIds: Iterable<string>): number[] => {
    const out: number[] = [];
    for (const id of sessionIds) {
      const clock = trusted(id);
      if (clock) out.push(clock.rttMs / 2);
    }
    return out;
  };
  return {
    add(sessionId, now, socket) {
      if (socket) transport.attach(sessionId, socket);
      if (peers.has(sessionId)) return;
      peers.set(sessionId, {
        pending: [],
        history: [],
        clock: undefined,
        sentOffsetMs: undefined,
        pingsSent: 0,
        nextPingAt: now,
      });
    },
    forget(sessionId) {
      peers.delete(sessionId);
      transport.forget(sessionId);
    },
    due(now) {
      transport.pingDue(now);
      const out: { sessionId: string; ping: PingMessage }[] = [];
      for (const [sessionId, peer] of peers) {
        if (now < peer.nextPingAt) continue;
        peer.pending = [...peer.pending.slice(-(PENDING_PINGS_KEPT - 1)), now];
        peer.pingsSent += 1;
        peer.nextPingAt = now + (peer.pingsSent < WARMUP_PINGS ? WARMUP_INTERVAL_MS : STEADY_INTERVAL_MS);
        out.push({ sessionId, ping: { serverSentAt: now } });
      }
      return out;
    },
    pong(sessionId, serverSentAt, clientAt, now) {
      const peer = peers.get(sessionId);
      if (!peer) return undefined;
      const index = peer.pending.indexOf(serverSentAt);
      if (index < 0) return undefined; // a stamp the server never sent, or one already answered
      peer.pending.splice(index, 1);
      const sample = sampleFromExchange({ localSendMs: serverSentAt, remoteMs: clientAt, localReceiveMs: now });
      peer.history = addClockSample(peer.history, sample);
      peer.clock = estimateClock(peer.history);
      if (!peer.clock) return undefined;
      if (peer.sentOffsetMs !== undefined && Math.abs(peer.clock.offsetMs - peer.sentOffsetMs) < MIN_OFFSET_CHANGE_MS) {
        return undefined;
      }
      peer.sentOffsetMs = peer.clock.offsetMs;
      return { offsetMs: peer.clock.offsetMs, rttMs: peer.clock.rttMs };
    },
    estimate(sessionId, classSessionIds) {
      const clock = trusted(sessionId);
      if (!clock || classSessionIds === undefined) return clock;
      return {
        ...clock,
        bounds: {
          ceilingOneWayMs: plausibleOneWayCeilingMs(oneWays(classSessionIds)),
          loopLagMs: loopLag.lagMs(),
          stallMs: loopLag.stallMs(),
        },
      };
    },
    arbitrationMs(sessionIds) {
      return arbitrationWindowMs(oneWays(sessionIds), loopLag.stallMs());
    },
    arrivalMs(sessionId, now) {
      const stamped = transport.lastArrivalMs(sessionId);
      // Stamped by our listener just before this message's handler; an old stamp belongs to another message.
      return stamped !== undefined && stamped <= now && now - stamped < 1000 ? stamped : now;
    },
  };
}
