import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { startLatencyProxy, symmetricLink } from "../load/latency-proxy.ts";
import { createGame, joinHost, joinStudent, type Peer, sleep, startTestServer, type TestServer } from "./harness.ts";
import { answerFor, barsFor, me, ROOM_BANKS_DIR, scoresByName } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

async function synced(peers: Peer[]) {
  // A clock estimate exists after the first pong; four pings mean at least three samples behind it.
  for (const peer of peers) await peer.waitForMessage("clock", () => true, 5000).catch(() => undefined);
  for (const peer of peers) while (peer.messages.filter((m) => m.type === "ping").length < 4) await sleep(50);
}

function buzz(peer: Peer, pressedAt = Date.now()) {
  return peer.sendAndWait("buzz", { questionIndex: peer.state().questionIndex, pressedAt }, "buzzAck");
}

describe("a whole `buzzer` game: host and three students over real sockets", () => {
  it("orders by fair press time, passes the turn on a wrong answer, scores +P / −P/2, takes spoken answers", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 3,
      order: "bank",
      rounds: [{ mode: "buzzer", questionCount: 3 }],
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    // Ann's phone is on a really slow link (a latency proxy, 100 ms each way), so the WebSocket-level round trip the
    // server trusts sees it too; holding pongs in the page would not count (tests/server/fairness.test.ts).
    const annLink = await startLatencyProxy(srv.port, symmetricLink(100, 0));
    onTestFinished(() => annLink.close());
    const ann = await joinStudent(annLink.url, game.code, "Ann");
    const bob = await joinStudent(srv.url, game.code, "Bob");
    const cy = await joinStudent(srv.url, game.code, "Cy");
    await host.waitFor((s) => s.playerCount === 3, "three players");
    await synced([ann, bob, cy]);
    host.room.send("startGame" as never);

    // A buzz before the question opens locks that student out for 250 ms.
    await cy.waitFor((s) => s.phase === "getReady", "get ready");
    const early = await buzz(cy);
    expect(early.type).toBe("buzzAck");
    expect(early.payload.lockedOutUntil).toBeGreaterThan(0);

    // Q1 capital-france. Ann's phone is on a slow link (100 ms each way, measured by clock sync);
    // Bob's is fast. Ann presses 40 ms before Bob, but her buzz arrives about 60 ms after his: the
    // server orders by the press times the phones stamped, within what each link's latency allows.
    await ann.waitFor((s) => s.phase === "question" && s.questionIndex === 0, "question 1");
    await bob.waitFor((s) => s.phase === "question", "bob sees question 1");
    const pressAnn = Date.now();
    ann.room.send("buzz" as never, { questionIndex: 0, pressedAt: pressAnn } as never);
    await sleep(40);
    bob.room.send("buzz" as never, { questionIndex: 0, pressedAt: Date.now() } as never);
    await host.waitFor((s) => s.phase === "answering", "someone answering");
    expect(host.state().answeringName).toBe("Ann");
    expect(host.state().buzzQueue.map((b) => b.name)).toEqual(["Ann", "Bob"]);
    const gap = host.state().buzzQueue[1]!.gapMs;
    expect(gap).toBeGreaterThanOrEqual(20); // 40 ms apart, give or take timer slack
    expect(gap).toBeLessThanOrEqual(60);

    // Bob may not answer out of turn.
    const outOfTurn = await bob.sendAndWait(
      "submitAnswer",
      { questionIndex: 0, answer: answerFor(bob.state(), true) },
      "answerAck",
    );
    expect(outOfTurn.payload.code).toBe("not-your-turn");

    // Ann answers wrong: −500, locked out; the turn passes to Bob, who answers right: +1000.
    const wrong = await ann.sendAndWait(
      "submitAnswer",
      { questionIndex: 0, answer: answerFor(ann.state(), false) },
      "answerAck",
    );
    expect(wrong.type).toBe("answerAck");
    await host.waitFor((s) => s.phase === "answering" && s.answeringName === "Bob", "bob's turn");
    await ann.waitFor(() => me(ann).lockedOut, "ann locked out");
    const lockedOut = await buzz(ann);
    expect(lockedOut.payload.code).toBe("locked-out");
    await bob.sendAndWait("submitAnswer", { questionIndex: 0, answer: answerFor(bob.state(), true) }, "answerAck");
    await host.waitFor((s) => s.phase === "reveal", "reveal 1");
    expect(host.state().buzzQueue.map((b) => `${b.name}:${b.status}`)).toEqual(["Ann:wrong", "Bob:right"]);
    expect(host.state().reveal.distribution.toArray()).toEqual(barsFor(host, { Paris: 1, Lyon: 1 })); // Bob, Ann
    expect(scoresByName(host)).toEqual({ Ann: -500, Bob: 1000, Cy: 0 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 1");
    host.room.send("next" as never);

    // Q2 sky-blue: Cy buzzes alone and answers aloud; the teacher marks it right (+1000).
    await cy.waitFor((s) => s.phase === "question" && s.questionIndex === 1, "question 2");
    await buzz(cy);
    await host.waitFor((s) => s.phase === "answering" && s.answeringName === "Cy", "cy's turn");
    expect(host.state().hostSecret.correctText).toBe("True");
    host.room.send("markSpoken" as never, { correct: true } as never);
    await host.waitFor((s) => s.phase === "reveal", "reveal 2");
    expect(scoresByName(host)).toEqual({ Ann: -500, Bob: 1000, Cy: 1000 });
    expect(host.state().reveal.distribution.toArray()).toEqual([1, 0]); // spoken "true", marked right
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 2");
    host.room.send("next" as never);

    // Q3 double points: Bob buzzes and answers wrong (−1000), nobody else buzzes; the teacher reveals.
    await bob.waitFor((s) => s.phase === "question" && s.questionIndex === 2, "question 3");
    await buzz(bob);
    await host.waitFor((s) => s.phase === "answering" && s.answeringName === "Bob", "bob's turn 3");
    await bob.sendAndWait("submitAnswer", { questionIndex: 2, answer: answerFor(bob.state(), false) }, "answerAck");
    await host.waitFor((s) => s.phase === "question", "back to the question, time remains");
    host.room.send("revealNow" as never);
    await host.waitFor((s) => s.phase === "reveal", "reveal 3");
    expect(host.state().reveal.correctText).toBe("42");
    expect(scoresByName(host)).toEqual({ Ann: -500, Bob: 0, Cy: 1000 });
    expect(host.state().leaderboard.map((row) => `${row.rank}. ${row.name} ${row.score}`)).toEqual([
      "1. Cy 1000",
      "2. Bob 0",
      "3. Ann -500",
    ]);
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 3");
    host.room.send("next" as never);
    await ann.waitFor((s) => s.phase === "podium", "podium");

    const report = await (await fetch(`${srv.url}/api/games/${game.code}/results.json?key=${game.hostKey}`)).json();
    expect(report.students.map((s: { name: string; score: number }) => `${s.name} ${s.score}`)).toEqual([
      "Cy 1000",
      "Bob 0",
      "Ann -500",
    ]);
    for (const peer of [host, ann, bob, cy]) await peer.room.leave();
  });
});
