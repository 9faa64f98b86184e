import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { CreateGameRequest, CreateGameResponse } from "@handsup/shared";
import { type RunningServer, startServer } from "../../server/src/app.ts";
import { readConfig } from "../../server/src/config.ts";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";

/** Room-tier test harness: a real server on a free port, real SDK clients over real sockets. */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  // A test may bring its own data directory (e.g. a small filesystem it mounted itself).
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "handsup-test-"));
  const config = readConfig({
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    RECONNECT_SECONDS: env.RECONNECT_SECONDS ?? "120",
  });
  const server = await startServer(config);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    server,
    async stop() {
      await server.stop();
      if (env.DATA_DIR === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createGame(url: string, request: CreateGameRequest): Promise<CreateGameResponse> {
  const res = await fetch(`${url}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`create game failed ${res.status}: ${JSON.stringify(body)}`);
  return body as CreateGameResponse;
}

export interface Peer {
  room: Room<QuizState>;
  messages: { type: string; payload: any }[];
  /** the last `clock` offset the server sent (client − server) */
  offsetMs: number;
  state(): QuizState;
  waitFor(predicate: (state: QuizState) => boolean, what: string, timeoutMs?: number): Promise<QuizState>;
  waitForMessage(type: string, predicate?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  /** sends after this peer's emulated link delay */
  sendLate(type: string, payload: unknown): void;
  /** sends and waits for the reply (`error` or the given ack type) */
  sendAndWait(type: string, payload: unknown, reply: string): Promise<{ type: string; payload: any }>;
}

/** Wraps a joined room: answers clock pings like a phone, records every message. */
/**
 * `clockSkewMs` sets the phone's clock off from the server's; `linkDelayMs` emulates a slow network
 * link in each direction for the clock-sync exchange (so the server measures that latency), and
 * `sendLate` sends a message after the same delay, as a phone on that link would.
 */
export async function wrapPeer(room: Room<QuizState>, clockSkewMs = 0, linkDelayMs = 0): Promise<Peer> {
  const messages: { type: string; payload: any }[] = [];
  const peer: Peer = {
    room,
    messages,
    offsetMs: 0,
    state: () => room.state,
    waitFor(predicate, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        if (room.state && predicate(room.state)) return resolve(room.state);
        const timer = setTimeout(() => {
          room.onStateChange.remove(listener);
          reject(new Error(`timed out waiting for ${what}; phase=${room.state?.phase}`));
        }, timeoutMs);
        const listener = (state: QuizState) => {
          if (predicate(state)) {
            clearTimeout(timer);
            room.onStateChange.remove(listener);
            resolve(state);
          }
        };
        room.onStateChange(listener);
      });
    },
    waitForMessage(type, predicate = () => true, timeoutMs = 10_000) {
      const seen = messages.length;
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const found = messages.slice(seen).find((m) => m.type === type && predicate(m.payload));
          if (found) return resolve(found.payload);
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for message ${type}`));
          setTimeout(poll, 5);
        };
        poll();
      });
    },
    sendLate(type, payload) {
      setTimeout(() => room.send(type as never, payload as never), linkDelayMs);
    },
    async sendAndWait(type, payload, reply) {
      const seen = messages.length;
      room.send(type as never, payload as never);
      const started = Date.now();
      for (;;) {
        const found = messages
          .slice(seen)
          .find((m) => m.type === reply || (m.type === "error" && m.payload.type === type));
        if (found) return found;
        if (Date.now() - started > 10_000) throw new Error(`no reply to ${type}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
  room.onMessage("*", (type, payload) => {
    messages.push({ type: String(type), payload });
    if (type === "ping")
      setTimeout(() => {
        const clientAt = Date.now() + clockSkewMs;
        setTimeout(
          () => room.send("pong" as never, { serverSentAt: payload.serverSentAt, clientAt } as never),
          linkDelayMs,
        );
      }, linkDelayMs);
    if (type === "clock") peer.offsetMs = payload.offsetMs;
  });
  if (!room.state || room.state.phase === undefined) {
    await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  }
  return peer;
}

export async function joinStudent(
  url: string,
  code: string,
  name: string,
  extra: Record<string, unknown> = {},
  clockSkewMs = 0,
  linkDelayMs = 0,
) {
  const client = new Client(url);
  const room = await client.joinById<QuizState>(code, { name, ...extra });
  return wrapPeer(room as unknown as Room<QuizState>, clockSkewMs, linkDelayMs);
}

export async function joinHost(url: string, code: string, hostKey: string) {
  const client = new Client(url);
  const room = await client.joinById<QuizState>(code, { hostKey });
  return wrapPeer(room as unknown as Room<QuizState>);
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
