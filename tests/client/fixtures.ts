import type { HostModel } from "../../client/src/host/host-model.ts";
import type { GameSnapshot, PlayerSnapshot, QuestionSnapshot } from "../../client/src/net/snapshot.ts";
import type { StudentModel } from "../../client/src/student/student-model.ts";

/** Hand-built snapshots and models: a small game in a known state, overridden per test. */

/** A fixed server time for countdowns: deadlines in the fixtures are offsets from it. */
export const NOW = 1_700_000_000_000;

export const QUESTIONS = {
  choice: {
    id: "q-beria",
    type: "multiple-choice",
    prompt: "Who was arrested in June 1953?",
    options: ["Beria", "Malenkov", "Molotov", "Bulganin"],
    items: [],
    unit: "",
    timeLimitMs: 20_000,
    basePoints: 1000,
    multiSelect: false,
    image: null,
    hasMaths: false,
  },
  multi: {
    id: "q-multi",
    type: "multiple-choice",
    prompt: "Who sat in the 1953 Presidium?",
    options: ["Beria", "Kennedy", "Malenkov"],
    items: [],
    unit: "",
    timeLimitMs: 30_000,
    basePoints: 1000,
    multiSelect: true,
    image: null,
    hasMaths: false,
  },
  trueFalse: {
    id: "q-tf",
    type: "true-false",
    prompt: "Khrushchev gave the Secret Speech in 1956.",
    options: [],
    items: [],
    unit: "",
    timeLimitMs: 10_000,
    basePoints: 500,
    multiSelect: false,
    image: null,
    hasMaths: false,
  },
  typed: {
    id: "q-typed",
    type: "type-answer",
    prompt: "Name the policy of living side by side with the West.",
    options: [],
    items: [],
    unit: "",
    timeLimitMs: 30_000,
    basePoints: 1000,
    multiSelect: false,
    image: null,
    hasMaths: false,
  },
  numeric: {
    id: "q-year",
    type: "numeric",
    prompt: "How many days did the Hungarian uprising last?",
    options: [],
    items: [],
    unit: "days",
    timeLimitMs: 20_000,
    basePoints: 1000,
    multiSelect: false,
    image: null,
    hasMaths: false,
  },
  ordering: {
    id: "q-order",
    type: "ordering",
    prompt: "Put these in order, earliest first.",
    options: [],
    items: ["Secret Speech", "Stalin dies", "Sputnik"],
    unit: "",
    timeLimitMs: 40_000,
    basePoints: 1000,
    multiSelect: false,
    image: null,
    hasMaths: false,
  },
} satisfies Record<string, QuestionSnapshot>;

/** A connected student with no score yet. */
export function player(overrides: Partial<PlayerSnapshot> = {}): PlayerSnapshot {
  return {
    id: "p-ada",
    name: "Ada",
    connected: true,
    score: 0,
    rank: 0,
    streak: 0,
    lastResult: "none",
    lastPoints: 0,
    lastBonus: 0,
    answered: false,
    correctCount: 0,
    extraTime: 1,
    deadline: 0,
    lockedOutUntil: 0,
    lockedOut: false,
    ...overrides,
  };
}

/** Game ABC123, question 2 of 5 (a multiple-choice one) open, three students, nothing answered. */
export function game(overrides: Partial<GameSnapshot> = {}): GameSnapshot {
  return {
    code: "ABC123",
    title: "Peaceful coexistence",
    phase: "question",
    paused: false,
    phaseEndsAt: NOW + 20_000,
    pausedRemainingMs: 0,
    questionIndex: 1,
    questionCount: 5,
    roundIndex: 0,
    roundCount: 1,
    roundMode: "everyone",
    question: QUESTIONS.choice,
    questionOpenedAt: NOW,
    showPromptOnPhones: true,
    answersIn: 0,
    playerCount: 3,
    connectedCount: 3,
    lobbyLocked: false,
    buzzQueue: [],
    photoFinish: null,
    rebuzz: false,
    answeringPlayerId: "",
    answeringName: "",
    answeringStartedAt: 0,
    answeringEndsAt: 0,
    leaderboard: [],
    reveal: {
      correctOptionIndices: [],
      correctText: "",
      correctOrder: [],
      explanation: "",
      distribution: [],
      answeredCount: 0,
      correctCount: 0,
    },
    players: [],
    hostSecret: { correctText: "", liveDistribution: [] },
    ...overrides,
  };
}

/** Ada's phone, in the game, with her own player entry (the server sends a student only their own). */
export function studentModel(overrides: Partial<StudentModel> = {}): StudentModel {
  return {
    stage: "game",
    joining: false,
    joinError: "",
    typedCode: "ABC123",
    typedName: "Ada",
    game: game({ players: [player()] }),
    sessionId: "p-ada",
    connection: "online",
    answeredQuestion: -1,
    buzzedQuestion: -1,
    notice: "",
    farewell: "",
    ...overrides,
  };
}

/** The teacher's screen running game ABC123. */
export function hostModel(overrides: Partial<HostModel> = {}): HostModel {
  return {
    stage: "game",
    banks: [],
    hostPasswordRequired: false,
    lanUrls: [],
    creating: false,
    createError: "",
    createWarning: "",
    code: "ABC123",
    hostKey: "key/with+slash",
    game: game(),
    connection: "online",
    previousLeaderboard: [],
    peek: false,
    notice: "",
    ...overrides,
  };
}
