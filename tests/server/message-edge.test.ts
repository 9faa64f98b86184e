import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer, wrapPeer } from "./harness.ts";
import { answer, me, ROOM_BANKS_DIR } from "./room-helpers.ts";

/** Issue 8 items 1 and 6: hostile payloads are answered and change nothing; flood limits are the documented ones. */

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

/** Sends and waits for the `error` reply that answers it (hostile sends get nothing else back). */
async function errorFor(
  peer: Peer,
  type: unknown,
  payload: unknown,
): Promise<{ type: string; code: string; message: string }> {
  const seen = peer.messages.length;
  peer.room.send(type as never, payload as never);
  const started = Date.now();
  for (;;) {
    const found = peer.messages.slice(seen).find((m) => m.type === "error");
    if (found) return found.payload;
    if (Date.now() - started > 5000) throw new Error(`no error reply to ${String(type).slice(0, 20)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function nested(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("the message edge", () => {
  it("answers the wildcard, hostile types and hostile payloads with a reason; the game plays on exactly", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 1,
      order: "bank",
      speedScoring: false,
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const eve = await joinStudent(srv.url, game.code, "Eve");
    const ann = await joinStudent(srv.url, game.code, "Ann");
    await host.waitFor((s) => s.playerCount === 2, "two players");

    // The literal type "*" never reads its payload as a type (on main this one message ended the process).
    expect(await errorFor(eve, "*", { toString: 1 })).toEqual({
      type: "*",
      code: "unknown-message",
      message: 'There is no message called "*".',
    });
    expect((await errorFor(eve, "*", "hello")).type).toBe("*");
    expect((await errorFor(eve, "*", { valueOf: 1, toString: 1, toJSON: 1 })).code).toBe("unknown-message");
    // (without a payload: the SDK itself mis-frames a payload behind a header this long)
    const long = await errorFor(eve, "x".repeat(1000), undefined);
    expect(long.code).toBe("unknown-message");
    expect(long.type).toBe(`${"x".repeat(40)}…`);
    expect((await errorFor(eve, 12345, null)).type).toBe("12345");
    expect((await errorFor(eve, "bad\u0000\u202Ename", 1)).type).toBe("badname");

    // Payloads whose conversion throws, prototype keys, deep nesting, numbers for strings: `invalid`, never a crash.
    const polluting = JSON.parse('{"__proto__": {"polluted": true}, "questionIndex": 0, "answer": 1}');
    const hostile: unknown[] = [
      { toString: 1 },
      { toString: { toString: 1 }, valueOf: 1 },
      polluting,
      { questionIndex: nested(400), answer: nested(400) },
      { questionIndex: "0", pressedAt: "now" },
      { questionIndex: 0, shownAt: { valueOf: 1 } },
      ["a", 1, null],
      "x".repeat(10_000),
      { ["k".repeat(500)]: 1 },
    ];
    // One attacker per message type keeps each under the flood limit (30 at once), so every reply is the real one.
    const types = ["submitAnswer", "buzz", "questionShown", "pong", "kick", "extendTime"];
    const attackers = await Promise.all(types.map((_t, i) => joinStudent(srv.url, game.code, `Mallory ${i + 1}`)));
    for (const [i, type] of types.entries()) {
      for (const payload of hostile) {
        const reply = await errorFor(attackers[i] as Peer, type, payload);
        expect(["invalid", "not-host"]).toContain(reply.code);
        expect(reply.message.length).toBeLessThan(400);
      }
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();

    // Nothing changed, nobody was dropped, and the honest game scores exactly.
    expect(host.state().phase).toBe("lobby");
    expect(host.state().connectedCount).toBe(2 + attackers.length);
    for (const attacker of attackers) await attacker.room.leave();
    host.room.send("startGame" as never);
    await host.waitFor((s) => s.playerCount === 2, "attackers gone");
    await ann.waitFor((s) => s.phase === "question", "question");
    await answer(ann, true);
    await answer(eve, false);
    await ann.waitFor((s) => s.phase === "reveal" && me(ann).lastResult === "correct", "reveal");
    expect(me(ann).score).toBe(1000);
    expect(me(eve).score).toBe(0);
    for (const peer of [host, eve, ann]) await peer.room.leave();
  }, 60_000);

  it("keeps the documented flood limits: a burst of 60 is answered (30 of them rate-limited), 61 in a second disconnects (4002)", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1 });
    // A raw client that does not answer pings, so every message it sends is one the test counts.
    const raw = (await new Client(srv.url).joinById<QuizState>(game.code, {
      name: "Flood",
    })) as unknown as Room<QuizState>;
    const replies: string[] = [];
    raw.onMessage("*", (type, payload: { code?: string }) => {
      if (type === "error") replies.push(payload.code ?? "");
    });
    const closed = new Promise<number>((resolve) => raw.onLeave((code) => resolve(code)));
    let closedWith: number | undefined;
    void closed.then((code) => {
      closedWith = code;
    });

    for (let i = 0; i < 60; i++) raw.send("buzz" as never, { questionIndex: 0, pressedAt: 1 } as never);
    const started = Date.now();
    while (replies.length < 60 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 5));
    expect(replies.length).toBe(60); // every message answered
    const limited = replies.filter((code) => code === "rate-limited").length;
    // 30 in the bucket; the refill of 15 a second may free one more while the burst is read.
    expect(limited).toBeGreaterThanOrEqual(29);
    expect(limited).toBeLessThanOrEqual(30);
    expect(replies.filter((code) => code === "stale-question").length).toBe(60 - limited);
    expect(closedWith).toBeUndefined();

    await new Promise((r) => setTimeout(r, 1100)); // a fresh second
    for (let i = 0; i < 61; i++) raw.send("buzz" as never, { questionIndex: 0, pressedAt: 1 } as never);
    expect(await closed).toBe(4002);
  });

  it("answers a request() carrying a hostile payload with ok: false and code invalid", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1 });
    const peer = await wrapPeer(
      (await new Client(srv.url).joinById<QuizState>(game.code, { name: "Req" })) as unknown as Room<QuizState>,
    );
    const reply = await peer.room.request("submitAnswer" as never, { toString: 1 } as never);
    expect(reply).toMatchObject({ ok: false, code: "invalid" });
    await peer.room.leave();
  });
});
