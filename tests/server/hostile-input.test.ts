import { randomBytes } from "node:crypto";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import { createGame, joinHost, joinStudent, type Peer, wrapPeer } from "./harness.ts";
import { answer, answerFor } from "./room-helpers.ts";
import { type ServerProcess, startServerProcess } from "./server-child.ts";

/**
 * While a real game with four honest students is played to the end, attackers send at least 50,000
 * hostile messages: payloads whose conversion throws, `__proto__` keys, deep nesting, huge strings
 * and arrays, wrong types, 1,000-character and wildcard message types, replays of old answers,
 * out-of-phase and host-only messages, and raw garbage frames over the socket (issue 8 item 1 and
 * the hostile-input suite). Then: the server is up, the honest game ended with the exact expected
 * scores, and no attacker's state changed.
 */

const ATTACKERS = 36;
/** Just under the room's flood limit, so each attacker keeps its socket (a closed one rejoins). */
const MESSAGES_PER_ATTACKER_PER_SECOND = 50;
const TARGET_MESSAGES = 50_000;
const HONEST = ["Ann", "Bob", "Cy", "Dee"] as const;
/** Who answers which question right (the room-test bank has six, played in bank order). */
const RIGHT: Record<(typeof HONEST)[number], boolean[]> = {
  Ann: [true, true, true, true, true, true],
  Bob: [true, false, true, false, true, false],
  Cy: [false, false, false, false, false, false],
  Dee: [true, true, true, false, false, false],
};

let srv: ServerProcess;
beforeAll(async () => {
  srv = await startServerProcess();
});
afterAll(async () => {
  await srv.stop();
});

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Every kind of hostile message, as [type, payload] pairs; `ctx` carries what the attacker saw. */
function hostileMessages(ctx: {
  questionIndex: number;
  oldAnswers: unknown[];
  honestIds: string[];
}): [string | number, unknown][] {
  const victim = ctx.honestIds[ctx.questionIndex % Math.max(1, ctx.honestIds.length)] ?? "nobody";
  const proto = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
  const poisonedAnswer = JSON.parse('{"questionIndex": 0, "answer": {"__proto__": {"kind": "choice"}}}');
  // only answers to questions already closed: replaying one is never a valid answer to the current question
  const old = ctx.oldAnswers.filter((a) => (a as { questionIndex: number }).questionIndex < ctx.questionIndex).at(-1);
  return [
    ["*", { toString: 1 }],
    ["*", { valueOf: "x", toString: "y" }],
    ["*", "hello"],
    ["submitAnswer", { toString: 1, valueOf: 2 }],
    ["submitAnswer", { questionIndex: { toString: 1 }, answer: { kind: { toString: 1 } }, answeredAt: 1 }],
    ["buzz", { questionIndex: ctx.questionIndex, pressedAt: { valueOf: 1 } }],
    ["kick", proto],
    ["submitAnswer", poisonedAnswer],
    ["submitAnswer", nested(500)],
    ["pong", { serverSentAt: nested(500), clientAt: 1 }],
    [
      "submitAnswer",
      { questionIndex: ctx.questionIndex, answer: { kind: "text", text: "x".repeat(12_000) }, answeredAt: 1 },
    ],
    [
      "submitAnswer",
      {
        questionIndex: ctx.questionIndex,
        answer: { kind: "order", order: Array.from({ length: 3000 }, (_, i) => i) },
        answeredAt: 1,
      },
    ],
    ["submitAnswer", { questionIndex: String(ctx.questionIndex), answer: 5, answeredAt: "now" }],
    ["questionShown", { questionIndex: ctx.questionIndex + 1, shownAt: Number.MAX_VALUE }],
    ["questionShown", { questionIndex: -1, shownAt: Number.NaN }],
    ["x".repeat(1000), { a: 1 }],
    [7, { a: 1 }],
    ["__proto__", {}],
    ["constructor", {}],
    ["hasOwnProperty", {}],
    // replays of old answers, out-of-phase answers and buzzes
    ["submitAnswer", old ?? { questionIndex: 0, answer: { kind: "boolean", value: true }, answeredAt: 1 }],
    ["submitAnswer", { questionIndex: ctx.questionIndex + 2, answer: { kind: "boolean", value: true }, answeredAt: 1 }],
    ["buzz", { questionIndex: ctx.questionIndex, pressedAt: 1 }],
    // host-only messages from a student
    ["startGame", {}],
    ["next", {}],
    ["skip", {}],
    ["pause", {}],
    ["resume", {}],
    ["revealNow", {}],
    ["endGame", {}],
    ["extendTime", { seconds: 120 }],
    ["markSpoken", { correct: true }],
    ["kick", { playerId: victim }],
    ["setLobbyLocked", { locked: true }],
    ["grantExtraTime", { playerId: victim, factor: 2 }],
    ["setShowPromptOnPhones", { show: false }],
    ["kick", { playerId: 12345 }],
  ];
}

