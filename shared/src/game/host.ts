import type { Phase } from "../rules/phases.ts";
import { decideTurn, hasWaitingBuzz, settleTurn } from "./buzzer.ts";
import { type Ctx, Refusal, SPOKEN_ANSWER_TEXT } from "./context.ts";
import { voidedPendingAnswers } from "./everyone.ts";
import { advance, enter, modeOf, nextQuestionOrPodium } from "./flow.ts";
import { record, voidQuestion } from "./ledger.ts";
import type { GameEvent, HostExpectation } from "./types.ts";

type EventOf<K extends GameEvent["type"]> = Extract<GameEvent, { type: K }>;

/** A buzzer turn is part of its question's screen: host actions meant for one also fit the other. */
function sameScreen(meant: Phase, actual: Phase, strict: boolean): boolean {
  if (meant === actual) return true;
  if (strict) return false;
  const stage = (phase: Phase) => (phase === "answering" ? "question" : phase);
  return stage(meant) === stage(actual);
}

/**
 * Host actions say which screen they were pressed on (issue 8 item 15): when another tab (or a timer) has already
 * moved the game on, the action is refused instead of applied to the wrong screen.
 */
export function checkExpectation(ctx: Ctx, expected: HostExpectation, strict = false): void {
  const { phase } = ctx.game;
  const stalePhase = expected.phase !== undefined && !sameScreen(expected.phase, phase.name, strict);
  const staleIndex = expected.questionIndex !== undefined && expected.questionIndex !== phase.questionIndex;
  if (stalePhase || staleIndex) {
    throw new Refusal("wrong-phase", "The game has moved on since you pressed that: look at the screen again.");
  }
}

export function onStart(ctx: Ctx, event: EventOf<"start">): void {
  checkExpectation(ctx, event);
  start(ctx);
}

function start(ctx: Ctx): void {
  if (ctx.game.phase.name !== "lobby") throw new Refusal("wrong-phase", "The game has already started.");
  if (ctx.game.questions.length === 0) throw new Refusal("wrong-phase", "This game has no questions.");
  enter(ctx, "getReady", 0);
}

/** The teacher's one "next" key: start, open now, reveal now, leaderboard, next question, end. */
export function onNext(ctx: Ctx, event: EventOf<"next">): void {
  checkExpectation(ctx, event);
  switch (ctx.game.phase.name) {
    case "lobby":
      start(ctx);
      return;
    case "getReady":
      enter(ctx, "question");
      return;
    case "question":
    case "answering":
      revealNow(ctx);
      return;
    case "reveal":
    case "leaderboard":
    case "podium":
      advance(ctx);
      return;
    case "ended":
      throw new Refusal("wrong-phase", "The game is over.");
  }
}

export function onRevealNow(ctx: Ctx, event: EventOf<"revealNow">): void {
  checkExpectation(ctx, event);
  revealNow(ctx);
}

function revealNow(ctx: Ctx): void {
  const phase = ctx.game.phase.name;
  if (phase !== "question" && phase !== "answering" && phase !== "getReady") {
    throw new Refusal("wrong-phase", "There is no open question to reveal.");
  }
  if (phase === "getReady") enter(ctx, "question");
  enter(ctx, "reveal");
}

/**
 * A skipped question counts for nothing, everywhere: answers given stay in the ledger for the report, voided, and
 * any points already applied (buzzer turns, or a skip from the reveal) are taken back. Then the next question.
 */
export function onSkip(ctx: Ctx, event: EventOf<"skip">): void {
  checkExpectation(ctx, event);
  const { game } = ctx;
  const phase = game.phase.name;
  if (phase !== "getReady" && phase !== "question" && phase !== "answering" && phase !== "reveal") {
    throw new Refusal("wrong-phase", "There is no question to skip.");
  }
  if (game.current) game.current.skipped = true;
  record(ctx, voidedPendingAnswers(game));
  voidQuestion(ctx, game.phase.questionIndex);
  const next = nextQuestionOrPodium(game);
  enter(ctx, next.phase, next.questionIndex);
}

export function onPause(ctx: Ctx, event: EventOf<"pause">): void {
  checkExpectation(ctx, event);
  const { game, now } = ctx;
  const phase = game.phase;
  if (phase.paused) throw new Refusal("wrong-phase", "The game is already paused.");
  if (phase.name !== "getReady" && phase.name !== "question" && phase.name !== "answering") {
    throw new Refusal("wrong-phase", "Nothing is running to pause.");
  }
  phase.paused = { at: now, remainingMs: phase.endsAt === null ? null : Math.max(0, phase.endsAt - now) };
  // An open arbitration window is decided at once on resume: nobody may buzz while paused.
  if (game.current) game.current.arbitrationEndsAt = null;
}

