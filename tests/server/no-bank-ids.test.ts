import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BANKS_DIR, loadBanksFromDir } from "../../content/index.ts";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer } from "./harness.ts";

// The built-in bank, whose question ids spell answers (malenkov-kazakhstan, porkkala-peninsula, …).
const { banks } = loadBanksFromDir(BANKS_DIR);
const bank = banks.find((candidate) => candidate.id === "peaceful-coexistence");
const QUESTION_IDS = bank?.questions.map((question) => question.id) ?? [];
const QUESTIONS = 6;

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR });
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

describe("no bank question id reaches a phone before the reveal; every screen shows the same shuffled options", () => {
  it("holds for the decoded state, every message and the raw bytes, question after question", async () => {
    expect(QUESTION_IDS.length).toBeGreaterThan(40);
    const game = await createGame(srv.url, {
      bankIds: ["peaceful-coexistence"],
      questionCount: QUESTIONS,
      order: "shuffled",
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    const bob = await joinStudent(srv.url, game.code, "Bob");
    const wire = tapSocket(ann);
    await host.waitFor((s) => s.playerCount === 2, "two players");
    host.room.send("startGame" as never);

    const publicIds: string[] = [];
    for (let index = 0; index < QUESTIONS; index++) {
      const state = await ann.waitFor((s) => s.phase === "question" && s.questionIndex === index, `question ${index}`);
      publicIds.push(state.question.id);
      // The phone's id for the question is opaque; the teacher's screen knows the real one only through the report.
      expect(state.question.id).toMatch(/^q-[0-9a-z]{6}$/);
      const decoded = JSON.stringify(ann.state().toJSON()) + JSON.stringify(ann.messages);
      const raw = wire.text();
      expect(QUESTION_IDS.filter((id) => decoded.includes(id))).toEqual([]);
      expect(QUESTION_IDS.filter((id) => raw.includes(id))).toEqual([]);
      // One order per game, prepared once by the server: the projector and both phones show the same.
      await bob.waitFor((s) => s.phase === "question" && s.questionIndex === index, `bob at ${index}`);
      const order = (peer: Peer) => [...peer.state().question.options, ...peer.state().question.items];
      expect(order(bob)).toEqual(order(ann));
      expect(order(host)).toEqual(order(ann));
      expect(bob.state().question.id).toBe(state.question.id);
      host.room.send("revealNow" as never);
      await ann.waitFor((s) => s.phase === "reveal", `reveal ${index}`);
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "leaderboard" || s.phase === "podium", "leaderboard");
      if (index < QUESTIONS - 1) host.room.send("next" as never);
    }
    expect(new Set(publicIds).size).toBe(QUESTIONS);
    for (const peer of [host, ann, bob]) await peer.room.leave();
  });
});
