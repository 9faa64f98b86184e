import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { estimateRoundTrip, type RoundTripEstimate } from "@handsup/shared";
import { processLoopLag } from "./event-loop-lag.ts";

/**
 * Round trips the page's script cannot stretch, and arrival stamps taken before a message is decoded.
 *
 * Colyseus' ws-transport keeps the `ws` WebSocket of each client as `client.ref`. We send it WebSocket ping frames
 * with a random payload; browsers (and Node's WebSocket, and `ws`) answer them with a pong frame by themselves, below
 * the page's JavaScript, so a phone cannot hold them to look far away, and a pong cannot be sent before its ping
 * (the payload is unguessable). Our own listener on the socket's "message" event is put in front of the room's, so
 * the arrival time of each message is read before Colyseus decodes it.
 */
export interface TransportTimings {
  /** Starts watching a connection's socket (on join and on reconnect: the socket is new, the history is kept). */
  attach(sessionId: string, socket: EventEmitter): void;
  forget(sessionId: string): void;
  /** Sends a ping frame to each watched connection that is due one. */
  pingDue(nowMs: number): void;
  /** The smallest transport round trip seen and its jitter, once a pong came back. */
  estimate(sessionId: string): RoundTripEstimate | undefined;
  /** When the latest message from this connection reached the server (server ms, before decoding). */
  lastArrivalMs(sessionId: string): number | undefined;
}

/** The parts of a `ws` WebSocket we use. */
interface PingableSocket extends EventEmitter {
  ping(data?: Buffer, mask?: boolean, callback?: (error?: Error) => void): void;
  readyState: number;
}

const OPEN = 1;
/** Quick pings after joining (a buzz can come seconds after), then a slow heartbeat like the clock sync's. */
const WARMUP_PINGS = 8;
const WARMUP_INTERVAL_MS = 300;
const STEADY_INTERVAL_MS = 5000;
/** Round trips kept: enough for a median that means something, recent enough to follow a phone moving rooms. */
const HISTORY = 16;
/** Pings not answered after this many newer ones are forgotten (a lost or withheld pong). */
const PENDING_KEPT = 4;
/** A pong handled after the process stalled this long measured the server, not the link: it is not kept. */
const STALLED_SAMPLE_MS = 10;
const MIN_CLEAN_SAMPLES = 3;

interface Watched {
  socket: PingableSocket | undefined;
  detach: () => void;
  pending: { payload: string; sentAt: number }[];
  rtts: number[];
  /** round trips measured while the server itself had stalled: used only until there are enough clean ones */
  stalledRtts: number[];
  estimate: RoundTripEstimate | undefined;
  pingsSent: number;
  nextPingAt: number;
  lastArrivalMs: number | undefined;
}

function isPingable(socket: EventEmitter): socket is PingableSocket {
  return typeof (socket as Partial<PingableSocket>).ping === "function";
}

export function createTransportTimings(): TransportTimings {
  const watched = new Map<string, Watched>();
  const loopLag = processLoopLag();

  return {
    attach(sessionId, socket) {
      const entry: Watched = watched.get(sessionId) ?? {
        socket: undefined,
        detach: () => {},
        pending: [],
        rtts: [],
        stalledRtts: [],
        estimate: undefined,
        pingsSent: 0,
        nextPingAt: 0,
        lastArrivalMs: undefined,
      };
      entry.detach();
      entry.pending = [];
      // Another transport (or a test double) without ping frames: no transport figures, the allowance falls back
      // to the application round trip.
      if (!isPingable(socket)) {
        entry.socket = undefined;
        entry.detach = () => {};
        watched.set(sessionId, entry);
        return;
      }
      const onPong = (data: Buffer) => {
        const payload = data.toString("hex");
        const index = entry.pending.findIndex((ping) => ping.payload === payload);
        if (index < 0) return; // Colyseus' own heartbeat, or a pong for a ping we gave up on
        const rtt = performance.now() - entry.pending[index]!.sentAt;
        entry.pending.splice(index, 1);
        if (loopLag.stallMs() > STALLED_SAMPLE_MS) entry.stalledRtts = [...entry.stalledRtts, rtt].slice(-HISTORY);
        else entry.rtts = [...entry.rtts, rtt].slice(-HISTORY);
        // A stalled server's round trips beat none, but three clean ones beat them.
        entry.estimate = estimateRoundTrip(
          entry.rtts.length >= MIN_CLEAN_SAMPLES ? entry.rtts : [...entry.rtts, ...entry.stalledRtts],
        );
      };
      const onMessage = () => {
        entry.lastArrivalMs = Date.now();
      };
      socket.on("pong", onPong);
      socket.prependListener("message", onMessage);
      entry.socket = socket;
      entry.detach = () => {
        socket.off("pong", onPong);
        socket.off("message", onMessage);
      };
      entry.nextPingAt = 0;
      watched.set(sessionId, entry);
    },
    forget(sessionId) {
      watched.get(sessionId)?.detach();
      watched.delete(sessionId);
    },
    pingDue(nowMs) {
      for (const entry of watched.values()) {
        const socket = entry.socket;
        if (!socket || socket.readyState !== OPEN || nowMs < entry.nextPingAt) continue;
        const payload = randomBytes(8);
        entry.pending = [
          ...entry.pending.slice(-(PENDING_KEPT - 1)),
          { payload: payload.toString("hex"), sentAt: performance.now() },
        ];
        entry.pingsSent += 1;
        entry.nextPingAt = nowMs + (entry.pingsSent < WARMUP_PINGS ? WARMUP_INTERVAL_MS : STEADY_INTERVAL_MS);
        socket.ping(payload, false, () => {});
      }
    },
    estimate(sessionId) {
      return watched.get(sessionId)?.estimate;
    },
    lastArrivalMs(sessionId) {
      return watched.get(sessionId)?.lastArrivalMs;
    },
  };
}