interface Attacker {
  name: string;
  deviceId: string;
  room: Room<QuizState> | undefined;
  sent: number;
  closes: number;
}

describe("a game played while attackers send 50,000 hostile messages", () => {
  it("finishes with the exact honest scores; the server stays up; no attacker's state changes", async () => {
    try {
      await playUnderAttack();
    } catch (error) {
      // Say whether the server itself died: a timeout alone explains nothing.
      const tail = srv.log().split("\n").slice(-15).join("\n");
      throw new Error(`${(error as Error).message}\nserver alive: ${srv.alive()}; its last lines:\n${tail}`, {
        cause: error,
      });
    }
  }, 120_000);
});

async function playUnderAttack(): Promise<void> {
  {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      order: "bank",
      questionCount: 6,
      speedScoring: false,
      streaks: false,
      timeLimitSec: 60,
      maxPlayers: 100,
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const honest: Record<string, Peer> = {};
    for (const name of HONEST)
      honest[name] = await joinStudent(srv.url, game.code, name, { deviceId: `device-${name}` });
    const honestIds = HONEST.map((name) => honest[name]?.messages.find((m) => m.type === "welcome")?.payload.playerId);

    const attackers: Attacker[] = Array.from({ length: ATTACKERS }, (_, i) => ({
      name: `Mallory ${i + 1}`,
      deviceId: `attacker-${i + 1}`,
      room: undefined,
      sent: 0,
      closes: 0,
    }));
    const join = async (attacker: Attacker) => {
      const room = await new Client(srv.url).joinById<QuizState>(game.code, {
        name: attacker.name,
        deviceId: attacker.deviceId,
      });
      const peer = await wrapPeer(room as unknown as Room<QuizState>);
      attacker.room = peer.room;
      peer.room.onLeave(() => {
        attacker.closes += 1;
        attacker.room = undefined;
      });
    };
    for (const attacker of attackers) await join(attacker);
    await host.waitFor((st) => st.playerCount === HONEST.length + ATTACKERS, "every student in the lobby");

    // Garbage frames straight onto a joined socket, and onto a socket that never got a seat.
    const garbage = { sent: 0 };
    let garbler = await joinStudent(srv.url, game.code, "Garbler", { deviceId: "garbler-device" });
    const rawSocket = () =>
      (garbler.room as unknown as { connection: { transport: { ws: WebSocket } } }).connection.transport.ws;
    let garblerRejoins = 0;

    const ctx = { questionIndex: 0, oldAnswers: [] as unknown[], honestIds: honestIds.filter(Boolean) as string[] };
    let flooding = true;
    const flood = (async () => {
      let round = 0;
      while (flooding) {
        round += 1;
        const every = hostileMessages(ctx);
        // A 1,000-character type closes the socket (1009), so only the first attacker sends it and rejoins.
        const staying = every.filter(([type]) => String(type).length < 100);
        for (const [index, attacker] of attackers.entries()) {
          const kinds = index === 0 ? every : staying;
          if (!attacker.room) {
            if (attacker.closes < 50) void join(attacker).catch(() => {});
            continue;
          }
          // about 55 a second each: 11 every 200 ms
          for (let k = 0; k < MESSAGES_PER_ATTACKER_PER_SECOND / 5; k++) {
            const [type, payload] = kinds[(round * 11 + k + index) % kinds.length] ?? ["*", 1];
            try {
              attacker.room.send(type as never, payload as never);
              attacker.sent += 1;
            } catch {
              // the socket closed under us: it rejoins next round
            }
          }
        }
        const socket = rawSocket();
        if (socket.readyState === WebSocket.OPEN) {
          for (let k = 0; k < 100; k++) {
            socket.send(randomBytes(1 + ((round * 31 + k) % 300)));
            garbage.sent += 1;
          }
        } else if (socket.readyState === WebSocket.CLOSED && garblerRejoins < 100) {
          garblerRejoins += 1;
          void joinStudent(srv.url, game.code, "Garbler", { deviceId: "garbler-device" }).then(
            (peer) => {
              garbler = peer;
            },
            () => {},
          );
        }
        if (round % 10 === 0) {
          const stranger = new WebSocket(`ws://127.0.0.1:${srv.port}/bogus/${game.code}?sessionId=nope`);
          stranger.on("error", () => {});
          stranger.on("open", () => {
            stranger.send(randomBytes(64));
            stranger.close();
          });
          garbage.sent += 1;
        }
        // A fixed pause, never a catch-up burst: a late round must not push a socket over the flood limit.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    // The honest game, driven like a teacher: start, answers, reveal, leaderboard, … podium, end.
    const expected: Record<string, number> = Object.fromEntries(HONEST.map((name) => [name, 0]));
    const gameStarted = Date.now();
    host.room.send("startGame", {});
    for (let index = 0; index < 6; index++) {
      let replay: unknown;
      const state = await host.waitFor(
        (st) => st.phase === "question" && st.questionIndex === index,
        `question ${index + 1}`,
        30_000,
      );
      const basePoints = state.question.basePoints;
      ctx.questionIndex = index;
      for (const name of HONEST) {
        const peer = honest[name];
        if (!peer) throw new Error(`no peer ${name}`);
        await peer.waitFor(
          (st) => st.phase === "question" && st.questionIndex === index,
          `${name} sees question ${index + 1}`,
        );
        const right = RIGHT[name][index] ?? false;
        if (name === "Ann")
          replay = { questionIndex: index, answer: answerFor(peer.state(), true), answeredAt: Date.now() };
        await answer(peer, right);
        if (right) expected[name] = (expected[name] ?? 0) + basePoints;
      }
      host.room.send("revealNow", {});
      // From now on attackers replay this question's right answer (on later questions it is old).
      if (replay) ctx.oldAnswers.push(replay);
      await host.waitFor((st) => st.phase === "reveal" && st.questionIndex === index, `reveal ${index + 1}`);
      host.room.send("next", {});
      const after = await host.waitFor(
        (st) => st.phase === "leaderboard" || st.phase === "podium",
        `leaderboard ${index + 1}`,
      );
      if (after.phase === "leaderboard") host.room.send("next", {});
    }
    await host.waitFor((st) => st.phase === "podium", "the podium");
    const playedMs = Date.now() - gameStarted;

    // Keep the flood going until the target is reached, then stop.
    const total = () => attackers.reduce((sum, a) => sum + a.sent, 0) + garbage.sent;
    const deadline = Date.now() + 30_000;
    while (total() < TARGET_MESSAGES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    flooding = false;
    await flood;
    host.room.send("endGame", {});
    await host.waitFor((st) => st.phase === "ended", "the end");

    // The server is up and still makes games.
    expect(srv.alive()).toBe(true);
    expect((await fetch(`${srv.url}/api/config`)).status).toBe(200);
    const closes = attackers.reduce((sum, a) => sum + a.closes, 0);
    expect({ total: total(), closes, garblerRejoins }).toMatchObject({ total: expect.any(Number) });
    console.log(
      `game played in ${playedMs} ms; sent ${total()} (raw ${garbage.sent}), attacker closes ${closes}, garbler rejoins ${garblerRejoins}`,
    );
    expect(total()).toBeGreaterThanOrEqual(TARGET_MESSAGES);

    // The honest scores are exactly what their answers earned; nobody was kicked or given time.
    const players = [...host.state().players.values()];
    const byName = Object.fromEntries(players.map((p) => [p.name, p]));
    expect(Object.fromEntries(HONEST.map((name) => [name, byName[name]?.score]))).toEqual(expected);
    expect(HONEST.map((name) => byName[name]?.extraTime)).toEqual([1, 1, 1, 1]);
    expect(HONEST.map((name) => byName[name]?.correctCount)).toEqual(
      HONEST.map((name) => RIGHT[name].filter(Boolean).length),
    );
    // Every attacker is still just a student with nothing: no score, no answer, no extra time.
    const attackerStates = attackers.map((a) => byName[a.name]);
    expect(attackerStates.map((p) => [p?.score, p?.correctCount, p?.extraTime])).toEqual(
      attackers.map(() => [0, 0, 1]),
    );
    expect(players.filter((p) => p.name.startsWith("Mallory")).length).toBe(ATTACKERS);

    const report = await (await fetch(`${srv.url}/api/games/${game.code}/results.json?key=${game.hostKey}`)).json();
    const reported = Object.fromEntries(
      (report.students as { name: string; score: number }[]).map((s) => [s.name, s.score]),
    );
    expect(Object.fromEntries(HONEST.map((name) => [name, reported[name]]))).toEqual(expected);
    expect(attackers.map((a) => reported[a.name] ?? 0)).toEqual(attackers.map(() => 0));
    console.log(
      `hostile messages sent: ${total()} (${garbage.sent} raw frames); attacker sockets closed and rejoined: ${attackers.reduce((s, a) => s + a.closes, 0)}`,
    );
    const rooms = [
      host.room,
      garbler.room,
      ...Object.values(honest).map((p) => p.room),
      ...attackers.map((a) => a.room),
    ];
    await Promise.race([
      Promise.all(rooms.map((room) => room?.leave().catch(() => 0))),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  }
}
