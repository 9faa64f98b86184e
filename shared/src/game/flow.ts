import { distributionLabels } from "../rules/answer-report.ts";
import { PHASES, type Phase } from "../rules/phases.ts";
import { beginTurn, buzzerWake, endTurn, onBuzzerWake } from "./buzzer.ts";
import { type Ctx, playedQuestion } from "./context.ts";
import { allAnswered, everyoneWake, onEveryoneWake, openEveryone, scoreEveryone } from "./everyone.ts";
import type { CurrentQuestion, Game, PhaseState } from "./types.ts";

/** How long reveal and leaderboard stay up when the teacher chose to advance on their own. */
export const AUTO_ADVANCE_MS = 6000;
/** The get-ready countdown (from the phase data in rules/phases.ts). */
export const GET_READY_MS = PHASES.getReady.durationMs ?? 3000;

/**
 * One phase, as the reducer executes it. `step` reads only this table to move the game on:
 * - onEnter / onExit run as the phase begins and ends (they set deadlines, score, clear turns);
 * - wake says when the phase must be woken by a `deadline` event (null: it waits for the host or players);
 * - onWake is what that deadline does (usually `advance`);
 * - endIf is checked after every accepted event: true ends the phase at once (everyone answered);
 * - next is where `advance` goes (the static part of it is PHASES[phase].next).
 */
export interface PhaseFlow {
  onEnter?(ctx: Ctx, previous: PhaseState): void;
  onExit?(ctx: Ctx): void;
  wake(game: Game, now: number): number | null;
  onWake?(ctx: Ctx): void;
  endIf?(game: Game): boolean;
  next(game: Game): { phase: Phase; questionIndex: number };
}

const stay = (game: Game) => ({ phase: game.phase.name, questionIndex: game.phase.questionIndex });
const to = (phase: Phase) => (game: Game) => ({ phase, questionIndex: game.phase.questionIndex });
const atEndsAt = (game: Game) => game.phase.endsAt;
const autoAdvanceEnd = (ctx: Ctx) => {
  ctx.game.phase.endsAt = ctx.game.settings.autoAdvance ? ctx.now + AUTO_ADVANCE_MS : null;
};

export const FLOW: Readonly<Record<Phase, PhaseFlow>> = {
  lobby: { wake: () => null, next: () => ({ phase: "getReady", questionIndex: 0 }) },
  getReady: {
    onEnter: beginQuestion,
    wake: atEndsAt,
    onWake: advance,
    next: to("question"),
  },
  question: {
    onEnter: openQuestion,
    wake: (game, now) => (modeOf(game) === "buzzer" ? buzzerWake(game) : everyoneWake(game, now)),
    onWake: (ctx) => (modeOf(ctx.game) === "buzzer" ? onBuzzerWake(ctx) : onEveryoneWake(ctx)),
    endIf: (game) => modeOf(game) === "everyone" && allAnswered(game),
    next: to("reveal"),
  },
  /** A buzzer turn: the first untried student in fair order answers; their time is phase.endsAt. */
  answering: {
    onEnter: beginTurn,
    onExit: (ctx) => {
      if (ctx.game.current) ctx.game.current.turn = null;
    },
    wake: atEndsAt,
    onWake: endTurn,
    next: to("reveal"),
  },
  reveal: {
    onEnter: (ctx) => {
      revealQuestion(ctx);
      autoAdvanceEnd(ctx);
    },
    wake: atEndsAt,
    onWake: advance,
    next: to("leaderboard"),
  },
  leaderboard: {
    onEnter: autoAdvanceEnd,
    wake: atEndsAt,
    onWake: advance,
    next: (game) => nextQuestionOrPodium(game),
  },
  podium: {
    onEnter: (ctx) => {
      ctx.game.current = null;
    },
    wake: () => null,
    next: to("ended"),
  },
  ended: {
    onEnter: (ctx) => {
      ctx.game.current = null;
      ctx.game.endedAt = ctx.now;
      ctx.effects.push({ type: "gameEnded" });
    },
    wake: () => null,
    next: stay,
  },
};

