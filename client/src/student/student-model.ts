import type { ConnectionStatus } from "../net/connection.ts";
import type { GameSnapshot, PlayerSnapshot } from "../net/snapshot.ts";
import type { FinishRecord } from "../net/storage.ts";
import { createStore } from "../net/store.ts";

/** Everything the phone knows: the join form's state, the game as synced, and this phone's own actions. */
export interface StudentModel {
  stage: "join" | "game" | "removed" | "left";
  joining: boolean;
  joinError: string;
  /** what the join form shows (kept when a join is refused) */
  typedCode: string;
  typedName: string;
  game: GameSnapshot | undefined;
  sessionId: string;
  connection: ConnectionStatus;
  /** questionIndex this phone's answer was acknowledged for (-1 = none yet) */
  answeredQuestion: number;
  /** questionIndex this phone buzzed in */
  buzzedQuestion: number;
  /** a refusal from the server to show under the controls */
  notice: string;
  /** the question the notice is about: it is not shown under any other question */
  noticeFor: number;
  /** what this phone sent for a question, in words, so the reveal can say "You answered: Lyon" */
  lastAnswer: { questionIndex: number; text: string };
  /** questions this phone saw skipped by the teacher (they count for nobody) */
  skipped: number[];
  /** how this phone finished its last game (kept across a reload, shown on the join form) */
  lastFinish: FinishRecord | undefined;
  /** why the game ended for this phone (kicked, game over, connection lost) */
  farewell: string;
}

export const studentStore = createStore<StudentModel>({
  stage: "join",
  joining: false,
  joinError: "",
  typedCode: "",
  typedName: "",
  game: undefined,
  sessionId: "",
  connection: "online",
  answeredQuestion: -1,
  buzzedQuestion: -1,
  notice: "",
  noticeFor: -1,
  lastAnswer: { questionIndex: -1, text: "" },
  skipped: [],
  lastFinish: undefined,
  farewell: "",
});

/**
 * This phone's own player entry. The server sends a student only their own entry, keyed by the
 * player id it gave at the first join (a rejoin from the same device keeps it, with a new session).
 */
export function myPlayer(model: StudentModel): PlayerSnapshot | undefined {
  const players = model.game?.players ?? [];
  return players.find((p) => p.id === model.sessionId) ?? (players.length === 1 ? players[0] : undefined);
}
