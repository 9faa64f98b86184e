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
import type { AsyncResultsStore, UnfinishedGame } from "./store.ts";

type Statements = ReturnType<typeof prepareStatements>;
type Row = Record<string, unknown>;

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
    this.statements = prepareStatements(db);
    const statements = this.statements;
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
      s.insertGame.run({
        gameId: game.gameId,
        code: game.code,
        hostKeyHash: game.hostKeyHash,
        title: game.title,
        bankIdsJson: JSON.stringify(game.bankIds),
        settingsJson: game.settingsJson,
        createdAt: game.createdAt,
        owner: game.owner ?? null,
        leaseUntil: game.leaseUntil ?? null,
      });
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

  appendEvent(gameId: string, seq: number, event: unknown): Promise<void> {
    const eventJson = JSON.stringify(event);
    return this.write((s) => {
      s.insertEvent.run({ gameId, seq, eventJson });
    });
  }

  async loadEvents(gameId: string): Promise<unknown[]> {
    return eventsFrom(this.statements.eventsOf.all({ gameId }) as Row[], gameId);
  }

  async loadUnfinishedGames(): Promise<UnfinishedGame[]> {
    await this.writes.drain();
    return this.withEvents(this.statements.unfinishedGames.all() as Row[]);
  }

  claimOrphanedGames(owner: string, now: number, leaseUntil: number): Promise<UnfinishedGame[]> {
    // In the write queue: the UPDATE … RETURNING runs under the write lock, so two processes on one
    // file cannot both claim a game.
    return this.write((s) => this.withEvents(s.claimOrphans.all({ owner, now, leaseUntil }) as Row[]));
  }

  holdGame(gameId: string, owner: string, leaseUntil: number): Promise<void> {
    return this.write((s) => {
      s.holdGame.run({ gameId, owner, leaseUntil });
    });
  }

  renewLeases(owner: string, leaseUntil: number): Promise<number> {
    return this.write((s) => Number(s.renewLeases.run({ owner, leaseUntil }).changes));
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

  private withEvents(rows: Row[]): UnfinishedGame[] {
    return rows.map((row) => {
      const game = toGameRow(row);
      return {
        game,
        owner: row.owner === null || row.owner === undefined ? null : String(row.owner),
        events: eventsFrom(this.statements.eventsOf.all({ gameId: game.gameId }) as Row[], game.gameId),
      };
    });
  }
}

/** Parses an event log, refusing one with a gap (it could not be replayed faithfully). */
export function eventsFrom(rows: readonly Row[], gameId: string): unknown[] {
  return rows.map((row, index) => {
    if (Number(row.seq) !== index) throw new Error(`The event log of game ${gameId} has a gap before seq ${row.seq}.`);
    return JSON.parse(String(row.eventJson)) as unknown;
  });
}
