import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  type GameReport,
  type QuestionTotals,
  rankStudents,
  reteachOrder,
  type StudentTotals,
  summarizeQuestion,
} from "./report.ts";

/** The answer text recorded when the teacher marks an answer spoken aloud in buzzer mode. */
export const SPOKEN_ANSWER_TEXT = "(spoken)";

/** The database file inside DATA_DIR; every server process sharing the dir shares this file. */
export const RESULTS_FILE_NAME = "results.sqlite";

export interface GameRecord {
  gameId: string;
  code: string;
  hostKeyHash: string;
  title: string;
  bankIds: string[];
  settingsJson: string;
  createdAt: number;
}

export interface GameRow extends GameRecord {
  endedAt: number | null;
}

export interface QuestionRecord {
  gameId: string;
  index: number;
  bankId: string;
  questionId: string;
  type: string;
  prompt: string;
  correctText: string;
  openedAt: number;
}

export interface PlayerRecord {
  gameId: string;
  playerId: string;
  name: string;
  joinedAt: number;
}

export interface AnswerRecord {
  gameId: string;
  questionIndex: number;
  playerId: string;
  answerText: string;
  correct: boolean;
  responseMs: number;
  points: number;
  answeredAt: number;
  mode: "everyone" | "buzzer";
}

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

/**
 * The game event log: every accepted event of every game, in order. Async, so a store over a network database
 * (PostgreSQL) can implement it too; each promise resolves only once the write is committed, and the room tells a
 * phone nothing about an event before that.
 */
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
 * Durable record of games, questions, players and answers. Every write is committed before the
 * method returns, so the room can acknowledge an answer right after `recordAnswer`.
 */
export interface ResultsStore extends GameEventLog {
  recordGame(game: GameRecord): void;
  /** Records a question as it opens; its players' answers may reference it from then on. */
  recordQuestion(question: QuestionRecord): void;
  /** Adds a player, or renames one who rejoins with the same id (the first join time stays). */
  recordPlayer(player: PlayerRecord): void;
  /** Returns false (and changes nothing) when this player already answered this question. */
  recordAnswer(answer: AnswerRecord): boolean;
  finishGame(gameId: string, endedAt: number): void;
  /** The most recent game created with this join code. */
  findGameByCode(code: string): GameRow | undefined;
  report(gameId: string): GameReport;
  close(): void;
}

/** The newest schema this server knows; `PRAGMA user_version` holds the file's. */
export const SCHEMA_VERSION = 2;

// Version 1. Foreign keys (on by default in node:sqlite) make an answer for a question or player
// the room never recorded fail loudly instead of vanishing from the report.
const SCHEMA_V1 = `
  CREATE TABLE IF NOT EXISTS games (
    game_id       TEXT PRIMARY KEY,
    code          TEXT NOT NULL,
    host_key_hash TEXT NOT NULL,
    title         TEXT NOT NULL,
    bank_ids_json TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    ended_at      INTEGER
  );
  CREATE INDEX IF NOT EXISTS games_by_code ON games (code, created_at);
  CREATE TABLE IF NOT EXISTS questions (
    game_id        TEXT NOT NULL REFERENCES games (game_id),
    question_index INTEGER NOT NULL,
    bank_id        TEXT NOT NULL,
    question_id    TEXT NOT NULL,
    type           TEXT NOT NULL,
    prompt         TEXT NOT NULL,
    correct_text   TEXT NOT NULL,
    opened_at      INTEGER NOT NULL,
    PRIMARY KEY (game_id, question_index)
  );
  CREATE TABLE IF NOT EXISTS players (
    game_id   TEXT NOT NULL REFERENCES games (game_id),
    player_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (game_id, player_id)
  );
  CREATE TABLE IF NOT EXISTS answers (
    game_id        TEXT NOT NULL,
    question_index INTEGER NOT NULL,
    player_id      TEXT NOT NULL,
    answer_text    TEXT NOT NULL,
    correct        INTEGER NOT NULL CHECK (correct IN (0, 1)),
    response_ms    REAL NOT NULL,
    points         REAL NOT NULL,
    answered_at    INTEGER NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('everyone', 'buzzer')),
    -- One answer per student per question, in both modes: a second one is ignored, not counted.
    PRIMARY KEY (game_id, question_index, player_id),
    FOREIGN KEY (game_id, question_index) REFERENCES questions (game_id, question_index),
    FOREIGN KEY (game_id, player_id) REFERENCES players (game_id, player_id)
  );
`;

