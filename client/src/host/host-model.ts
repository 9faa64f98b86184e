import type { ConnectionStatus } from "../net/connection.ts";
import type { GameSnapshot, LeaderRow } from "../net/snapshot.ts";
import { createStore } from "../net/store.ts";

/** A question bank as `GET /api/banks` lists it. */
export interface BankInfo {
  id: string;
  title: string;
  subject: string;
  level: string;
  questionCount: number;
  tags: string[];
  types: Record<string, number>;
}

/** Everything the teacher's screen knows. */
export interface HostModel {
  stage: "create" | "game";
  banks: BankInfo[];
  hostPasswordRequired: boolean;
  lanUrls: string[];
  creating: boolean;
  createError: string;
  createWarning: string;
  code: string;
  hostKey: string;
  game: GameSnapshot | undefined;
  connection: ConnectionStatus;
  /** the leaderboard as it was before the newest reveal: rows animate from here */
  previousLeaderboard: LeaderRow[];
  /** the teacher asked to see the answer on their screen */
  peek: boolean;
  notice: string;
  /** students the teacher removed, still undoable until `until` (this page's clock) */
  pendingRemovals: { playerId: string; name: string; until: number }[];
  /** the teacher opened the player list during the game (closed by default: the projector is the class's screen) */
  panelOpen: boolean;
  /** questions the teacher skipped in this game (seen by this page): they count for nobody */
  skipped: number[];
}

export const hostStore = createStore<HostModel>({
  stage: "create",
  banks: [],
  hostPasswordRequired: false,
  lanUrls: [],
  creating: false,
  createError: "",
  createWarning: "",
  code: "",
  hostKey: "",
  game: undefined,
  connection: "online",
  previousLeaderboard: [],
  peek: false,
  notice: "",
  skipped: [],
  pendingRemovals: [],
  panelOpen: false,
});
