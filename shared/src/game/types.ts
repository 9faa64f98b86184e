import type { AnswerInput } from "../protocol/answer-input.ts";
import type { GameSettings } from "../protocol/game-settings.ts";
import type {
  AnswerAckMessage,
  BuzzAckMessage,
  ErrorCode,
  ErrorMessage,
  KickedMessage,
  WelcomeMessage,
} from "../protocol/server-messages.ts";
import type { ClockEstimate } from "../rules/clock-sync.ts";
import type { PlannedRound, RoundMode } from "../rules/game-plan.ts";
import type { Phase } from "../rules/phases.ts";
import type { PhotoFinish } from "../rules/photo-finish.ts";
import type { PreparedQuestion } from "../rules/prepare-question.ts";

/**
 * The game as plain data (no Map/Set/class), so it can be replayed, snapshotted, compared and sent to tests.
 * `step(game, event)` updates a game IN PLACE and returns it (see game.ts): a 4,000-student room must not copy
 * every player on every answer. Keep a `structuredClone` if you need the state before a step.
 */

/** What the teacher chose on the create form, minus the host password (never kept). */
export type GameSettingsForGame = Omit<GameSettings, "hostPassword">;

/** Everything a game needs, decided before it exists (the `create` event carries it). */
export interface GameSetup {
  gameId: string;
  code: string;
  hostKeyHash: string;
  title: string;
  bankIds: string[];
  settings: GameSettingsForGame;
  rounds: PlannedRound[];
  seed: number;
}

/** One question of the game, prepared at create from the seed (ordering items shuffled, time limit set). */
export interface PlayedQuestion {
  prepared: PreparedQuestion;
  mode: RoundMode;
  roundIndex: number;
}

export interface PhaseState {
  name: Phase;
  /** -1 in the lobby; the question being played (or last played, on the podium). */
  questionIndex: number;
  startedAt: number;
  /** When the phase ends on its own (server ms); null when it waits for the host or players. In `answering` it is
   * the end of the buzzer turn; in an `everyone` question it is the base deadline (opened + limit + extensions). */
  endsAt: number | null;
  /** Set while paused: when, and how long the running deadline had left (null if none was running). */
  paused: { at: number; remainingMs: number | null } | null;
}

export type PlayerStatus = "active" | "kicked" | "left";
export type QuestionResult = "none" | "correct" | "wrong" | "missed";

export interface Player {
  id: string;
  name: string;
  /** nicknameKey(name): names collide on this */
  nameKey: string;
  /** nameSortKey(name): students on the same score are listed in this order */
  sortKey: string;
  deviceId: string | null;
  joinedAt: number;
  connected: boolean;
  /** kicked: removed by the teacher (stays for the report, never rejoins); left: left in the lobby (seat freed). */
  status: PlayerStatus;
  /** The first question index this student may play (joined mid-question: the next one). */
  firstQuestion: number;
  extraTime: 1 | 1.5 | 2;
  /** Cached from the ledger (invariant: score = sum of points of the player's non-voided entries). */
  score: number;
  streak: number;
  correctCount: number;
  /** The outcome of the current/last question, as the phone shows it after the reveal (buzzer: after the turn). */
  lastResult: QuestionResult;
  lastPoints: number;
  lastBonus: number;
}

/** An accepted answer in `everyone` mode, held privately until the reveal turns it into a ledger entry. */
export interface PendingAnswer {
  input: AnswerInput;
  text: string;
  correct: boolean;
  points: number;
  bonus: number;
  streakAfter: number;
  responseMs: number;
  /** distribution bar (-1: none) */
  bucket: number;
  at: number;
}

/** A buzz as judged: its fair press time (server clock) and when it arrived. */
export interface BuzzRecord {
  playerId: string;
  pressServerMs: number;
  arrivalServerMs: number;
  /** how far the credited press may be from the true one (rules/photo-finish.ts) */
  uncertaintyMs: number;
}

export type BuzzStatus = "waiting" | "answering" | "wrong" | "right";

export interface BuzzerTurn {
  playerId: string;
  startedAt: number;
  endsAt: number;
}