// Version 2: the event log. A game is now its events; `owner` names the process (PROCESS_ID) that holds it, so a
// restarted process reopens its own games; `alive_at` is its heartbeat.
const SCHEMA_V2 = `
  ALTER TABLE games ADD COLUMN owner TEXT NOT NULL DEFAULT '';
  ALTER TABLE games ADD COLUMN alive_at INTEGER;
  CREATE TABLE IF NOT EXISTS game_events (
    game_id    TEXT NOT NULL REFERENCES games (game_id),
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    event_json TEXT NOT NULL,
    PRIMARY KEY (game_id, seq)
  );
  CREATE INDEX IF NOT EXISTS games_unfinished ON games (owner) WHERE ended_at IS NULL;
`;

/** Opens (creating if needed) the results database in dataDir. Safe to call from several processes at once. */
export function openResultsStore(dataDir: string): ResultsStore {
  return new SqliteResultsStore(openResultsDatabase(dataDir));
}

/** Opens the database file in dataDir, configured and migrated to SCHEMA_VERSION. */
export function openResultsDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  // `timeout` sets SQLite's busy_timeout before the first statement runs, so even switching to WAL
  // and creating the schema wait (up to 5 s) for another process instead of failing with SQLITE_BUSY.
  const db = new DatabaseSync(join(dataDir, RESULTS_FILE_NAME), { timeout: 5000 });
  try {
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: DatabaseSync): void {
  // WAL lets one process write while others read, and is the mode in which several writer
  // processes on one file serialize cleanly through the busy timeout.
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA busy_timeout = 5000");
  // NORMAL in WAL mode: a commit writes the transaction to the WAL file (into the OS page cache)
  // but skips the fsync. A killed process (crash, kill -9) loses nothing, because the kernel
  // still holds and later flushes those pages; only a power cut or OS crash can drop the last few
  // commits, and even then the database stays consistent. FULL would fsync on every answer.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
}

function migrate(db: DatabaseSync): void {
  // IMMEDIATE takes the write lock first, so two processes opening a fresh file don't both migrate.
  db.exec("BEGIN IMMEDIATE");
  try {
    const version = Number(db.prepare("PRAGMA user_version").get()?.user_version ?? 0);
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `${RESULTS_FILE_NAME} has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: update Hands Up.`,
      );
    }
    if (version < 1) db.exec(SCHEMA_V1);
    if (version < 2) db.exec(SCHEMA_V2);
    if (version < SCHEMA_VERSION) db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec("COMMIT");
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

type Row = Record<string, unknown>;

const GAME_COLUMNS = `game_id AS gameId, code, host_key_hash AS hostKeyHash, title, bank_ids_json AS bankIdsJson,
  settings_json AS settingsJson, created_at AS createdAt, ended_at AS endedAt`;

