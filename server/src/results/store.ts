import type { GameReport } from "./report.ts";
import type {
  AnswerRecord,
  GameEventLog,
  GameRecord,
  GameRow,
  PlayerRecord,
  QuestionRecord,
  UnfinishedGame,
} from "./results-store.ts";

// The event-log shapes (what the room, server/src/rooms/game-runner.ts, writes through) live beside the SQLite store.
export type {
  AnswerRecord,
  GameEventLog,
  GameRecord,
  GameRow,
  LoggedEvent,
  PlayerRecord,
  QuestionRecord,
  UnfinishedGame,
} from "./results-store.ts";

/**
 * Where games, answers and game event logs are kept: SQLite in DATA_DIR (one machine) or PostgreSQL
 * (DATABASE_URL, several machines). Both implement exactly this, and tests/server/store-contract.test.ts
 * holds both to it.
 *
 * Every write resolves only after it has COMMITTED, so the room may acknowledge an answer (or an
 * event) as soon as the promise resolves, and a killed server process loses nothing it acknowledged.
 * Writes are applied in call order; writes queued in the same event-loop turn share one commit.
 */
export interface AsyncResultsStore extends GameEventLog {
  /** "sqlite" or "postgres", for logs and the bench. */
  readonly kind: "sqlite" | "postgres";
  recordGame(game: GameRecord): Promise<void>;
  /** Records a question as it opens; its players' answers may reference it from then on. */
  recordQuestion(question: QuestionRecord): Promise<void>;
  /** Adds a player, or renames one who rejoins with the same id (the first join time stays). */
  recordPlayer(player: PlayerRecord): Promise<void>;
  /** Resolves false (and changes nothing) when this player already answered this question. */
  recordAnswer(answer: AnswerRecord): Promise<boolean>;
  finishGame(gameId: string, endedAt: number): Promise<void>;
  /**
   * Takes over the unfinished games of processes that stopped: those held by another owner whose
   * last sign of life (heartbeat or event) is older than `staleBefore`. Each is then held by `owner`,
   * alive as of `now`; two processes claiming at once never both get a game. `lastAliveAt` in the
   * result is the moment the old holder went quiet (the downtime starts there).
   */
  claimOrphanedGames(owner: string, staleBefore: number, now: number): Promise<UnfinishedGame[]>;
  /** The most recent game created with this join code. */
  findGameByCode(code: string): Promise<GameRow | undefined>;
  report(gameId: string): Promise<GameReport>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
}
