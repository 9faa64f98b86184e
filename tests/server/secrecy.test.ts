import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer } from "./harness.ts";
import { answer, answerFor, ROOM_BANKS_DIR, roomTestQuestion } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

/** Every byte the student's socket receives from now on, decoded as text for searching. */
function tapSocket(peer: Peer): { text(): string } {
  const chunks: Buffer[] = [];
  const ws = (peer.room as any).connection.transport.ws;
  ws.addEventListener("message", (event: { data: ArrayBuffer | Buffer }) => {
    chunks.push(Buffer.from(event.data as ArrayBuffer));
  });
  return { text: () => Buffer.concat(chunks).toString("utf8") };
}

/** What a student has, decoded: their state and every message. */
function decoded(peer: Peer): string {
  return JSON.stringify(peer.state().toJSON()) + JSON.stringify(peer.messages);
}

// What each question of the room-test bank keeps secret until its reveal.
const SECRETS: Record<string, string[]> = {
  "capital-france": ["Paris is the capital of France."],
  "sky-blue": ["Rayleigh scattering makes it blue."],
  "seven-times-six": ["7 × 6 = 42."],
  counting: ["One, two, three, four."],
  "largest-ocean": ["Pacific", "The Pacific is the largest ocean."],
};

describe("a student never receives an answer before the reveal", () => {
  it("holds for the decoded state, every message and every raw byte, in each question type", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 5, order: "bank" });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    const bob = await joinStudent(srv.url, game.code, "Bob");
    const cy = await joinStudent(srv.url, game.code, "Cy"); // never answers, so each question stays open
    const wires = [tapSocket(ann), tapSocket(cy)];
    await host.waitFor((s) => s.playerCount === 3, "three players");
    host.room.send("startGame" as never);

    for (let index = 0; index < 5; index++) {
      await ann.waitFor((s) => s.phase === "question" && s.questionIndex === index, `question ${index}`);
      await bob.waitFor((s) => s.phase === "question" && s.questionIndex === index, `bob at ${index}`);
      const id = roomTestQuestion(ann.state());
      await answer(ann, true);
      const bobAnswer = answerFor(bob.state(), false, "Atlantic");
      await bob.sendAndWait("submitAnswer", { questionIndex: index, answer: bobAnswer }, "answerAck");
      await host.waitFor((s) => s.answersIn === 2, "two answers in");
      // The teacher sees the answer privately; the students see nothing of it.
      expect(host.state().hostSecret.correctText).not.toBe("");
      for (const student of [ann, cy]) {
        const state = student.state();
        expect(state.reveal.correctText).toBe("");
        expect(state.reveal.correctOptionIndices.length).toBe(0);
        expect(state.reveal.explanation).toBe("");
        expect(state.hostSecret?.correctText ?? "").toBe("");
        expect([...state.players.keys()]).toEqual([student.room.sessionId]);
        for (const secret of SECRETS[id] ?? []) expect(decoded(student)).not.toContain(secret);
      }
      for (const wire of wires) {
        for (const secret of SECRETS[id] ?? []) expect(wire.text()).not.toContain(secret);
        expect(wire.text()).not.toContain("Atlantic"); // another student's answer
      }
      host.room.send("revealNow" as never);
      await ann.waitFor((s) => s.phase === "reveal", `reveal ${index}`);
      // After the reveal the same checks find the explanation: they can see what they look for.
      await cy.waitFor((s) => s.reveal.explanation !== "", "explanation reaches cy");
      expect(wires[1]!.text()).toContain(SECRETS[id]![SECRETS[id]!.length - 1]!);
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "leaderboard", "leaderboard");
      host.room.send("next" as never);
    }
    for (const peer of [host, ann, bob, cy]) await peer.room.leave();
  });
});
