import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, joinStudent, sleep, startTestServer, type TestServer } from "./harness.ts";
import { answerFor, me, ROOM_BANKS_DIR } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

describe("the teacher's controls", () => {
  it("pause stops the clock, resume moves every deadline, +10 s extends, skip moves on even while paused", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 3, order: "bank" });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    await host.waitFor((s) => s.playerCount === 1, "ann");
    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "question", "question 1");
    await host.waitFor((s) => s.phase === "question", "host at question 1");
    const deadline = me(ann).deadline;
    const endsAt = host.state().phaseEndsAt;

    host.room.send("pause" as never);
    await ann.waitFor((s) => s.paused, "paused");
    expect(ann.state().pausedRemainingMs).toBeGreaterThan(18_000);
    const whilePaused = await ann.sendAndWait(
      "submitAnswer",
      { questionIndex: 0, answer: answerFor(ann.state(), true) },
      "answerAck",
    );
    expect(whilePaused.payload.message).toBe("The teacher has paused the game.");
    await sleep(600);
    host.room.send("resume" as never);
    await ann.waitFor((s) => !s.paused, "resumed");
    await ann.waitFor(() => me(ann).deadline - deadline >= 600, "deadline moved by the pause");
    expect(me(ann).deadline - deadline).toBeLessThan(1500);
    await host.waitFor((s) => s.phaseEndsAt - endsAt === me(ann).deadline - deadline, "the question's end moved alike");

    const beforeExtend = me(ann).deadline;
    host.room.send("extendTime" as never, { seconds: 10 } as never);
    await ann.waitFor(() => me(ann).deadline === beforeExtend + 10_000, "extended by 10 s");

    host.room.send("pause" as never);
    await ann.waitFor((s) => s.paused, "paused again");
    host.room.send("skip" as never);
    await ann.waitFor((s) => s.phase === "getReady" && s.questionIndex === 1, "skipped to question 2");
    expect(ann.state().paused).toBe(false);
    expect(me(ann).score).toBe(0);
    await ann.waitFor((s) => s.phase === "question" && s.questionIndex === 1, "question 2 opens on time");

    host.room.send("revealNow" as never);
    await ann.waitFor((s) => s.phase === "reveal", "revealed early");
    expect(ann.state().reveal.correctText).toBe("True");
    await ann.waitFor(() => me(ann).lastResult === "missed", "ann missed it");
    host.room.send("setShowPromptOnPhones" as never, { show: false } as never);
    await ann.waitFor((s) => !s.showPromptOnPhones, "prompt hidden on phones");
    host.room.send("endGame" as never);
    await ann.waitFor((s) => s.phase === "ended", "ended");
    for (const peer of [host, ann]) await peer.room.leave();
  });
});
