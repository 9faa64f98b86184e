import type { GameReport } from "./report.ts";
import type { AnswerRecord, GameRecord, GameRow, PlayerRecord, QuestionRecord } from "./results-store.ts";

export type { AnswerRecord, GameRecord, GameRow, PlayerRecord, QuestionRecord } from "./results-store.ts";

/** A game that has not ended, with its event log in order: what a server replays to reopen it. */
export interface UnfinishedGame {
  game: GameRow;
  /** The events as appended (parsed JSON), seq 0, 1, 2 … without gaps. */
  events: unknown[];
  /** The process that last held the game, null when none claimed it. */
  owner: string | null;
}

/**
 * Where games, answers and game event logs are kept: SQLite in DATA_DIR (one machine) or PostgreSQL
 * (DATABASE_URL, several machines). Both implement exactly this, and tests/server/store-contract.test.ts
 * holds both to it.
 *
 * Every write resolves only after it has COMMITTED, so the room may acknowledge an answer (or an
 * event) as soon as the promise resolves, and a killed server process loses nothing it acknowledged.
 * Writes are applied in call order; writes made in the same event-loop turn share one commit.
 */
export interface AsyncResultsStore {
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
   * Appends one event to a game's log. `seq` counts from 0 with no gaps; appending a seq that is
   * already there rejects (two processes writing one game is a bug to stop, not to merge).
   */
  appendEvent(gameId: string, seq: number, event: unknown): Promise<void>;
  /** A game's event log in order (empty when it has none). */
  loadEvents(gameId: string): Promise<unknown[]>;
  /** Every game not ended that has at least one event. */
  loadUnfinishedGames(): Promise<UnfinishedGame[]>;
  /**
   * Takes over the unfinished games no live process holds: those never claimed, or whose owner's
   * lease ran out before `now`. Each one is then held by `owner` until `leaseUntil`; two processes
   * claiming at once never both get the same game.
   */
  claimOrphanedGames(owner: string, now: number, leaseUntil: number): Promise<UnfinishedGame[]>;
  /** Marks a game as held by `owner` until `leaseUntil` (the process that creates it). */
  holdGame(gameId: string, owner: string, leaseUntil: number): Promise<void>;
  /** Extends the lease of every unfinished game `owner` holds; resolves how many. */
  renewLeases(owner: string, leaseUntil: number): Promise<number>;
  /** The most recent game created with this join code. */
  findGameByCode(code: string): Promise<GameRow | undefined>;
  report(gameId: string): Promise<GameReport>;
  /** Waits for queued writes, then closes. */
  close(): Promise<void>;
}
