import path from "node:path";
import type { AnswerInput } from "@handsup/shared";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import type { Peer } from "./harness.ts";

/** The small, known bank the room tests play (tests/fixtures/room-banks/room-test.yaml). */
export const ROOM_BANKS_DIR = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks");

/** The room-test question on screen, by its prompt: phones get an opaque id, never the bank's question id. */
export function roomTestQuestion(state: QuizState): string {
  const id = ROOM_TEST_PROMPTS[state.question.prompt];
  if (!id) throw new Error(`not a room-test question: ${state.question.prompt}`);
  return id;
}

const ROOM_TEST_PROMPTS: Record<string, string> = {
  "What is the capital of France?": "capital-france",
  "The sky on a clear day is blue.": "sky-blue",
  "What is seven times six?": "seven-times-six",
  "Put the numbers in order.": "counting",
  "Which is the largest ocean?": "largest-ocean",
  "Which are prime numbers? (choose all that apply)": "both-primes",
};

/** A right or a wrong answer to the room-test question on screen, built from what a student sees. */
export function answerFor(state: QuizState, right: boolean, typed?: string): AnswerInput {
  const q = state.question;
  const options = [...q.options];
  const id = roomTestQuestion(state);
  switch (id) {
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
      throw new Error(`no scripted answer for ${id}`);
  }
}

/** The distribution bars expected for answer counts by option text, in the order the game shows the options. */
export function barsFor(peer: Peer, countsByOption: Record<string, number>): number[] {
  return [...peer.state().question.options].map((option) => countsByOption[option] ?? 0);
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
