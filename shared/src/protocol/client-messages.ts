import { z } from "zod";

/**
 * Every message a client may send to a `quiz` room, one zod schema each. The room checks each
 * payload at the edge with these schemas; a bad payload gets an `error` reply, never a disconnect.
 */

const questionIndex = z.number().int().min(0).max(9999);
/** A timestamp on the sender's own clock, in milliseconds since the epoch. */
const clientTimeMs = z.number().finite().nonnegative();
const playerId = z.string().min(1).max(64);

// ── clock sync (both students and host) ────────────────────────────────────────────────────────
/** Reply to the server's `ping`: echo its stamp and add the phone's own clock reading. */
export const PongSchema = z.strictObject({ serverSentAt: z.number().finite(), clientAt: clientTimeMs });
export type Pong = z.infer<typeof PongSchema>;

// ── students ─────────────────────────────────────────────────────────────────────────────────────
/** The question became visible on this phone (fair start: the student's clock starts here). */
export const QuestionShownSchema = z.strictObject({ questionIndex, shownAt: clientTimeMs });
export type QuestionShown = z.infer<typeof QuestionShownSchema>;

/** Answer the current question (everyone mode, or the buzzer winner during their turn). */
export const SubmitAnswerSchema = z.strictObject({
  questionIndex,
  answer: z.unknown(), // checked against AnswerInputSchema and the question's type by the room
  answeredAt: clientTimeMs.optional(),
});
export type SubmitAnswer = z.infer<typeof SubmitAnswerSchema>;

/** Press the buzzer; `pressedAt` is the phone's clock at the moment of the press. */
export const BuzzSchema = z.strictObject({ questionIndex, pressedAt: clientTimeMs });
export type Buzz = z.infer<typeof BuzzSchema>;

// ── host (needs the host key given at join) ─────────────────────────────────────────────────────
const PHASE_NAMES = ["lobby", "getReady", "question", "answering", "reveal", "leaderboard", "podium", "ended"] as const;
/**
 * The screen a host action was pressed on (optional): when another tab already moved the game on, the action is
 * refused `wrong-phase` instead of skipping a screen.
 */
const onScreen = {
  phase: z.enum(PHASE_NAMES).optional(),
  questionIndex: z.number().int().min(-1).max(9999).optional(),
};
export const EmptySchema = z.strictObject({}).optional();
export const HostActionSchema = z.strictObject(onScreen).optional();
export const ExtendTimeSchema = z.strictObject({ seconds: z.number().int().min(1).max(120), ...onScreen });
export const MarkSpokenSchema = z.strictObject({ correct: z.boolean(), playerId: playerId.optional(), ...onScreen });
export const KickSchema = z.strictObject({ playerId });
export const LockLobbySchema = z.strictObject({ locked: z.boolean() });
export const GrantExtraTimeSchema = z.strictObject({
  playerId,
  factor: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
});
export const SetShowPromptSchema = z.strictObject({ show: z.boolean() });

/** Message name → payload schema, for every message the room accepts. */
export const CLIENT_MESSAGES = {
  pong: PongSchema,
  questionShown: QuestionShownSchema,
  submitAnswer: SubmitAnswerSchema,
  buzz: BuzzSchema,
  startGame: HostActionSchema,
  next: HostActionSchema,
  pause: HostActionSchema,
  resume: HostActionSchema,
  skip: HostActionSchema,
  extendTime: ExtendTimeSchema,
  revealNow: HostActionSchema,
  markSpoken: MarkSpokenSchema,
  kick: KickSchema,
  setLobbyLocked: LockLobbySchema,
  grantExtraTime: GrantExtraTimeSchema,
  setShowPromptOnPhones: SetShowPromptSchema,
  endGame: HostActionSchema,
} as const;
export type ClientMessageType = keyof typeof CLIENT_MESSAGES;

/** Messages only the host may send. */
export const HOST_ONLY_MESSAGES: ReadonlySet<ClientMessageType> = new Set<ClientMessageType>([
  "startGame",
  "next",
  "pause",
  "resume",
  "skip",
  "extendTime",
  "revealNow",
  "markSpoken",
  "kick",
  "setLobbyLocked",
  "grantExtraTime",
  "setShowPromptOnPhones",
  "endGame",
]);

/** Messages only students may send. */
export const STUDENT_ONLY_MESSAGES: ReadonlySet<ClientMessageType> = new Set<ClientMessageType>([
  "questionShown",
  "submitAnswer",
  "buzz",
]);

/** Options a student passes to `joinById(code, options)`. */
export const StudentJoinOptionsSchema = z.strictObject({
  name: z.string().max(200),
  deviceId: z.string().min(8).max(64).optional(),
});
export type StudentJoinOptions = z.infer<typeof StudentJoinOptionsSchema>;

/** Options the teacher's screen passes to `joinById(code, options)`. */
export const HostJoinOptionsSchema = z.strictObject({ hostKey: z.string().min(16).max(200) });
export type HostJoinOptions = z.infer<typeof HostJoinOptionsSchema>;