/** Live data of the question being played; reset when the next question begins. */
export interface CurrentQuestion {
  index: number;
  /** When the question phase opened (server ms); null during get-ready. Moves with pause/resume. */
  openedAt: number | null;
  /** Seconds the teacher added (ms), on top of every student's own deadline. */
  extendedMs: number;
  /** Fair-start shown time per player (server ms). */
  shownAt: Record<string, number>;
  /** everyone mode: accepted answers until the reveal. */
  answers: Record<string, PendingAnswer>;
  answerCount: number;
  /** Students who may still answer and are connected (everyone mode): 0 closes the question. Kept incrementally. */
  waitingCount: number;
  /** Live distribution (host only), same bars as the reveal. */
  distribution: number[];
  /** buzzer mode: buzzes in FAIR ORDER (orderBuzzes, sorted in one place: buzzer.ts). */
  buzzes: BuzzRecord[];
  /** buzzer: the photo finish called when the first turn was decided (null: a clear lead, or not decided yet) */
  photoFinish: PhotoFinish | null;
  /** buzzer: the question was re-buzzed after a photo finish (at most once) */
  rebuzzed: boolean;
  /** buzzer, "both answer": contenders still owed a turn after a right answer */
  extraTurns: string[];
  /** buzzer: when the arbitration window after the first buzz closes; null when none is open. */
  arbitrationEndsAt: number | null;
  turn: BuzzerTurn | null;
  /** buzzer: outcome per player who had a turn. */
  tried: Record<string, "right" | "wrong">;
  /** buzzer: question time left when the current turn began (the question clock is frozen during a turn). */
  remainingQuestionMs: number | null;
  /** buzzer: an early buzz locks its student out until this server time. */
  earlyLockUntil: Record<string, number>;
  /** Set once the question is revealed: the tally shown with the answer. */
  revealed: { answered: number; correct: number; distribution: number[] } | null;
  skipped: boolean;
}

/** Every score change, and every answer given, in order: scores, streaks, ranks and the report all come from it. */
export interface LedgerEntry {
  questionIndex: number;
  playerId: string;
  mode: RoundMode;
  result: "correct" | "wrong" | "missed";
  /** points including the bonus; negative for a buzzer penalty */
  points: number;
  bonus: number;
  streakAfter: number;
  /** readable answer; null for a missed question; "(spoken)" / "(no answer)" for buzzer turns */
  answerText: string | null;
  responseMs: number;
  at: number;
  /** a skipped question's entries stay for the report but count for nothing */
  voided: boolean;
}

export interface Game {
  id: string;
  code: string;
  seed: number;
  title: string;
  hostKeyHash: string;
  bankIds: string[];
  settings: GameSettingsForGame;
  questions: PlayedQuestion[];
  roundCount: number;
  phase: PhaseState;
  players: Record<string, Player>;
  /** join order (never used for ranking) */
  playerOrder: string[];
  /** name key → player id of every active player, for "is this name taken" and rejoin by name */
  playerByNameKey: Record<string, string>;
  /** active students (not kicked, not left) */
  activeCount: number;
  connectedCount: number;
  bans: { deviceIds: string[]; nameKeys: string[] };
  current: CurrentQuestion | null;
  ledger: LedgerEntry[];
  lockedLobby: boolean;
  showPromptOnPhones: boolean;
  createdAt: number;
  endedAt: number | null;
  /** time of the last accepted event (events are applied at max(at, lastAt)) */
  lastAt: number;
  /** number of accepted events, including create (the room's next seq for the event log) */
  eventCount: number;
  /** the next time the game must be woken with a `deadline` event; null = none */
  wakeAt: number | null;
}

// ── events ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Host actions name the screen they were pressed on; a stale one (another tab moved on) is refused `wrong-phase`.
 * Both optional so an older page still works; `question` and `answering` count as the same screen except for
 * markSpoken.
 */
export interface HostExpectation {
  phase?: Phase;
  questionIndex?: number;
}

export type CreateEvent = { type: "create"; at: number; setup: GameSetup };
export type HostActionType = "start" | "next" | "skip" | "pause" | "resume" | "revealNow" | "end";

