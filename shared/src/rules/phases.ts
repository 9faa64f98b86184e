/** The phases of a game, in the order a question passes through them. */
export type Phase = "lobby" | "getReady" | "question" | "answering" | "reveal" | "leaderboard" | "podium" | "ended";

export interface PhaseRule {
  /** Where the phase goes next; "nextQuestionOrPodium" depends on whether questions remain; null = none. */
  next: Phase | "nextQuestionOrPodium" | null;
  /** How long the phase lasts when a timer ends it; null when something else does. */
  durationMs: number | null;
  /** True when the room advances on its own (a timer), false when it waits for the host or players. */
  auto: boolean;
}

/**
 * The phase machine as data; game/flow.ts (FLOW) is its executable form, the only place `step` learns what comes
 * next, how long a phase lasts and what runs on entry and exit. Transitions:
 * - lobby → getReady: host starts the game.
 * - getReady → question: after 3 s.
 * - question → reveal: the (latest student) deadline passes, or in `everyone` mode everyone has answered.
 *   In `buzzer` mode question → answering when a student gets the turn.
 * - answering → reveal on a right answer or when nobody is left to answer; → question when the turn passes,
 *   the buzz queue is empty and time remains.
 * - reveal → leaderboard: host presses next.
 * - leaderboard → getReady of the next question, or podium after the last one: host presses next.
 * - podium → ended: host ends the game.
 */
export const PHASES: Readonly<Record<Phase, PhaseRule>> = {
  lobby: { next: "getReady", durationMs: null, auto: false },
  getReady: { next: "question", durationMs: 3000, auto: true },
  question: { next: "reveal", durationMs: null, auto: true },
  answering: { next: "reveal", durationMs: null, auto: false },
  reveal: { next: "leaderboard", durationMs: null, auto: false },
  leaderboard: { next: "nextQuestionOrPodium", durationMs: null, auto: false },
  podium: { next: "ended", durationMs: null, auto: false },
  ended: { next: null, durationMs: null, auto: false },
};

/** The usual next phase; "ended" stays ended. Buzzer detours (question ⇄ answering) are the reducer's (game/buzzer.ts). */
export function nextPhaseAfter(phase: Phase, ctx: { hasMoreQuestions: boolean }): Phase {
  const next = PHASES[phase].next;
  if (next === null) return phase;
  if (next === "nextQuestionOrPodium") return ctx.hasMoreQuestions ? "getReady" : "podium";
  return next;
}
