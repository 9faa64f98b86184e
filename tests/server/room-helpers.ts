import path from "node:path";
import type { AnswerInput } from "@handsup/shared";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import type { Peer } from "./harness.ts";

/** The small, known bank the room tests play (tests/fixtures/room-banks/room-test.yaml). */
export const ROOM_BANKS_DIR = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks");

/** A right or a wrong answer to the room-test question on screen, built from what a student sees. */
export function answerFor(state: QuizState, right: boolean, typed?: string): AnswerInput {
  const q = state.question;
  const options = [...q.options];
  switch (q.id) {
    case "capital-france":
      return { kind: "choice", choices: [options.indexOf(right ? "Paris" : "Lyon")] };
    case "sky-blue":
      return { kind: "boolean", value: right };
    case "seven-times-six":
      return { kind: "number", value: right ? 42 : 41 };
    case "counting": {
      const order = ["one", "two", "three", "four"].map((item) => [...q.items].indexOf(item));
      return { kind: "order", order: right ? order : [...order].reverse() };
    }
    case "largest-ocean":
      return { kind: "text", text: typed ?? (right ? "Pacific Ocean!" : "Atlantic") };
    case "both-primes":
      return { kind: "choice", choices: right ? [options.indexOf("2"), options.indexOf("7")] : [options.indexOf("2")] };
    default:
      throw new Error(`no scripted answer for ${q.id}`);
  }
}

/** Sends an answer for the current question and waits for the server's acknowledgement. */
export async function answer(peer: Peer, right: boolean, typed?: string) {
  const state = peer.state();
  const reply = await peer.sendAndWait(
    "submitAnswer",
    { questionIndex: state.questionIndex, answer: answerFor(state, right, typed), answeredAt: Date.now() },
    "answerAck",
  );
  if (reply.type !== "answerAck") throw new Error(`answer refused: ${JSON.stringify(reply.payload)}`);
}

/** This student's own entry: the one the server named in `welcome` (a student sees only their own). */
export function me(peer: Peer) {
  const welcome = peer.messages.find((m) => m.type === "welcome");
  const player = peer.state().players.get(welcome?.payload.playerId ?? peer.room.sessionId);
  if (!player) throw new Error("own player missing from state");
  return player;
}

export function scoresByName(host: Peer): Record<string, number> {
  const out: Record<string, number> = {};
  host.state().players.forEach((p) => {
    out[p.name] = p.score;
  });
  return out;
}