class SqliteResultsStore implements ResultsStore {
  private readonly db: DatabaseSync;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.statements = prepareStatements(db);
  }

  recordGame(game: GameRecord): void {
    this.write(() =>
      this.statements.insertGame.run({
        gameId: game.gameId,
        code: game.code,
        hostKeyHash: game.hostKeyHash,
        title: game.title,
        bankIdsJson: JSON.stringify(game.bankIds),
        settingsJson: game.settingsJson,
        createdAt: game.createdAt,
      }),
    );
  }

  recordQuestion(question: QuestionRecord): void {
    this.write(() =>
      this.statements.insertQuestion.run({
        gameId: question.gameId,
        index: question.index,
        bankId: question.bankId,
        questionId: question.questionId,
        type: question.type,
        prompt: question.prompt,
        correctText: question.correctText,
        openedAt: question.openedAt,
      }),
    );
  }

  recordPlayer(player: PlayerRecord): void {
    this.write(() =>
      this.statements.upsertPlayer.run({
        gameId: player.gameId,
        playerId: player.playerId,
        name: player.name,
        joinedAt: player.joinedAt,
      }),
    );
  }

  recordAnswer(answer: AnswerRecord): boolean {
    const result = this.write(() =>
      this.statements.insertAnswer.run({
        gameId: answer.gameId,
        questionIndex: answer.questionIndex,
        playerId: answer.playerId,
        answerText: answer.answerText,
        correct: answer.correct ? 1 : 0,
        responseMs: answer.responseMs,
        points: answer.points,
        answeredAt: answer.answeredAt,
        mode: answer.mode,
      }),
    );
    return Number(result.changes) === 1;
  }

  async openGame(game: GameRecord, owner: string, first: LoggedEvent): Promise<void> {
    this.write(() => {
      this.statements.insertGame.run({
        gameId: game.gameId,
        code: game.code,
        hostKeyHash: game.hostKeyHash,
        title: game.title,
        bankIdsJson: JSON.stringify(game.bankIds),
        settingsJson: game.settingsJson,
        createdAt: game.createdAt,
      });
      this.statements.setOwner.run({ gameId: game.gameId, owner, aliveAt: game.createdAt });
      this.insertEvent(game.gameId, 0, first);
    });
  }

  async appendEvent(gameId: string, seq: number, event: LoggedEvent): Promise<void> {
    this.write(() => this.insertEvent(gameId, seq, event));
  }

  async touchGame(gameId: string, aliveAt: number): Promise<void> {
    this.write(() => this.statements.touchGame.run({ gameId, aliveAt }));
  }

  async closeGame(gameId: string, endedAt: number): Promise<void> {
    this.write(() => this.statements.finishGame.run({ gameId, endedAt }));
  }

  async loadUnfinishedGames(owner: string): Promise<UnfinishedGame[]> {
    const rows = this.statements.unfinishedGames.all({ owner }) as Row[];
    return rows.map((row) => {
      const events = this.readEvents(String(row.gameId));
      const lastEventAt = events.at(-1)?.at ?? 0;
      return {
        gameId: String(row.gameId),
        code: String(row.code),
        hostKeyHash: String(row.hostKeyHash),
        owner: String(row.owner),
        createdAt: Number(row.createdAt),
        lastAliveAt: Math.max(Number(row.aliveAt ?? 0), lastEventAt),
        events,
      };
    });
  }

  async loadEvents(gameId: string): Promise<LoggedEvent[]> {
    return this.readEvents(gameId);
  }

  private insertEvent(gameId: string, seq: number, event: LoggedEvent): void {
    this.statements.insertEvent.run({ gameId, seq, type: event.type, at: event.at, json: JSON.stringify(event) });
  }

  private readEvents(gameId: string): LoggedEvent[] {
    const rows = this.statements.eventsOf.all({ gameId }) as { json: string }[];
    // Written only by appendEvent from accepted GameEvents, so the JSON is trusted.
    return rows.map((row) => JSON.parse(row.json) as LoggedEvent);
  }

  finishGame(gameId: string, endedAt: number): void {
    const result = this.write(() => this.statements.finishGame.run({ gameId, endedAt }));
    if (Number(result.changes) === 0) throw new Error(`No game with id ${gameId} to finish.`);
  }

  findGameByCode(code: string): GameRow | undefined {
    const row = this.statements.gameByCode.get({ code }) as Row | undefined;
    return row === undefined ? undefined : toGameRow(row);
  }

  report(gameId: string): GameReport {
    // One read transaction, so a report taken mid-game sees a single consistent moment.
    this.db.exec("BEGIN");
    try {
      const gameRow = this.statements.gameById.get({ gameId }) as Row | undefined;
      if (gameRow === undefined) throw new Error(`No game with id ${gameId}.`);
      const game = toGameRow(gameRow);
      const studentTotals = this.statements.studentTotals.all({ gameId }) as unknown as StudentTotals[];
      const questionRows = this.statements.questionTotals.all({ gameId }) as unknown as Omit<
        QuestionTotals,
        "wrongAnswers"
      >[];
      const wrongRows = this.statements.wrongAnswers.all({ gameId, spoken: SPOKEN_ANSWER_TEXT }) as unknown as {
        questionIndex: number;
        answerText: string;
      }[];
      this.db.exec("COMMIT");

      const wrongByQuestion = new Map<number, string[]>();
      for (const row of wrongRows) {
        const texts = wrongByQuestion.get(row.questionIndex) ?? [];
        texts.push(row.answerText);
        wrongByQuestion.set(row.questionIndex, texts);
      }
      const questions = questionRows.map((row) =>
        summarizeQuestion({ ...row, wrongAnswers: wrongByQuestion.get(row.index) ?? [] }),
      );
      return {
        game: {
          code: game.code,
          title: game.title,
          bankIds: game.bankIds,
          createdAt: game.createdAt,
          endedAt: game.endedAt,
          questionCount: questions.length,
        },
        students: rankStudents(studentTotals),
        questions,
        grid: [], // the legacy tables keep no per-cell record the grid could be built from
        reteach: reteachOrder(questions),
      };
    } finally {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
    }
  }

  close(): void {
    this.db.close();
  }

  /** Runs one write in its own short IMMEDIATE transaction: it waits for the lock up front (busy_timeout) and commits before returning. */
  private write<T>(run: () => T): T {
    this.statements.beginImmediate.run();
    try {
      const result = run();
      this.statements.commit.run();
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.statements.rollback.run();
      throw error;
    }
  }
}

