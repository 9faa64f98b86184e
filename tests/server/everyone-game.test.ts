import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer } from "./harness.ts";
import { answer, barsFor, me, ROOM_BANKS_DIR, scoresByName } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

async function atQuestion(peers: Peer[], index: number) {
  for (const peer of peers)
    await peer.waitFor((s) => s.phase === "question" && s.questionIndex === index, `question ${index}`);
}

describe("a whole `everyone` game: host and three students over real sockets", () => {
  it("scores every answer exactly, closes early when all answered, hides results until the reveal", async () => {
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 6,
      order: "bank",
      speedScoring: false, // exact points: speed is covered by the rule tests and the test below
      streaks: true,
    });
    expect(game.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(game.hostKey.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    const bob = await joinStudent(srv.url, game.code, "Bob");
    const cy = await joinStudent(srv.url, game.code, "Cy");
    const students = [ann, bob, cy];
    await host.waitFor((s) => s.playerCount === 3, "three players");
    await ann.waitFor((s) => s.playerCount === 3, "ann sees three players");
    expect([...ann.state().players.keys()]).toEqual([ann.room.sessionId]); // only their own entry
    expect(host.state().players.size).toBe(3);

    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "getReady", "get ready");

    // Q1 capital-france: Ann and Bob right, Cy wrong. Nobody learns anything before the reveal.
    await atQuestion(students, 0);
    await answer(ann, true);
    await answer(bob, true);
    expect(me(ann).lastResult).toBe("none");
    expect(host.state().phase).toBe("question");
    await answer(cy, false); // last one in: the question closes at once
    await host.waitFor((s) => s.phase === "reveal", "reveal after all answered");
    await ann.waitFor((s) => s.phase === "reveal" && me(ann).lastResult === "correct", "ann's result");
    expect(me(ann).lastPoints).toBe(1000);
    await cy.waitFor((_s) => me(cy).lastResult === "wrong", "cy's result");
    expect(ann.state().reveal.correctText).toBe("Paris");
    // One bar per option, in the order this game showed them (options are shuffled per game).
    expect(ann.state().reveal.distribution.toArray()).toEqual(barsFor(ann, { Paris: 2, Lyon: 1 }));
    expect(scoresByName(host)).toEqual({ Ann: 1000, Bob: 1000, Cy: 0 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard");
    host.room.send("next" as never);

    // Q2 sky-blue: Ann right (streak 2: +100), Bob wrong, Cy right.
    await atQuestion(students, 1);
    await answer(ann, true);
    await answer(bob, false);
    await answer(cy, true);
    await host.waitFor((s) => s.phase === "reveal", "reveal 2");
    expect(scoresByName(host)).toEqual({ Ann: 2100, Bob: 1000, Cy: 1000 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 2");
    host.room.send("next" as never);

    // Q3 seven-times-six, double points: Ann right (2000 + streak 3: +200), Bob right, Cy says nothing.
    await atQuestion(students, 2);
    await answer(ann, true);
    await answer(bob, true);
    host.room.send("revealNow" as never);
    await host.waitFor((s) => s.phase === "reveal", "reveal 3");
    await cy.waitFor(() => me(cy).lastResult === "missed", "cy missed");
    expect(scoresByName(host)).toEqual({ Ann: 4300, Bob: 3000, Cy: 1000 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 3");
    host.room.send("next" as never);

    // Q4 ordering: all right. Cy's streak restarted after the miss.
    await atQuestion(students, 3);
    for (const s of students) await answer(s, true);
    await host.waitFor((s) => s.phase === "reveal", "reveal 4");
    expect(ann.state().reveal.correctOrder.toArray()).toEqual(["one", "two", "three", "four"]);
    expect(scoresByName(host)).toEqual({ Ann: 5600, Bob: 4100, Cy: 2000 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 4");
    host.room.send("next" as never);

    // Q5 type-answer: punctuation and case ignored for Ann, one typo forgiven for Bob, Cy wrong.
    await atQuestion(students, 4);
    await answer(ann, true);
    await answer(bob, true, "pacifc");
    await answer(cy, false);
    await host.waitFor((s) => s.phase === "reveal", "reveal 5");
    expect(scoresByName(host)).toEqual({ Ann: 7000, Bob: 5300, Cy: 2000 });
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 5");
    host.room.send("next" as never);

    // Q6 several correct options: all and only the right ones count.
    await atQuestion(students, 5);
    await answer(ann, true);
    await answer(bob, false);
    await answer(cy, true);
    await host.waitFor((s) => s.phase === "reveal", "reveal 6");
    expect(scoresByName(host)).toEqual({ Ann: 8500, Bob: 5300, Cy: 3000 });
    expect(host.state().leaderboard.map((row) => `${row.rank}. ${row.name} ${row.score}`)).toEqual([
      "1. Ann 8500",
      "2. Bob 5300",
      "3. Cy 3000",
    ]);
    await cy.waitFor(() => me(cy).rank === 3, "cy's own rank");
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 6");
    host.room.send("next" as never);
    await ann.waitFor((s) => s.phase === "podium", "podium");
    expect(me(ann).rank).toBe(1);
    host.room.send("endGame" as never);
    await bob.waitFor((s) => s.phase === "ended", "ended");

    const res = await fetch(`${srv.url}/api/games/${game.code}/results.json?key=${game.hostKey}`);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(
      report.students.map((s: { name: string; score: number; correct: number }) => [s.name, s.score, s.correct]),
    ).toEqual([
      ["Ann", 8500, 6],
      ["Bob", 5300, 4],
      ["Cy", 3000, 3],
    ]);
    expect(report.questions.map((q: { percentCorrect: number }) => q.percentCorrect)).toEqual([
      66.7, 66.7, 100, 100, 66.7, 66.7,
    ]);
    for (const peer of [host, ...students]) await peer.room.leave();
  });

  it("speed scoring counts from the student's own screen, and extra time stretches their deadline", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1, order: "bank" });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const fast = await joinStudent(srv.url, game.code, "Fast");
    const slow = await joinStudent(srv.url, game.code, "Slow");
    await host.waitFor((s) => s.playerCount === 2, "two players");
    host.room.send("grantExtraTime" as never, { playerId: slow.room.sessionId, factor: 2 } as never);
    await slow.waitFor(() => me(slow).extraTime === 2, "extra time granted");
    host.room.send("startGame" as never);
    await atQuestion([fast, slow], 0);
    const opened = fast.state().questionOpenedAt;
    // Deadlines are absolute server times: 20 s for Fast, 40 s for Slow (plus their screen delay, < 2 s).
    expect(me(fast).deadline - opened).toBeGreaterThanOrEqual(20_000);
    expect(me(fast).deadline - opened).toBeLessThan(22_000);
    await slow.waitFor(() => me(slow).deadline - opened >= 40_000, "slow's deadline");
    expect(me(slow).deadline - opened).toBeLessThan(42_000);
    fast.room.send("questionShown" as never, { questionIndex: 0, shownAt: Date.now() } as never);
    await answer(fast, true);
    await answer(slow, true);
    await host.waitFor((s) => s.phase === "reveal", "reveal");
    // Answered within a fraction of a second of 20 s: round(1000 × (1 − (t/T)/2)) is 990–1000.
    await fast.waitFor(() => me(fast).lastResult === "correct", "fast result");
    expect(me(fast).lastPoints).toBeGreaterThanOrEqual(990);
    expect(me(fast).lastPoints).toBeLessThanOrEqual(1000);
    for (const peer of [host, fast, slow]) await peer.room.leave();
  });
});
