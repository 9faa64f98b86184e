import pg from "pg";
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
  type PlayerRecord,
  type QuestionRecord,
  SPOKEN_ANSWER_TEXT,
} from "./results-store.ts";
import { eventsFrom, gapError } from "./sqlite-store.ts";
import type { AsyncResultsStore, LoggedEvent, UnfinishedGame } from "./store.ts";

/**
 * The shared store for several machines: PostgreSQL at DATABASE_URL. Same tables and guarantees as
 * SQLite: each write resolves after COMMIT (synchronous_commit stays on, so after the WAL is flushed
 * to disk), writes are applied in call order through one writer connection, writes of one loop turn
 * share a transaction, and the schema is migrated in numbered steps recorded in `handsup_schema`.
 */

/** Numbered migrations; each runs once, in order, inside the migration transaction. */
const MIGRATIONS: readonly string[] = [
  // 1: games, questions, players, answers (as SQLite's version 1).
  `CREATE TABLE games (
     game_id       TEXT PRIMARY KEY,
     code          TEXT NOT NULL,
     host_key_hash TEXT NOT NULL,
     title         TEXT NOT NULL,
     bank_ids_json TEXT NOT NULL,
     settings_json TEXT NOT NULL,
     created_at    BIGINT NOT NULL,
     ended_at      BIGINT,
     created_seq   BIGSERIAL
   );
   CREATE INDEX games_by_code ON games (code, created_at);
   CREATE TABLE questions (
     game_id        TEXT NOT NULL REFERENCES games (game_id),
     question_index INTEGER NOT NULL,
     bank_id        TEXT NOT NULL,
     question_id    TEXT NOT NULL,
     type           TEXT NOT NULL,
     prompt         TEXT NOT NULL,
     correct_text   TEXT NOT NULL,
     opened_at      BIGINT NOT NULL,
     PRIMARY KEY (game_id, question_index)
   );
   CREATE TABLE players (
     game_id   TEXT NOT NULL REFERENCES games (game_id),
     player_id TEXT NOT NULL,
     name      TEXT NOT NULL,
     joined_at BIGINT NOT NULL,
     PRIMARY KEY (game_id, player_id)
   );
   CREATE TABLE answers (
     game_id        TEXT NOT NULL,
     question_index INTEGER NOT NULL,
     player_id      TEXT NOT NULL,
     answer_text    TEXT NOT NULL,
     correct        BOOLEAN NOT NULL,
     response_ms    DOUBLE PRECISION NOT NULL,
     points         DOUBLE PRECISION NOT NULL,
     answered_at    BIGINT NOT NULL,
     mode           TEXT NOT NULL CHECK (mode IN ('everyone', 'buzzer')),
     arrival        BIGSERIAL,
     PRIMARY KEY (game_id, question_index, player_id),
     FOREIGN KEY (game_id, question_index) REFERENCES questions (game_id, question_index),
     FOREIGN KEY (game_id, player_id) REFERENCES players (game_id, player_id)
   );`,
  // 2: the game event log, the process that holds each game and its heartbeat (as SQLite's version 2).
  `ALTER TABLE games ADD COLUMN owner TEXT NOT NULL DEFAULT '', ADD COLUMN alive_at BIGINT;
   CREATE TABLE game_events (
     game_id    TEXT NOT NULL REFERENCES games (game_id),
     seq        INTEGER NOT NULL,
     type       TEXT NOT NULL,
     at         BIGINT NOT NULL,
     event_json TEXT NOT NULL,
     PRIMARY KEY (game_id, seq)
   );
   CREATE INDEX games_unfinished ON games (owner) WHERE ended_at IS NULL;`,
];

/** The newest schema version this server knows. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

// Any constant works; it only has to be the same in every Hands Up process.
const MIGRATION_LOCK = 0x48414e44;

const GAME_COLUMNS = `g.game_id AS "gameId", g.code, g.host_key_hash AS "hostKeyHash", g.title,
  g.bank_ids_json AS "bankIdsJson", g.settings_json AS "settingsJson", g.created_at::float8 AS "createdAt",
  g.ended_at::float8 AS "endedAt"`;

/** A game's last sign of life: its heartbeat or its last event, whichever is later. */
const LAST_ALIVE = `GREATEST(COALESCE(g.alive_at, 0), COALESCE((SELECT MAX(e.at) FROM game_events e WHERE e.game_id = g.game_id), 0))`;
const UNFINISHED_COLUMNS = `g.game_id AS "gameId", g.code, g.host_key_hash AS "hostKeyHash", g.owner,
  g.created_at::float8 AS "createdAt", ${LAST_ALIVE}::float8 AS "lastAliveAt"`;