/** After the leaderboard (or a skip): the next question's get-ready, or the podium after the last one. */
export function nextQuestionOrPodium(game: Game): { phase: Phase; questionIndex: number } {
  const nextIndex = game.phase.questionIndex + 1;
  return nextIndex < game.questions.length
    ? { phase: "getReady", questionIndex: nextIndex }
    : { phase: "podium", questionIndex: game.phase.questionIndex };
}

/** Leaves the current phase and enters `phase` (running onExit, then onEnter); a phase change unpauses. */
export function enter(ctx: Ctx, phase: Phase, questionIndex = ctx.game.phase.questionIndex): void {
  const { game } = ctx;
  const previous = game.phase;
  FLOW[previous.name].onExit?.(ctx);
  game.phase = { name: phase, questionIndex, startedAt: ctx.now, endsAt: null, paused: null };
  FLOW[phase].onEnter?.(ctx, previous);
  ctx.effects.push({ type: "phaseChanged", from: previous.name, to: phase, questionIndex });
}

/** Moves to the phase the table names as next. */
export function advance(ctx: Ctx): void {
  const next = FLOW[ctx.game.phase.name].next(ctx.game);
  enter(ctx, next.phase, next.questionIndex);
}

/** Runs endIf until the phase holds (never while paused). */
export function settle(ctx: Ctx): void {
  for (let guard = 0; guard < 10; guard++) {
    const { game } = ctx;
    if (game.phase.paused || !FLOW[game.phase.name].endIf?.(game)) return;
    advance(ctx);
  }
}

/** When the game must next be woken: nothing runs while paused. */
export function computeWake(game: Game, now: number): number | null {
  if (game.phase.paused) return null;
  return FLOW[game.phase.name].wake(game, now);
}

export function modeOf(game: Game): "everyone" | "buzzer" {
  return game.questions[game.phase.questionIndex]?.mode ?? "everyone";
}

function beginQuestion(ctx: Ctx): void {
  const { game, now } = ctx;
  const played = playedQuestion(game);
  game.current = freshQuestion(game.phase.questionIndex, distributionLabels(played.prepared).length);
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (!player) continue;
    player.lastResult = "none";
    player.lastPoints = 0;
    player.lastBonus = 0;
  }
  game.phase.endsAt = now + GET_READY_MS;
}

function freshQuestion(index: number, bars: number): CurrentQuestion {
  return {
    index,
    openedAt: null,
    extendedMs: 0,
    shownAt: {},
    answers: {},
    answerCount: 0,
    waitingCount: 0,
    distribution: new Array<number>(bars).fill(0),
    buzzes: [],
    photoFinish: null,
    rebuzzed: false,
    extraTurns: [],
    arbitrationEndsAt: null,
    turn: null,
    tried: {},
    remainingQuestionMs: null,
    earlyLockUntil: {},
    revealed: null,
    skipped: false,
  };
}

/** Opens the question after get-ready; coming back from a buzzer turn, the remembered time runs on instead. */
function openQuestion(ctx: Ctx): void {
  const { game, now } = ctx;
  const current = game.current;
  if (!current) throw new Error("question without current");
  if (current.openedAt === null) {
    current.openedAt = now;
    game.phase.endsAt = now + playedQuestion(game).prepared.public.timeLimitMs;
    if (modeOf(game) === "everyone") openEveryone(game);
    return;
  }
  game.phase.endsAt = now + (current.remainingQuestionMs ?? 0);
  current.remainingQuestionMs = null;
}

/** The reveal: everyone-mode answers become ledger entries (buzzer turns were settled as they happened). */
function revealQuestion(ctx: Ctx): void {
  const { game } = ctx;
  const current = game.current;
  if (!current) throw new Error("reveal without current");
  let correct = 0;
  if (modeOf(game) === "everyone") {
    correct = scoreEveryone(ctx);
  } else {
    for (const outcome of Object.values(current.tried)) if (outcome === "right") correct += 1;
  }
  current.revealed = { answered: current.answerCount, correct, distribution: [...current.distribution] };
}
