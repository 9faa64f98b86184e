import { type SchemaType, schema, t } from "@colyseus/schema";
import type { Phase } from "../rules/phases.ts";

/** What became of one buzz: waiting for a turn, answering now, or settled. */
export type BuzzStatus = "waiting" | "answering" | "wrong" | "right";
/** How a student's last question went, set at the reveal. */
export type LastResult = "none" | "correct" | "wrong" | "missed";
export type RoundMode = "everyone" | "buzzer";

/**
 * The synchronised state of one game: the one wire contract both the server (which writes it, see
 * server/src/rooms/projection.ts) and the client (which decodes it) import. What each client may see is decided
 * by the room's StateViews:
 * `players` and `hostSecret` are view-tagged, so a student receives only their own Player and
 * never the host's secret; everything else is shared, and none of it holds an answer before
 * the reveal.
 */

/** The question as students see it: never the answer. */
export const PublicQuestionState = schema(
  {
    id: t.string().default(""),
    type: t.string().default(""),
    prompt: t.string().default(""),
    options: t.array("string"),
    items: t.array("string"),
    unit: t.string().default(""),
    timeLimitMs: t.uint32().default(0),
    basePoints: t.uint16().default(0),
    multiSelect: t.boolean().default(false),
    imageSrc: t.string().default(""),
    imageAlt: t.string().default(""),
    hasMaths: t.boolean().default(false),
  },
  "PublicQuestion",
);

/** One buzz in fair order: who, how far behind the first press, and what became of it. */
export const BuzzEntryState = schema(
  {
    playerId: t.string(),
    name: t.string(),
    gapMs: t.uint32().default(0),
    /** ± how sure the gap is: the first press's uncertainty plus this one's (0 for the first) */
    marginMs: t.uint32().default(0),
    /** true when this press may have been first: part of a photo finish */
    contender: t.boolean().default(false),
    status: t.string<BuzzStatus>().default("waiting"),
  },
  "BuzzEntry",
);

export const LeaderRowState = schema(
  {
    playerId: t.string(),
    name: t.string(),
    score: t.int32().default(0),
    rank: t.uint16().default(0),
  },
  "LeaderRow",
);

/** Filled only when the question is revealed; empty before. */
export const RevealState = schema(
  {
    correctOptionIndices: t.array("uint8"),
    correctText: t.string().default(""),
    correctOrder: t.array("string"),
    explanation: t.string().default(""),
    /** answers per option (choice questions) or [right, wrong] (other types) */
    distribution: t.array("uint16"),
    answeredCount: t.uint16().default(0),
    correctCount: t.uint16().default(0),
  },
  "Reveal",
);

/** A student, as seen by the host (all of them) and by that student (only their own). */
export const PlayerState = schema(
  {
    name: t.string(),
    connected: t.boolean().default(true),
    score: t.int32().default(0),
    rank: t.uint16().default(0),
    streak: t.uint16().default(0),
    /** set at the reveal, never before */
    lastResult: t.string<LastResult>().default("none"),
    lastPoints: t.int32().default(0),
    lastBonus: t.uint16().default(0),
    answered: t.boolean().default(false),
    correctCount: t.uint16().default(0),
    /** 1, 1.5 or 2: the teacher's time accommodation */
    extraTime: t.float32().default(1),
    /** this student's own deadline for the current question, in server time (fair start) */
    deadline: t.float64().default(0),
    /** the student may not buzz again before this server time */
    lockedOutUntil: t.float64().default(0),
    /** this student is locked out of the current buzzer question */
    lockedOut: t.boolean().default(false),
  },
  "Player",
);

/** Only the host sees this: the answer, so the teacher can judge a spoken answer. */
export const HostSecretState = schema(
  {
    correctText: t.string().default(""),
    /** live answer distribution, same buckets as Reveal.distribution */
    liveDistribution: t.array("uint16"),
    /** why results cannot be saved right now (a full disk), for the teacher's banner; "" when all is well */
    storeProblem: t.string().default(""),
  },
  "HostSecret",
);

export const QuizState = schema(
  {
    code: t.string().default(""),
    title: t.string().default(""),
    phase: t.string<Phase>().default("lobby"),
    paused: t.boolean().default(false),
    /** when the current phase ends, server time in ms (0 = waits for the host) */
    phaseEndsAt: t.float64().default(0),
    pausedRemainingMs: t.float64().default(0),
    questionIndex: t.int16().default(-1),
    questionCount: t.uint16().default(0),
    roundIndex: t.int16().default(-1),
    roundCount: t.uint16().default(0),
    roundMode: t.string<RoundMode>().default("everyone"),
    question: PublicQuestionState,
    questionOpenedAt: t.float64().default(0),
    showPromptOnPhones: t.boolean().default(true),
    answersIn: t.uint16().default(0),
    playerCount: t.uint16().default(0),
    connectedCount: t.uint16().default(0),
    lobbyLocked: t.boolean().default(false),
    buzzQueue: t.array(BuzzEntryState),
    /** the first presses were closer than their combined uncertainty: too close to call */
    photoFinish: t.boolean().default(false),
    photoFinishGapMs: t.uint32().default(0),
    photoFinishMarginMs: t.uint32().default(0),
    /** the teacher's rule called a re-buzz after a photo finish: everyone may buzz again */
    rebuzz: t.boolean().default(false),
    answeringPlayerId: t.string().default(""),
    answeringName: t.string().default(""),
    /** when the current buzzer turn began (server ms), so screens can draw the turn's own countdown */
    answeringStartedAt: t.float64().default(0),
    answeringEndsAt: t.float64().default(0),
    leaderboard: t.array(LeaderRowState),
    reveal: RevealState,
    players: t.map(PlayerState).view(),
    hostSecret: t.ref(HostSecretState).view(),
  },
  "QuizState",
);

export type QuizState = SchemaType<typeof QuizState>;
export type PlayerState = SchemaType<typeof PlayerState>;
export type BuzzEntryState = SchemaType<typeof BuzzEntryState>;
export type LeaderRowState = SchemaType<typeof LeaderRowState>;
export type RevealState = SchemaType<typeof RevealState>;
export type HostSecretState = SchemaType<typeof HostSecretState>;
export type PublicQuestionState = SchemaType<typeof PublicQuestionState>;