export type GameEvent =
  | CreateEvent
  /** A student joins; `playerId` is a fresh id from the room. Same name+deviceId as an existing player takes
   * over that seat (effect `joined` says which id). */
  | { type: "join"; at: number; playerId: string; name: string; deviceId?: string }
  /** The connection came back (reconnection token). */
  | { type: "rejoin"; at: number; playerId: string }
  /** The connection went away; `consented` = the student left on purpose (in the lobby this frees the seat). */
  | { type: "leave"; at: number; playerId: string; consented: boolean }
  /** The question appeared on the phone: the phone's own stamp and the clock estimate the room had for it. */
  | {
      type: "shown";
      at: number;
      playerId: string;
      questionIndex: number;
      shownAtClient: number;
      clock: ClockEstimate | null;
    }
  /** `answer` is unchecked input (the reducer checks it against the question); `answeredAtClient` is the phone's stamp. */
  | {
      type: "answer";
      at: number;
      playerId: string;
      questionIndex: number;
      answer: unknown;
      answeredAtClient?: number;
      clock: ClockEstimate | null;
    }
  /** `arbitrationMs`: arbitrationWindowMs() over connected one-way latencies, computed by the room at the press. */
  | {
      type: "buzz";
      at: number;
      playerId: string;
      questionIndex: number;
      pressedAtClient: number;
      clock: ClockEstimate | null;
      arbitrationMs: number;
    }
  /** The teacher judges a spoken answer; `playerId` (optional) names the student they judged. */
  | ({ type: "markSpoken"; at: number; correct: boolean; playerId?: string } & HostExpectation)
  | { [K in HostActionType]: { type: K; at: number } & HostExpectation }[HostActionType]
  | ({ type: "extend"; at: number; seconds: number } & HostExpectation)
  | { type: "grantExtraTime"; at: number; playerId: string; factor: 1 | 1.5 | 2 }
  | { type: "kick"; at: number; playerId: string }
  | { type: "lock"; at: number; locked: boolean }
  | { type: "showPrompt"; at: number; show: boolean }
  /** The server came back after being down since `downSince` (replayed from the log): the clocks move on by the
   * downtime, like a pause; a buzzer turn in progress starts again. Connections stay as they were: the room sends
   * `leave` for phones that do not come back within its grace period. */
  | { type: "restored"; at: number; downSince: number }
  /** The room's one timer fired (at or after game.wakeAt). */
  | { type: "deadline"; at: number };

export type GameEventType = GameEvent["type"];

// ── effects ────────────────────────────────────────────────────────────────────────────────────

/** Why a join was refused (the room maps these to JoinErrorCode). */
export type JoinRefusal = "name-refused" | "name-taken" | "game-full" | "lobby-locked" | "kicked" | "game-over";
/** `not-due`: a deadline event before game.wakeAt (a stale timer). */
export type RefusalCode = ErrorCode | JoinRefusal | "not-due";

/** A message for one student's phone (the room sends `type` with `body`). */
export type PlayerNotice =
  | { type: "welcome"; body: WelcomeMessage }
  | { type: "answerAck"; body: AnswerAckMessage }
  | { type: "buzzAck"; body: BuzzAckMessage }
  | { type: "error"; body: ErrorMessage }
  | { type: "kicked"; body: KickedMessage };

export type Effect =
  /** Nothing changed; the event must NOT be persisted. Only ever the sole effect of a step. `quiet`: a no-op
   * (duplicate questionShown, stale timer, leave of a gone seat) that needs no reply. */
  | { type: "refuse"; code: RefusalCode; message: string; quiet?: true }
  /** The next deadline (null = none); the room keeps ONE timer and sends `deadline` when it fires. Every
   * accepted step ends with exactly one of these. */
  | { type: "wakeAt"; at: number | null }
  | { type: "notify"; playerId: string; message: PlayerNotice }
  /** A join was accepted as `playerId` (a takeover keeps the old id): map the socket; a takeover releases the
   * old connection. */
  | { type: "joined"; playerId: string; name: string; tookOver: boolean }
  /** Close the kicked student's socket (4105) and kill its reconnection token. */
  | { type: "kickConnection"; playerId: string }
  | { type: "phaseChanged"; from: Phase; to: Phase; questionIndex: number }
  /** New ledger entries (for the answers table). */
  | { type: "ledger"; entries: LedgerEntry[] }
  /** The question was skipped: its ledger entries are now voided. */
  | { type: "voided"; questionIndex: number }
  | { type: "gameEnded" };

export interface StepResult {
  game: Game;
  effects: Effect[];
}

/** One row of THE ranking (see ranking.ts): dense ranks, equal scores share a rank, ties listed by name. */
export interface GameStanding {
  playerId: string;
  name: string;
  score: number;
  rank: number;
  streak: number;
  correctCount: number;
}