/** The statements both SQLite stores (this one and the async sqlite-store.ts) run. */
export function prepareStatements(db: DatabaseSync) {
  return {
    beginImmediate: db.prepare("BEGIN IMMEDIATE"),
    commit: db.prepare("COMMIT"),
    rollback: db.prepare("ROLLBACK"),
    insertGame: db.prepare(`
      INSERT INTO games (game_id, code, host_key_hash, title, bank_ids_json, settings_json, created_at)
      VALUES (:gameId, :code, :hostKeyHash, :title, :bankIdsJson, :settingsJson, :createdAt)`),
    insertQuestion: db.prepare(`
      INSERT INTO questions (game_id, question_index, bank_id, question_id, type, prompt, correct_text, opened_at)
      VALUES (:gameId, :index, :bankId, :questionId, :type, :prompt, :correctText, :openedAt)`),
    upsertPlayer: db.prepare(`
      INSERT INTO players (game_id, player_id, name, joined_at) VALUES (:gameId, :playerId, :name, :joinedAt)
      ON CONFLICT (game_id, player_id) DO UPDATE SET name = excluded.name`),
    insertAnswer: db.prepare(`
      INSERT INTO answers (game_id, question_index, player_id, answer_text, correct, response_ms, points, answered_at, mode)
      VALUES (:gameId, :questionIndex, :playerId, :answerText, :correct, :responseMs, :points, :answeredAt, :mode)
      ON CONFLICT (game_id, question_index, player_id) DO NOTHING`),
    finishGame: db.prepare("UPDATE games SET ended_at = :endedAt WHERE game_id = :gameId"),
    setOwner: db.prepare("UPDATE games SET owner = :owner, alive_at = :aliveAt WHERE game_id = :gameId"),
    touchGame: db.prepare("UPDATE games SET alive_at = :aliveAt WHERE game_id = :gameId"),
    insertEvent: db.prepare(
      "INSERT INTO game_events (game_id, seq, type, at, event_json) VALUES (:gameId, :seq, :type, :at, :json)",
    ),
    eventsOf: db.prepare("SELECT event_json AS json FROM game_events WHERE game_id = :gameId ORDER BY seq"),
    unfinishedGames: db.prepare(`
      SELECT game_id AS gameId, code, host_key_hash AS hostKeyHash, owner, created_at AS createdAt, alive_at AS aliveAt
      FROM games
      WHERE ended_at IS NULL AND owner = :owner AND EXISTS (SELECT 1 FROM game_events e WHERE e.game_id = games.game_id)
      ORDER BY created_at`),
    gameById: db.prepare(`SELECT ${GAME_COLUMNS} FROM games WHERE game_id = :gameId`),
    gameByCode: db.prepare(
      `SELECT ${GAME_COLUMNS} FROM games WHERE code = :code ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    studentTotals: db.prepare(`
      SELECT p.player_id AS playerId, p.name AS name,
             COALESCE(SUM(a.points), 0) AS score,
             COALESCE(SUM(a.correct), 0) AS correct,
             COUNT(a.player_id) AS answered,
             COALESCE(SUM(a.response_ms), 0) AS totalMs
      FROM players p
      LEFT JOIN answers a ON a.game_id = p.game_id AND a.player_id = p.player_id
      WHERE p.game_id = :gameId
      GROUP BY p.player_id`),
    questionTotals: db.prepare(`
      SELECT q.question_index AS "index", q.question_id AS questionId, q.bank_id AS bankId,
             q.prompt AS prompt, q.correct_text AS correctText,
             COUNT(a.player_id) AS answered,
             COALESCE(SUM(a.correct), 0) AS correct,
             COALESCE(SUM(a.response_ms), 0) AS totalMs
      FROM questions q
      LEFT JOIN answers a ON a.game_id = q.game_id AND a.question_index = q.question_index
      WHERE q.game_id = :gameId
      GROUP BY q.question_index
      ORDER BY q.question_index`),
    wrongAnswers: db.prepare(`
      SELECT question_index AS questionIndex, answer_text AS answerText
      FROM answers
      WHERE game_id = :gameId AND correct = 0 AND answer_text <> :spoken
      ORDER BY answered_at, rowid`),
  };
}

export function toGameRow(row: Row): GameRow {
  return {
    gameId: String(row.gameId),
    code: String(row.code),
    hostKeyHash: String(row.hostKeyHash),
    title: String(row.title),
    bankIds: JSON.parse(String(row.bankIdsJson)) as string[],
    settingsJson: String(row.settingsJson),
    createdAt: Number(row.createdAt),
    endedAt: row.endedAt === null ? null : Number(row.endedAt),
  };
}
