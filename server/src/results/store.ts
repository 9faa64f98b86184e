import type { GameReport } from "./report.ts";
import type { AnswerRecord, GameRecord, GameRow, PlayerRecord, QuestionRecord } from "./results-store.ts";

export type { AnswerRecord, GameRecord, GameRow, PlayerRecord, QuestionRecord } from "./results-store.ts";

// The event-log shapes below are the ones the room (issue 9, server/src/rooms/game-runner.ts) writes through.

/** One accepted game event as the log stores it: the reducer's GameEvent, kept as JSON. */
export interface LoggedEvent {
  readonly type: string;
  readonly at: number;
}

/** A game the log says had not ended, with everything needed to rebuild it (`replay`) and reopen it. */
export interface UnfinishedGame {
  gameId: string;
  code: string;
  hostKeyHash: string;
  owner: string;
  createdAt: number;
  /** the latest sign of life: the last event or the last heartbeat (server ms) */
  lastAliveAt: number;
  events: LoggedEvent[];
}

/** The game event log: every accepted event of every game, in order (see game-runner.ts). */
export interface GameEventLog {
  /** Records a new game (its `games` row, held by process `owner`) and its first event, in one transaction. */
  openGame(game: GameRecord, owner: string, first: LoggedEvent): Promise<void>;
  /** Appends event number `seq` (0 = the create event); a seq that already exists is an error. */
  appendEvent(gameId: string, seq: number, event: LoggedEvent): Promise<void>;
  /** A heartbeat while the game runs, so a restart knows how long it was down. */
  touchGame(gameId: string, aliveAt: number): Promise<void>;
  /** Marks the game ended (ended games are never restored). */
  closeGame(gameId: string, endedAt: number): Promise<void>;
  /** Every game held by `owner` that has not ended, with its events in order. */
  loadUnfinishedGames(owner: string): Promise<UnfinishedGame[]>;
  /** All events of one game, in order (the report replays them). */
  loadEvents(gameId: string): Promise<LoggedEvent[]>;
}

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
