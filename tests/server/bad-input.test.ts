import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer } from "./harness.ts";
import { answer, answerFor, me, ROOM_BANKS_DIR } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

async function refusal(peer: Peer, type: string, payload: unknown): Promise<string> {
  const reply = await peer.sendAndWait(type, payload, "__no_ack_expected__");
  expect(reply.type).toBe("error");
  expect(reply.payload.message.length).toBeGreaterThan(10); // a sentence, not a bare code
  return reply.payload.code;
}

describe("bad messages are answered, never punished, and change nothing", () => {
  it("answers each kind of bad message with an error; the student stays and still plays", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 2,
      order: "bank",
      speedScoring: false,
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    const bob = await joinStudent(srv.url, game.code, "Bob");
    await host.waitFor((s) => s.playerCount === 2, "two players");
    let annLeft = false;
    ann.room.onLeave(() => {
      annLeft = true;
    });
    const boolAnswer = { kind: "boolean", value: true };

    // In the lobby: out of phase, unauthorised, malformed, unknown.
    expect(await refusal(ann, "submitAnswer", { questionIndex: 0, answer: boolAnswer })).toBe("stale-question");
    expect(await refusal(ann, "startGame", {})).toBe("not-host");
    expect(await refusal(ann, "kick", { playerId: bob.room.sessionId })).toBe("not-host");
    expect(await refusal(ann, "endGame", undefined)).toBe("not-host");
    expect(await refusal(ann, "grantExtraTime", { playerId: ann.room.sessionId, factor: 2 })).toBe("not-host");
    expect(await refusal(ann, "buzz", { questionIndex: "zero", pressedAt: 1 })).toBe("invalid");
    expect(await refusal(ann, "pong", "not an object")).toBe("invalid");
    expect(await refusal(ann, "selfDestruct", { now: true })).toBe("unknown-message");
    expect(await refusal(host, "submitAnswer", { questionIndex: 0, answer: boolAnswer })).toBe("not-student");
    expect(await refusal(host, "extendTime", { seconds: 1000 })).toBe("invalid");
    expect(await refusal(host, "extendTime", { seconds: 10 })).toBe("wrong-phase");
    expect(await refusal(host, "kick", { playerId: "nobody" })).toBe("not-found");
    expect(host.state().phase).toBe("lobby");
    expect(host.state().playerCount).toBe(2);

    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "question", "question 1");
    expect(await refusal(host, "startGame", {})).toBe("wrong-phase");

    // During the question: wrong kinds, out-of-range, oversized, stale, wrong mode.
    expect(await refusal(ann, "submitAnswer", { questionIndex: 0, answer: { kind: "text", text: "Paris" } })).toBe(
      "invalid",
    );
    expect(await refusal(ann, "submitAnswer", { questionIndex: 0, answer: { kind: "choice", choices: [5] } })).toBe(
      "invalid",
    );
    expect(
      await refusal(ann, "submitAnswer", { questionIndex: 0, answer: { kind: "text", text: "x".repeat(300) } }),
    ).toBe("invalid");
    expect(await refusal(ann, "submitAnswer", { questionIndex: 0, answer: { kind: "choice", choices: [0, 0] } })).toBe(
      "invalid",
    );
    expect(await refusal(ann, "submitAnswer", { questionIndex: 1, answer: boolAnswer })).toBe("stale-question");
    expect(await refusal(ann, "buzz", { questionIndex: 0, pressedAt: Date.now() })).toBe("wrong-phase");
    expect(host.state().answersIn).toBe(0);

    // A right answer counts once; a second one is refused and changes nothing.
    await answer(ann, true);
    expect(await refusal(ann, "submitAnswer", { questionIndex: 0, answer: answerFor(ann.state(), false) })).toBe(
      "already-answered",
    );
    await host.waitFor((s) => s.answersIn === 1, "one answer in");

    // A burst of 45 messages: the excess is refused as rate-limited, and the sender stays connected.
    const before = ann.messages.length;
    for (let i = 0; i < 45; i++) ann.room.send("buzz" as never, { questionIndex: 0, pressedAt: Date.now() } as never);
    await ann.waitForMessage("error", (p) => p.code === "rate-limited");
    await new Promise((r) => setTimeout(r, 300));
    const codes = ann.messages.slice(before).map((m) => m.payload.code);
    expect(codes.filter((c) => c === "rate-limited").length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === "wrong-phase").length).toBeGreaterThan(0);

    // The game goes on untouched: Bob answers, the question closes, Ann has exactly her 1000.
    await answer(bob, false);
    await ann.waitFor((s) => s.phase === "reveal", "reveal");
    await ann.waitFor(() => me(ann).lastResult === "correct", "ann's result");
    expect(me(ann).score).toBe(1000);
    expect(annLeft).toBe(false);
    expect(host.state().connectedCount).toBe(2);
    for (const peer of [host, ann, bob]) await peer.room.leave();
  });

  it("answers bad HTTP requests with a readable reason", async () => {
    const post = (body: string) =>
      fetch(`${srv.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const unknownBank = await post(JSON.stringify({ bankIds: ["no-such-bank"] }));
    expect(unknownBank.status).toBe(400);
    expect((await unknownBank.json()).error).toBe('There is no question bank "no-such-bank". Available: room-test.');
    const zero = await post(JSON.stringify({ bankIds: ["room-test"], questionCount: 0 }));
    expect(zero.status).toBe(400);
    expect((await zero.json()).error).toMatch(/^questionCount: /);
    const broken = await post("{ not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toBe("The request body is not valid JSON.");
    const filtered = await post(JSON.stringify({ bankIds: ["room-test"], tags: ["no-such-tag"] }));
    expect(filtered.status).toBe(400);
    expect((await filtered.json()).error).toBe("No questions match the chosen banks and filters.");
  });

  it("tells a wrong code plainly, and slows down a script guessing codes", async () => {
    const wrong = await fetch(`${srv.url}/api/games/ZZZZZZ`);
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).error).toBe("No game with code ZZZZZZ. Check the code on the board.");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${srv.url}/api/games/ZZZZZ${i % 9}`)).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    await expect(joinStudent(srv.url, "ZZZZZZ", "Ann")).rejects.toThrow();
  });
});