/** Resume moves every running clock later by the length of the pause: phase end, turn, each student's deadline. */
export function onResume(ctx: Ctx, event: EventOf<"resume">): void {
  checkExpectation(ctx, event);
  const { game, now } = ctx;
  const phase = game.phase;
  if (!phase.paused) throw new Refusal("wrong-phase", "The game is not paused.");
  const shift = now - phase.paused.at;
  phase.paused = null;
  if (phase.endsAt !== null) phase.endsAt += shift;
  const current = game.current;
  if (current && (phase.name === "question" || phase.name === "answering") && current.openedAt !== null) {
    current.openedAt += shift;
    for (const playerId in current.shownAt) current.shownAt[playerId] = (current.shownAt[playerId] ?? 0) + shift;
    if (current.turn) {
      current.turn.startedAt += shift;
      current.turn.endsAt += shift;
    }
    if (phase.name === "question" && modeOf(game) === "buzzer" && hasWaitingBuzz(current)) decideTurn(ctx);
  }
}

/**
 * +N seconds: the question (and every student's deadline) ends later; during a buzzer turn the answering student
 * gets the time, and so does the question time remembered for after the turn.
 */
export function onExtend(ctx: Ctx, event: EventOf<"extend">): void {
  checkExpectation(ctx, event);
  const { game } = ctx;
  const phase = game.phase;
  const current = game.current;
  if ((phase.name !== "question" && phase.name !== "answering") || !current) {
    throw new Refusal("wrong-phase", "There is no running question to extend.");
  }
  if (!Number.isFinite(event.seconds) || event.seconds <= 0) {
    throw new Refusal("invalid", "Add a positive number of seconds.");
  }
  const ms = event.seconds * 1000;
  if (phase.endsAt !== null) phase.endsAt += ms;
  if (phase.paused && phase.paused.remainingMs !== null) phase.paused.remainingMs += ms;
  if (phase.name === "answering" && current.turn) {
    current.turn.endsAt += ms;
    current.remainingQuestionMs = (current.remainingQuestionMs ?? 0) + ms;
  } else {
    current.extendedMs += ms;
  }
}

/** The teacher judges an answer spoken aloud during a buzzer turn. */
export function onMarkSpoken(ctx: Ctx, event: EventOf<"markSpoken">): void {
  checkExpectation(ctx, event, true);
  const { game } = ctx;
  const turn = game.current?.turn;
  if (game.phase.name !== "answering" || game.phase.paused || !turn) {
    throw new Refusal("wrong-phase", "Nobody is answering right now.");
  }
  if (event.playerId !== undefined && event.playerId !== turn.playerId) {
    throw new Refusal("wrong-phase", "That student's turn is over: look at the screen again.");
  }
  const player = game.players[turn.playerId];
  if (!player) throw new Refusal("not-found", "That student has left.");
  settleTurn(ctx, player, SPOKEN_ANSWER_TEXT, event.correct);
}

export function onEnd(ctx: Ctx, event: EventOf<"end">): void {
  checkExpectation(ctx, event);
  if (ctx.game.phase.name === "ended") throw new Refusal("wrong-phase", "The game is over.");
  enter(ctx, "ended");
}

export function onLock(ctx: Ctx, event: EventOf<"lock">): void {
  ctx.game.lockedLobby = event.locked;
}

export function onShowPrompt(ctx: Ctx, event: EventOf<"showPrompt">): void {
  ctx.game.showPromptOnPhones = event.show;
}

/**
 * The server restarted: the time it was down does not count against anyone. Running clocks move later by the
 * downtime (a paused game stays paused: resume already counts from the pause); a buzzer turn in progress starts
 * again with its full window. Connections are the room's to judge: it gives phones a grace period to come back
 * and then sends `leave` for those who did not (disconnecting everyone here would close an everyone question at
 * once, as if all had answered).
 */
export function onRestored(ctx: Ctx, event: EventOf<"restored">): void {
  const { game, now } = ctx;
  if (!Number.isFinite(event.downSince)) throw new Refusal("invalid", "A restart needs the time the server went down.");
  const downtime = Math.max(0, now - Math.min(event.downSince, now));
  const phase = game.phase;
  const current = game.current;
  const windowMs = game.settings.answerWindowSec * 1000;
  if (phase.paused) {
    if (current?.turn) {
      current.turn.startedAt = phase.paused.at;
      current.turn.endsAt = phase.paused.at + windowMs;
      phase.endsAt = current.turn.endsAt;
      phase.paused.remainingMs = windowMs;
    }
  } else {
    if (phase.endsAt !== null) phase.endsAt += downtime;
    if (current && current.openedAt !== null && current.revealed === null) {
      current.openedAt += downtime;
      for (const playerId in current.shownAt) {
        current.shownAt[playerId] = (current.shownAt[playerId] ?? 0) + downtime;
      }
      if (current.arbitrationEndsAt !== null) current.arbitrationEndsAt += downtime;
      if (current.turn) {
        current.turn.startedAt = now;
        current.turn.endsAt = now + windowMs;
        phase.endsAt = current.turn.endsAt;
      }
    }
  }
}
