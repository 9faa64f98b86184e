import type { DatabaseSync } from "node:sqlite";
import { GroupCommitQueue } from "./group-commit.ts";
import {
  assembleReport,
  type GameReport,
  type QuestionTotals,
  type StudentTotals,
  type WrongAnswerRow,
} from "./report.ts";
import {
  type AnswerRecord,
  type GameRecord,
  type GameRow,
  openResultsDatabase,
  type PlayerRecord,
  prepareStatements,
  type QuestionRecord,
  SPOKEN_ANSWER_TEXT,
  toGameRow,
} from "./results-store.ts";
import type { AsyncResultsStore, LoggedEvent, UnfinishedGame } from "./store.ts";

type Row = Record<string, unknown>;

/** A game's last sign of life: its heartbeat or its last event, whichever is later. */
const LAST_ALIVE = `MAX(COALESCE(g.alive_at, 0), COALESCE((SELECT MAX(e.at) FROM game_events e WHERE e.game_id = g.game_id), 0))`;
const UNFINISHED_COLUMNS = `g.game_id AS gameId, g.code, g.host_key_hash AS hostKeyHash, g.owner,
  g.created_at AS createdAt, ${LAST_ALIVE} AS lastAliveAt`;
const HAS_EVENTS = "EXISTS (SELECT 1 FROM game_events e WHERE e.game_id = g.game_id)";

function prepareLogStatements(db: DatabaseSync) {
  return {
    setOwner: db.prepare("UPDATE games SET owner = :owner, alive_at = :aliveAt WHERE game_id = :gameId"),
    touchGame: db.prepare("UPDATE games SET alive_at = :aliveAt WHERE game_id = :gameId"),
    // Only right after its predecessor: a log with a gap could not be replayed.
    insertEvent: db.prepare(`INSERT INTO game_events (game_id, seq, type, at, event_json)
      SELECT :gameId, :seq, :type, :at, :json
      WHERE :seq = 0 OR EXISTS (SELECT 1 FROM game_events WHERE game_id = :gameId AND seq = :seq - 1)`),
    eventsOf: db.prepare("SELECT seq, event_json AS json FROM game_events WHERE game_id = :gameId ORDER BY seq"),
    unfinishedOf: db.prepare(`SELECT ${UNFINISHED_COLUMNS} FROM games g
      WHERE g.ended_at IS NULL AND g.owner = :owner AND ${HAS_EVENTS} ORDER BY g.created_at, g.game_id`),
    orphans: db.prepare(`SELECT ${UNFINISHED_COLUMNS} FROM games g
      WHERE g.ended_at IS NULL AND g.owner <> :owner AND ${HAS_EVENTS} AND ${LAST_ALIVE} < :staleBefore
      ORDER BY g.created_at, g.game_id`),
  };
}

type Statements = ReturnType<typeof prepareStatements> & ReturnType<typeof prepareLogStatements>;

/**
 * The embedded store: SQLite in DATA_DIR (WAL, synchronous=NORMAL, see results-store.ts), with group
 * commit. Each write still resolves only after COMMIT; writes from one loop turn share that COMMIT.
 */
export function openSqliteStore(dataDir: string): AsyncResultsStore {
  return new SqliteStore(openResultsDatabase(dataDir));
}

class SqliteStore implements AsyncResultsStore {
  readonly kind = "sqlite" as const;
  private readonly db: DatabaseSync;
  private readonly statements: Statements;
  private readonly writes: GroupCommitQueue<Statements>;
  private closed = false;

  constructor(db: DatabaseSync) {
    this.db = db;
    const statements = { ...prepareStatements(db), ...prepareLogStatements(db) };
    this.statements = statements;
    this.writes = new GroupCommitQueue<Statements>({
      // IMMEDIATE takes the write lock up front (waiting up to busy_timeout for another process).
      inTransaction: async (run) => {
        statements.beginImmediate.run();
        try {
          const result = await run(statements);
          statements.commit.run();
          return result;
        } catch (error) {
          if (db.isTransaction) statements.rollback.run();
          throw error;
        }
      },
    });
  }

  private write<T>(run: (s: Statements) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the results store is closed"));
    return this.writes.enqueue(run);
  }

  recordGame(game: GameRecord): Promise<void> {
    return this.write((s) => {
      s.insertGame.run(gameParams(game));
    });
  }

  recordQuestion(question: QuestionRecord): Promise<void> {
    return this.write((s) => {
      s.insertQuestion.run({ ...question });
    });
  }

  recordPlayer(player: PlayerRecord): Promise<void> {
    return this.write((s) => {
      s.upsertPlayer.run({ ...player });
    });
  }

  recordAnswer(answer: AnswerRecord): Promise<boolean> {
    return this.write(
      (s) =>
        Number(
          s.insertAnswer.run({
            gameId: answer.gameId,
            questionIndex: answer.questionIndex,
            playerId: answer.playerId,
            answerText: answer.answerText,
            correct: answer.correct ? 1 : 0,
            responseMs: answer.responseMs,
            points: answer.points,
            answeredAt: answer.answeredAt,
            mode: answer.mode,
          }).changes,
        ) === 1,
    );
  }