const HAS_EVENTS = "EXISTS (SELECT 1 FROM game_events e WHERE e.game_id = g.game_id)";

type Row = Record<string, unknown>;
type Db = Pick<pg.ClientBase, "query">;

/** Connects, migrates, and returns the store. Safe to call from several processes at once. */
export async function openPostgresStore(databaseUrl: string): Promise<AsyncResultsStore> {
  const writer = new pg.Client({ connectionString: databaseUrl });
  await writer.connect();
  try {
    await migrate(writer);
  } catch (error) {
    await writer.end().catch(() => {});
    throw error;
  }
  // Reports and look-ups go through their own small pool, so a teacher downloading a report never
  // waits behind the answer writes (and vice versa).
  const readers = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return new PostgresStore(databaseUrl, writer, readers);
}

async function migrate(client: pg.Client): Promise<void> {
  await client.query("BEGIN");
  try {
    // The advisory lock makes a second process opening a fresh database wait, not migrate twice.
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS handsup_schema (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)",
    );
    const current = Number((await client.query("SELECT COALESCE(MAX(version), 0) AS v FROM handsup_schema")).rows[0].v);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The PostgreSQL database has Hands Up schema version ${current}, newer than this server's ${MIGRATIONS.length}: update Hands Up.`,
      );
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query("INSERT INTO handsup_schema (version, applied_at) VALUES ($1, $2)", [version, Date.now()]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

class PostgresStore implements AsyncResultsStore {
  readonly kind = "postgres" as const;
  private writer: pg.Client;
  private writerBroken = false;
  private readonly readers: pg.Pool;
  private readonly writes: GroupCommitQueue<Db>;
  private readonly databaseUrl: string;
  private openEvents: EventBatch | undefined;
  private closed = false;

  constructor(databaseUrl: string, writer: pg.Client, readers: pg.Pool) {
    this.databaseUrl = databaseUrl;
    this.writer = writer;
    this.readers = readers;
    this.watch(writer);
    // Idle pool clients that lose the server emit "error"; without a listener that would crash the process.
    readers.on("error", () => {});
    this.writes = new GroupCommitQueue<Db>({
      inTransaction: async (run) => {
        const client = await this.writerClient();
        await client.query("BEGIN");
        try {
          const result = await run(client);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        }
      },
    });
  }

  /** The writer connection, reconnected if PostgreSQL restarted since the last write. */
  private async writerClient(): Promise<pg.Client> {
    if (!this.writerBroken) return this.writer;
    const fresh = new pg.Client({ connectionString: this.databaseUrl });
    await fresh.connect();
    this.watch(fresh);
    this.writer = fresh;
    this.writerBroken = false;
    return fresh;
  }

  private watch(client: pg.Client): void {
    const broken = () => {
      if (client === this.writer) this.writerBroken = true;
    };
    client.on("error", broken);
    client.on("end", broken);
  }

  private write<T>(run: (db: Db) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the results store is closed"));
    // Any other write closes the open event batch: events appended after it must be written after it.
    this.openEvents = undefined;
    return this.writes.enqueue(run);
  }

  /**
   * Events appended back to back (answers from many rooms in one moment) go into one multi-row INSERT instead of
   * one round trip each: with one writer connection, round trips, not the disk, limited the events per second.
   */
  private appendToBatch(item: PendingEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the results store is closed"));
    let batch = this.openEvents;
    if (!batch) {
      const fresh: EventBatch = { items: [], started: false, done: Promise.resolve([]) };
      fresh.done = this.writes.enqueue(async (db) => {
        fresh.started = true;
        if (this.openEvents === fresh) this.openEvents = undefined;
        return insertEvents(db, fresh.items);
      });
      // A batch that failed before it ran (no connection) must not take more events.
      const closeBatch = () => {
        if (this.openEvents === fresh) this.openEvents = undefined;
      };
      fresh.done.then(closeBatch, closeBatch);
      this.openEvents = fresh;
      batch = fresh;
    }
    const index = batch.items.push(item) - 1;
    return batch.done.then((outcomes) => {
      const failure = outcomes[index];
      if (failure !== undefined) throw failure;
    });
  }

  recordGame(game: GameRecord): Promise<void> {
    return this.write(async (db) => {
      await insertGame(db, game);
    });
  }

  recordQuestion(q: QuestionRecord): Promise<void> {
    return this.write(async (db) => {
      await db.query(
        `INSERT INTO questions (game_id, question_index, bank_id, question_id, type, prompt, correct_text, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [q.gameId, q.index, q.bankId, q.questionId, q.type, q.prompt, q.correctText, q.openedAt],
      );
    });
  }

  recordPlayer(p: PlayerRecord): Promise<void> {
    return this.write(async (db) => {
      await db.query(
        `INSERT INTO players (game_id, player_id, name, joined_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (game_id, player_id) DO UPDATE SET name = excluded.name`,
        [p.gameId, p.playerId, p.name, p.joinedAt],
      );
    });
  }

  recordAnswer(a: AnswerRecord): Promise<boolean> {
    return this.write(async (db) => {
      const result = await db.query(
        `INSERT INTO answers (game_id, question_index, player_id, answer_text, correct, response_ms, points, answered_at, mode)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (game_id, question_index, player_id) DO NOTHING`,
        [a.gameId, a.questionIndex, a.playerId, a.answerText, a.correct, a.responseMs, a.points, a.answeredAt, a.mode],
      );
      return result.rowCount === 1;
    });
  }

  finishGame(gameId: string, endedAt: number): Promise<void> {
    return this.write(async (db) => {
      const result = await db.query("UPDATE games SET ended_at = $2 WHERE game_id = $1", [gameId, endedAt]);
      if (result.rowCount === 0) throw new Error(`No game with id ${gameId} to finish.`);
    });
  }

  openGame(game: GameRecord, owner: string, first: LoggedEvent): Promise<void> {
    return this.write(async (db) => {
      await insertGame(db, game);
      await db.query("UPDATE games SET owner = $2, alive_at = $3 WHERE game_id = $1", [
        game.gameId,
        owner,
        game.createdAt,
      ]);
      await insertEvent(db, game.gameId, 0, first);
    });
  }

  appendEvent(gameId: string, seq: number, event: LoggedEvent): Promise<void> {
    return this.appendToBatch({ gameId, seq, event });
  }

  touchGame(gameId: string, aliveAt: number): Promise<void> {
    return this.write(async (db) => {
      await db.query("UPDATE games SET alive_at = $2 WHERE game_id = $1", [gameId, aliveAt]);
    });
  }

  closeGame(gameId: string, endedAt: number): Promise<void> {
    return this.write(async (db) => {
      await db.query("UPDATE games SET ended_at = $2 WHERE game_id = $1", [gameId, endedAt]);
    });
  }

  async loadUnfinishedGames(owner: string): Promise<UnfinishedGame[]> {
    await this.writes.drain();
    const { rows } = await this.readers.query(
      `SELECT ${UNFINISHED_COLUMNS} FROM games g
       WHERE g.ended_at IS NULL AND g.owner = $1 AND ${HAS_EVENTS} ORDER BY g.created_at, g.game_id`,
      [owner],
    );
    return this.withEvents(this.readers, rows as Row[]);
  }

  async loadEvents(gameId: string): Promise<LoggedEvent[]> {
    const { rows } = await this.readers.query(
      "SELECT seq, event_json AS json FROM game_events WHERE game_id = $1 ORDER BY seq",
      [gameId],
    );
    return eventsFrom(rows as Row[], gameId);
  }

  claimOrphanedGames(owner: string, staleBefore: number, now: number): Promise<UnfinishedGame[]> {
    return this.write(async (db) => {
      // FOR UPDATE … SKIP LOCKED: a game another process is claiming right now is left to it; once that
      // claim commits, the game is fresh (alive now) and no longer matches.
      const { rows } = await db.query(
        `SELECT ${UNFINISHED_COLUMNS} FROM games g
         WHERE g.ended_at IS NULL AND g.owner <> $1 AND ${HAS_EVENTS} AND ${LAST_ALIVE} < $2
         ORDER BY g.created_at, g.game_id
         FOR UPDATE OF g SKIP LOCKED`,
        [owner, staleBefore],
      );
      const games = await this.withEvents(db, rows as Row[]);
      for (const game of games) {
        await db.query("UPDATE games SET owner = $2, alive_at = $3 WHERE game_id = $1", [game.gameId, owner, now]);
      }
      return games.map((game) => ({ ...game, owner }));
    });
  }

  async findGameByCode(code: string): Promise<GameRow | undefined> {
    const { rows } = await this.readers.query(
      `SELECT ${GAME_COLUMNS} FROM games g WHERE g.code = $1 ORDER BY g.created_at DESC, g.created_seq DESC LIMIT 1`,
      [code],
    );
    const row = rows[0] as Row | undefined;
    return row === undefined ? undefined : toGameRow(row);
  }

  async report(gameId: string): Promise<GameReport> {
    const client = await this.readers.connect();
    try {
      // REPEATABLE READ: the four queries see one snapshot, like SQLite's read transaction.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const gameRows = (await client.query(`SELECT ${GAME_COLUMNS} FROM games g WHERE g.game_id = $1`, [gameId]))
        .rows as Row[];
      if (gameRows[0] === undefined) throw new Error(`No game with id ${gameId}.`);
      const students = await client.query(
        `SELECT p.player_id AS "playerId", p.name,
                COALESCE(SUM(a.points), 0)::float8 AS score,
                COUNT(a.player_id) FILTER (WHERE a.correct)::int AS correct,
                COUNT(a.player_id)::int AS answered,
                COALESCE(SUM(a.response_ms), 0)::float8 AS "totalMs"
         FROM players p
         LEFT JOIN answers a ON a.game_id = p.game_id AND a.player_id = p.player_id
         WHERE p.game_id = $1
         GROUP BY p.player_id, p.name`,
        [gameId],
      );
      const questions = await client.query(
        `SELECT q.question_index AS "index", q.question_id AS "questionId", q.bank_id AS "bankId",
                q.prompt, q.correct_text AS "correctText",
                COUNT(a.player_id)::int AS answered,
                COUNT(a.player_id) FILTER (WHERE a.correct)::int AS correct,
                COALESCE(SUM(a.response_ms), 0)::float8 AS "totalMs"
         FROM questions q
         LEFT JOIN answers a ON a.game_id = q.game_id AND a.question_index = q.question_index
         WHERE q.game_id = $1
         GROUP BY q.question_index, q.question_id, q.bank_id, q.prompt, q.correct_text
         ORDER BY q.question_index`,
        [gameId],
      );
      const wrong = await client.query(
        `SELECT question_index AS "questionIndex", answer_text AS "answerText"
         FROM answers WHERE game_id = $1 AND NOT correct AND answer_text <> $2
         ORDER BY answered_at, arrival`,
        [gameId, SPOKEN_ANSWER_TEXT],
      );
      await client.query("COMMIT");
      return assembleReport(
        toGameRow(gameRows[0]),
        students.rows as StudentTotals[],
        questions.rows as Omit<QuestionTotals, "wrongAnswers">[],
        wrong.rows as WrongAnswerRow[],
      );
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.drain();
    await Promise.all([this.writer.end().catch(() => {}), this.readers.end().catch(() => {})]);
  }

  private async withEvents(db: Db, rows: Row[]): Promise<UnfinishedGame[]> {
    const games: UnfinishedGame[] = [];
    for (const row of rows) {
      const gameId = String(row.gameId);
      const events = await db.query("SELECT seq, event_json AS json FROM game_events WHERE game_id = $1 ORDER BY seq", [
        gameId,
      ]);
      games.push({
        gameId,
        code: String(row.code),
        hostKeyHash: String(row.hostKeyHash),
        owner: String(row.owner),
        createdAt: Number(row.createdAt),
        lastAliveAt: Number(row.lastAliveAt),
        events: eventsFrom(events.rows as Row[], gameId),
      });
    }
    return games;
  }
}

async function insertGame(db: Db, game: GameRecord): Promise<void> {
  await db.query(
    `INSERT INTO games (game_id, code, host_key_hash, title, bank_ids_json, settings_json, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      game.gameId,
      game.code,
      game.hostKeyHash,
      game.title,
      JSON.stringify(game.bankIds),
      game.settingsJson,
      game.createdAt,
    ],
  );
}

interface PendingEvent {
  gameId: string;
  seq: number;
  event: LoggedEvent;
}

/** Events waiting for one multi-row INSERT; `done` resolves after COMMIT with each event's error (or undefined). */
interface EventBatch {
  items: PendingEvent[];
  started: boolean;
  done: Promise<(unknown | undefined)[]>;
}

/**
 * Inserts a batch of events in one statement. If that fails (a duplicate seq), the batch is undone to a
 * savepoint and each event is inserted on its own, so only the bad one fails; the others commit.
 */
async function insertEvents(db: Db, items: readonly PendingEvent[]): Promise<(unknown | undefined)[]> {
  await db.query("SAVEPOINT events");
  try {
    await checkNoGaps(db, items);
    await db.query(
      `INSERT INTO game_events (game_id, seq, type, at, event_json)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[])`,
      [
        items.map((item) => item.gameId),
        items.map((item) => item.seq),
        items.map((item) => item.event.type),
        items.map((item) => item.event.at),
        items.map((item) => JSON.stringify(item.event)),
      ],
    );
    await db.query("RELEASE SAVEPOINT events");
    return items.map(() => undefined);
  } catch {
    await db.query("ROLLBACK TO SAVEPOINT events");
  }
  const outcomes: (unknown | undefined)[] = [];
  for (const item of items) {
    await db.query("SAVEPOINT one_event");
    try {
      await insertEvent(db, item.gameId, item.seq, item.event);
      await db.query("RELEASE SAVEPOINT one_event");
      outcomes.push(undefined);
    } catch (error) {
      await db.query("ROLLBACK TO SAVEPOINT one_event");
      outcomes.push(error ?? new Error("the event could not be written"));
    }
  }
  return outcomes;
}

/**
 * Throws unless each game's events in the batch follow on from its log without a gap: the first one right after
 * the log's last event, the rest one after another. (One INSERT … SELECT cannot see its own earlier rows.)
 */
async function checkNoGaps(db: Db, items: readonly PendingEvent[]): Promise<void> {
  const gameIds = [...new Set(items.map((item) => item.gameId))];
  const { rows } = await db.query(
    'SELECT game_id AS "gameId", MAX(seq) AS last FROM game_events WHERE game_id = ANY($1::text[]) GROUP BY game_id',
    [gameIds],
  );
  const last = new Map<string, number>(gameIds.map((id) => [id, -1]));
  for (const row of rows as { gameId: string; last: number }[]) last.set(row.gameId, Number(row.last));
  for (const item of items) {
    // A seq already there fails as a duplicate below; only a skipped seq is a gap.
    const previous = last.get(item.gameId) ?? -1;
    if (item.seq > previous + 1) throw gapError(item.gameId, item.seq);
    last.set(item.gameId, Math.max(previous, item.seq));
  }
}

async function insertEvent(db: Db, gameId: string, seq: number, event: LoggedEvent): Promise<void> {
  const result = await db.query(
    `INSERT INTO game_events (game_id, seq, type, at, event_json)
     SELECT $1::text, $2::int, $3::text, $4::bigint, $5::text
     WHERE $2 = 0 OR EXISTS (SELECT 1 FROM game_events WHERE game_id = $1 AND seq = $2 - 1)`,
    [gameId, seq, event.type, event.at, JSON.stringify(event)],
  );
  if (result.rowCount === 0) throw gapError(gameId, seq);
}

function toGameRow(row: Row): GameRow {
  return {
    gameId: String(row.gameId),
    code: String(row.code),
    hostKeyHash: String(row.hostKeyHash),
    title: String(row.title),
    bankIds: JSON.parse(String(row.bankIdsJson)) as string[],
    settingsJson: String(row.settingsJson),
    createdAt: Number(row.createdAt),
    endedAt: row.endedAt === null || row.endedAt === undefined ? null : Number(row.endedAt),
  };
}
