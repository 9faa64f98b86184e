import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import {
  createGame,
  joinHost,
  joinStudent,
  type Peer,
  sleep,
  startTestServer,
  type TestServer,
  wrapPeer,
} from "./harness.ts";
import { answer, me, ROOM_BANKS_DIR } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

function cutNetwork(peer: Peer) {
  (peer.room as any).connection.transport.ws.close();
}

async function joinError(code: string, options: Record<string, unknown>): Promise<{ code: number; message: string }> {
  try {
    await new Client(srv.url).joinById(code, options);
  } catch (error) {
    const e = error as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("join was expected to be refused");
}

describe("joining and staying in", () => {
  it("refuses taken, rude and empty nicknames with a reason; accepts the same name case- and accent-insensitively as taken", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1 });
    const zoe = await joinStudent(srv.url, game.code, "  Zoë  ");
    expect(me(zoe).name).toBe("Zoë");
    expect(await joinError(game.code, { name: "ZOE" })).toEqual({
      code: 4102,
      message: "Someone here is already called Zoë. Pick another name.",
    });
    expect((await joinError(game.code, { name: "   " })).code).toBe(4101);
    expect((await joinError(game.code, { name: "sh1t" })).code).toBe(4101);
    expect((await joinError(game.code, { name: "a".repeat(21) })).code).toBe(4101);
    expect((await joinError(game.code, {})).code).toBe(4108);
    const suggestion = await (await fetch(`${srv.url}/api/suggest-name?code=${game.code}`)).json();
    expect(suggestion.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+/);
    await zoe.room.leave();
  });

  it("keeps a dropped phone's seat, score and answer; the host sees who is disconnected", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 2,
      order: "bank",
      speedScoring: false,
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann", { deviceId: "device-ann-0001" });
    const bob = await joinStudent(srv.url, game.code, "Bob");
    await host.waitFor((s) => s.playerCount === 2, "two players");
    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "question", "question 1");
    await answer(ann, true);
    await answer(bob, true);
    await ann.waitFor(() => me(ann).score === 1000, "ann scored");
    await sleep(5200); // the SDK reconnects by itself only after 5 s of uptime
    const reconnected = new Promise<void>((resolve) => ann.room.onReconnect(() => resolve()));
    const annId = ann.room.sessionId;
    cutNetwork(ann);
    await host.waitFor((s) => s.players.get(annId)?.connected === false, "host sees ann disconnected");
    await reconnected;
    await host.waitFor((s) => s.players.get(annId)?.connected === true, "host sees ann back");
    expect(ann.room.sessionId).toBe(annId);
    expect(me(ann).score).toBe(1000);
    expect(me(ann).streak).toBe(1);

    // A reload: the page is gone, a new one reconnects with the token it kept in storage.
    const token = ann.room.reconnectionToken;
    ann.room.reconnection.enabled = false;
    cutNetwork(ann);
    await host.waitFor((s) => s.players.get(annId)?.connected === false, "ann gone again");
    await host.waitFor((s) => s.connectedCount === 1, "connected count drops to 1");
    const reloaded = await wrapPeer((await new Client(srv.url).reconnect(token)) as unknown as Room<QuizState>);
    expect(reloaded.room.sessionId).toBe(annId);
    await reloaded.waitFor((s) => s.players.get(annId)?.score === 1000, "score after reload");
    await host.waitFor((s) => s.players.get(annId)?.connected === true, "host sees ann back after reload");

    // A phone that lost its token comes back by name from the same device and keeps the seat.
    reloaded.room.reconnection.enabled = false;
    cutNetwork(reloaded);
    await host.waitFor((s) => s.players.get(annId)?.connected === false, "ann gone a third time");
    const sameDevice = await joinStudent(srv.url, game.code, "Ann", { deviceId: "device-ann-0001" });
    expect(me(sameDevice).score).toBe(1000);
    expect(host.state().playerCount).toBe(2);
    for (const peer of [host, sameDevice, bob]) await peer.room.leave();
  }, 40_000);

  it("kicks a student for good, and locks and unlocks the lobby", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1 });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const rude = await joinStudent(srv.url, game.code, "Rude", { deviceId: "device-rude-001" });
    await host.waitFor((s) => s.playerCount === 1, "one player");
    const left = new Promise<number>((resolve) => rude.room.onLeave((code) => resolve(code)));
    host.room.send("kick" as never, { playerId: rude.room.sessionId } as never);
    expect((await rude.waitForMessage("kicked")).reason).toBe("The teacher removed you from this game.");
    expect(await left).toBe(4105);
    await host.waitFor((s) => s.playerCount === 0, "rude gone");
    expect((await joinError(game.code, { name: "Polite", deviceId: "device-rude-001" })).code).toBe(4105);

    host.room.send("setLobbyLocked" as never, { locked: true } as never);
    await host.waitFor((s) => s.lobbyLocked, "locked");
    expect(await joinError(game.code, { name: "Late" })).toEqual({
      code: 4104,
      message: "The teacher has locked this game. Ask them to unlock it.",
    });
    host.room.send("setLobbyLocked" as never, { locked: false } as never);
    await host.waitFor((s) => !s.lobbyLocked, "unlocked");
    const late = await joinStudent(srv.url, game.code, "Late");
    await host.waitFor((s) => s.playerCount === 1, "late joined");
    await late.room.leave();
    await host.room.leave();
  });

  it("lets a host reload rejoin with the key, refuses a wrong key, and lets a late student join mid-game", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 2,
      order: "bank",
      speedScoring: false,
    });
    expect((await joinError(game.code, { hostKey: "x".repeat(43) })).code).toBe(4106);
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    await host.waitFor((s) => s.playerCount === 1, "ann");
    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "question", "question 1");
    await host.room.leave(); // the teacher's page reloads; the game keeps running
    const host2 = await joinHost(srv.url, game.code, game.hostKey);
    expect(host2.state().phase).toBe("question");
    expect(host2.state().players.size).toBe(1);
    const late = await joinStudent(srv.url, game.code, "Late");
    const lateTry = await late.sendAndWait(
      "submitAnswer",
      { questionIndex: 0, answer: { kind: "choice", choices: [0] } },
      "answerAck",
    );
    expect(lateTry.payload.message).toBe("You joined during this question: wait for the next one.");
    await answer(ann, true); // everyone who could answer has: the question closes
    await host2.waitFor((s) => s.phase === "reveal", "reveal");
    host2.room.send("next" as never);
    await host2.waitFor((s) => s.phase === "leaderboard", "leaderboard");
    host2.room.send("next" as never);
    await late.waitFor((s) => s.phase === "question" && s.questionIndex === 1, "question 2");
    await answer(late, true);
    await answer(ann, true);
    await late.waitFor(() => me(late).lastResult === "correct", "late scored");
    expect(me(late).score).toBe(1000);
    for (const peer of [host2, ann, late]) await peer.room.leave();
  });
});