  finishGame(gameId: string, endedAt: number): Promise<void> {
    return this.write((s) => {
      if (Number(s.finishGame.run({ gameId, endedAt }).changes) === 0) {
        throw new Error(`No game with id ${gameId} to finish.`);
      }
    });
  }

  openGame(game: GameRecord, owner: string, first: LoggedEvent): Promise<void> {
    return this.write((s) => {
      s.insertGame.run(gameParams(game));
      s.setOwner.run({ gameId: game.gameId, owner, aliveAt: game.createdAt });
      insertEvent(s, game.gameId, 0, first);
    });
  }

  appendEvent(gameId: string, seq: number, event: LoggedEvent): Promise<void> {
    return this.write((s) => insertEvent(s, gameId, seq, event));
  }

  touchGame(gameId: string, aliveAt: number): Promise<void> {
    return this.write((s) => {
      s.touchGame.run({ gameId, aliveAt });
    });
  }

  closeGame(gameId: string, endedAt: number): Promise<void> {
    return this.write((s) => {
      s.finishGame.run({ gameId, endedAt });
    });
  }

  async loadUnfinishedGames(owner: string): Promise<UnfinishedGame[]> {
    await this.writes.drain();
    return (this.statements.unfinishedOf.all({ owner }) as Row[]).map((row) => this.unfinished(row));
  }

  async loadEvents(gameId: string): Promise<LoggedEvent[]> {
    return eventsFrom(this.statements.eventsOf.all({ gameId }) as Row[], gameId);
  }

  claimOrphanedGames(owner: string, staleBefore: number, now: number): Promise<UnfinishedGame[]> {
    // In the write queue, so under SQLite's write lock: two processes on one file cannot both claim a game.
    return this.write((s) => {
      const games = (s.orphans.all({ owner, staleBefore }) as Row[]).map((row) => this.unfinished(row));
      for (const game of games) s.setOwner.run({ gameId: game.gameId, owner, aliveAt: now });
      return games.map((game) => ({ ...game, owner }));
    });
  }

  async findGameByCode(code: string): Promise<GameRow | undefined> {
    const row = this.statements.gameByCode.get({ code }) as Row | undefined;
    return row === undefined ? undefined : toGameRow(row);
  }

  async report(gameId: string): Promise<GameReport> {
    // One read transaction, so a report taken mid-game sees a single consistent moment. Reads run
    // synchronously, so no queued write can interleave with them on this connection.
    this.db.exec("BEGIN");
    try {
      const gameRow = this.statements.gameById.get({ gameId }) as Row | undefined;
      if (gameRow === undefined) throw new Error(`No game with id ${gameId}.`);
      const studentTotals = this.statements.studentTotals.all({ gameId }) as unknown as StudentTotals[];
      const questionRows = this.statements.questionTotals.all({ gameId }) as unknown as Omit<
        QuestionTotals,
        "wrongAnswers"
      >[];
      const wrongRows = this.statements.wrongAnswers.all({
        gameId,
        spoken: SPOKEN_ANSWER_TEXT,
      }) as unknown as WrongAnswerRow[];
      this.db.exec("COMMIT");
      return assembleReport(toGameRow(gameRow), studentTotals, questionRows, wrongRows);
    } finally {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.drain();
    this.db.close();
  }

  private unfinished(row: Row): UnfinishedGame {
    const gameId = String(row.gameId);
    return {
      gameId,
      code: String(row.code),
      hostKeyHash: String(row.hostKeyHash),
      owner: String(row.owner),
      createdAt: Number(row.createdAt),
      lastAliveAt: Number(row.lastAliveAt),
      events: eventsFrom(this.statements.eventsOf.all({ gameId }) as Row[], gameId),
    };
  }
}

function gameParams(game: GameRecord) {
  return {
    gameId: game.gameId,
    code: game.code,
    hostKeyHash: game.hostKeyHash,
    title: game.title,
    bankIdsJson: JSON.stringify(game.bankIds),
    settingsJson: game.settingsJson,
    createdAt: game.createdAt,
  };
}

function insertEvent(s: Statements, gameId: string, seq: number, event: LoggedEvent): void {
  const result = s.insertEvent.run({ gameId, seq, type: event.type, at: event.at, json: JSON.stringify(event) });
  if (Number(result.changes) === 0) throw gapError(gameId, seq);
}

/** The error for an event whose predecessor is not in the log (it failed, or was never written). */
export function gapError(gameId: string, seq: number): Error {
  return new Error(`Event ${seq} of game ${gameId} would leave a gap in its log: event ${seq - 1} is not there.`);
}

/** Parses an event log, refusing one with a gap (it could not be replayed faithfully). */
export function eventsFrom(rows: readonly Row[], gameId: string): LoggedEvent[] {
  return rows.map((row, index) => {
    if (Number(row.seq) !== index) throw new Error(`The event log of game ${gameId} has a gap before seq ${row.seq}.`);
    return JSON.parse(String(row.json)) as LoggedEvent;
  });
}
