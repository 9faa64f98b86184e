import type { Phase, PublicQuestion, QuestionType, RoundMode } from "@handsup/shared";
import type { QuizState } from "@handsup/shared/state/quiz-state.ts";

/** Plain copies of the synchronised state: what scenes and view-models read (never the live schema). */

export type { Phase, QuestionType, RoundMode } from "@handsup/shared";
export type LastResult = "none" | "correct" | "wrong" | "missed";

/** The question as students see it: the shared PublicQuestion contract. */
export type QuestionSnapshot = PublicQuestion;

export interface PlayerSnapshot {
  id: string;
  name: string;
  connected: boolean;
  score: number;
  rank: number;
  streak: number;
  lastResult: LastResult;
  lastPoints: number;
  lastBonus: number;
  answered: boolean;
  correctCount: number;
  extraTime: number;
  deadline: number;
  lockedOutUntil: number;
  lockedOut: boolean;
}

export interface BuzzSnapshot {
  playerId: string;
  name: string;
  gapMs: number;
  /** ± how sure the gap is (the first press's uncertainty plus this one's); 0 for the first */
  marginMs: number;
  /** may have pressed first: part of a photo finish */
  contender: boolean;
  status: "waiting" | "answering" | "wrong" | "right";
}

export interface LeaderRow {
  playerId: string;
  name: string;
  score: number;
  rank: number;
}

export interface RevealSnapshot {
  correctOptionIndices: number[];
  correctText: string;
  correctOrder: string[];
  explanation: string;
  distribution: number[];
  answeredCount: number;
  correctCount: number;
}

export interface GameSnapshot {
  code: string;
  title: string;
  phase: Phase;
  paused: boolean;
  phaseEndsAt: number;
  pausedRemainingMs: number;
  questionIndex: number;
  questionCount: number;
  roundIndex: number;
  roundCount: number;
  roundMode: RoundMode;
  question: QuestionSnapshot;
  questionOpenedAt: number;
  showPromptOnPhones: boolean;
  answersIn: number;
  playerCount: number;
  connectedCount: number;
  lobbyLocked: boolean;
  buzzQueue: BuzzSnapshot[];
  /** the first presses were too close to call: the nearest gap and its margin (null: a clear lead) */
  photoFinish: { gapMs: number; marginMs: number } | null;
  /** the teacher's rule called a re-buzz after a photo finish */
  rebuzz: boolean;
  answeringPlayerId: string;
  answeringName: string;
  answeringStartedAt: number;
  answeringEndsAt: number;
  leaderboard: LeaderRow[];
  reveal: RevealSnapshot;
  players: PlayerSnapshot[];
  hostSecret: { correctText: string; liveDistribution: number[] };
}

type Listish<T> = Iterable<T> | undefined;
const list = <T>(items: Listish<T>): T[] => (items ? Array.from(items) : []);

/** Copies the live schema state into plain data (the state arrives one round-trip after joining). */
export function takeSnapshot(state: QuizState): GameSnapshot {
  const q = state.question;
  const r = state.reveal;
  const players: PlayerSnapshot[] = [];
  state.players?.forEach((p, id) => {
    players.push({
      id,
      name: p.name,
      connected: p.connected,
      score: p.score,
      rank: p.rank,
      streak: p.streak,
      lastResult: p.lastResult as LastResult,
      lastPoints: p.lastPoints,
      lastBonus: p.lastBonus,
      answered: p.answered,
      correctCount: p.correctCount,
      extraTime: p.extraTime,
      deadline: p.deadline,
      lockedOutUntil: p.lockedOutUntil,
      lockedOut: p.lockedOut,
    });
  });
  return {
    code: state.code,
    title: state.title,
    phase: state.phase as Phase,
    paused: state.paused,
    phaseEndsAt: state.phaseEndsAt,
    pausedRemainingMs: state.pausedRemainingMs,
    questionIndex: state.questionIndex,
    questionCount: state.questionCount,
    roundIndex: state.roundIndex,
    roundCount: state.roundCount,
    roundMode: state.roundMode as RoundMode,
    question: {
      id: q?.id ?? "",
      type: (q?.type ?? "") as QuestionType,
      prompt: q?.prompt ?? "",
      options: list(q?.options),
      items: list(q?.items),
      unit: q?.unit ?? "",
      timeLimitMs: q?.timeLimitMs ?? 0,
      basePoints: q?.basePoints ?? 0,
      multiSelect: q?.multiSelect ?? false,
      image: q?.imageSrc ? { src: q.imageSrc, alt: q.imageAlt } : null,
      hasMaths: q?.hasMaths ?? false,
    },
    questionOpenedAt: state.questionOpenedAt,
    showPromptOnPhones: state.showPromptOnPhones,
    answersIn: state.answersIn,
    playerCount: state.playerCount,
    connectedCount: state.connectedCount,
    lobbyLocked: state.lobbyLocked,
    buzzQueue: list(state.buzzQueue).map((b) => ({
      playerId: b.playerId,
      name: b.name,
      gapMs: b.gapMs,
      marginMs: b.marginMs,
      contender: b.contender,
      status: b.status as BuzzSnapshot["status"],
    })),
    photoFinish: state.photoFinish ? { gapMs: state.photoFinishGapMs, marginMs: state.photoFinishMarginMs } : null,
    rebuzz: state.rebuzz,
    answeringPlayerId: state.answeringPlayerId,
    answeringName: state.answeringName,
    answeringStartedAt: state.answeringStartedAt,
    answeringEndsAt: state.answeringEndsAt,
    leaderboard: list(state.leaderboard).map((row) => ({
      playerId: row.playerId,
      name: row.name,
      score: row.score,
      rank: row.rank,
    })),
    reveal: {
      correctOptionIndices: list(r?.correctOptionIndices),
      correctText: r?.correctText ?? "",
      correctOrder: list(r?.correctOrder),
      explanation: r?.explanation ?? "",
      distribution: list(r?.distribution),
      answeredCount: r?.answeredCount ?? 0,
      correctCount: r?.correctCount ?? 0,
    },
    players,
    hostSecret: {
      correctText: state.hostSecret?.correctText ?? "",
      liveDistribution: list(state.hostSecret?.liveDistribution),
    },
  };
}
