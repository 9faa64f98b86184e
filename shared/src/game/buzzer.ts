import type { AnswerInput } from "../protocol/answer-input.ts";
import { answerToText } from "../rules/answer-report.ts";
import { buzzGapsMs, earlyBuzzLockedUntil, fairPressTime, nextToAnswer, orderBuzzes } from "../rules/buzz-order.ts";
import { checkAnswer } from "../rules/check-answer.ts";
import type { ClockEstimate } from "../rules/clock-sync.ts";
import { gapMarginsMs, nextContender, photoFinish, photoFinishAction } from "../rules/photo-finish.ts";
import { scoreBuzzerAnswer } from "../rules/scoring.ts";
import { acceptAnswerInput, bump, buzzerBucket } from "./answer-fit.ts";
import { type Ctx, NO_ANSWER_TEXT, playedQuestion, playsCurrent, Refusal } from "./context.ts";
import { enter } from "./flow.ts";
import { record } from "./ledger.ts";
import type { BuzzStatus, CurrentQuestion, Game, PhaseState, PlayedQuestion, Player } from "./types.ts";

/**
 * `buzzer` mode: students buzz; after a short arbitration window the first in fair order (press time converted to
 * server time, within what their link allows) gets a turn to answer. A wrong answer (or a turn that runs out) costs
 * the penalty and passes the turn on; the question clock is frozen during a turn and runs on after it.
 * The buzz order is decided in ONE place: `current.buzzes` is kept in orderBuzzes order as each buzz arrives.
 */

export function onBuzz(
  ctx: Ctx,
  player: Player,
  played: PlayedQuestion,
  pressedAtClient: number,
  clock: ClockEstimate | null,
  arbitrationMs: number,
): void {
  const { game, now } = ctx;
  const current = game.current;
  if (played.mode !== "buzzer") throw new Refusal("wrong-phase", "This question is not a buzzer question.");
  if (game.phase.paused) throw new Refusal("wrong-phase", "The teacher has paused the game.");
  if (!playsCurrent(game, player)) {
    throw new Refusal("wrong-phase", "You joined during this question: wait for the next one.");
  }
  if (!current) throw new Refusal("wrong-phase", "Buzzing is closed for this question.");
  if (game.phase.name === "getReady") {
    // Buzzing before the question opens costs a short lockout, so hammering the button gains nothing.
    const lockedOutUntil = earlyBuzzLockedUntil(now, game.phase.endsAt ?? now) ?? now;
    current.earlyLockUntil[player.id] = lockedOutUntil;
    notifyBuzzAck(ctx, player.id, current.index, lockedOutUntil);
    return;
  }
  if ((game.phase.name !== "question" && game.phase.name !== "answering") || current.openedAt === null) {
    throw new Refusal("wrong-phase", "Buzzing is closed for this question.");
  }
  if (current.tried[player.id] === "wrong") throw new Refusal("locked-out", "You are locked out of this question.");
  if (current.buzzes.some((buzz) => buzz.playerId === player.id)) {
    throw new Refusal("already-answered", "You have already buzzed.");
  }
  const press = fairPressTime({ claimedClientMs: pressedAtClient, clock: clock ?? undefined, arrivalServerMs: now });
  const early = earlyBuzzLockedUntil(press.pressServerMs, current.openedAt);
  const lockedUntil = current.earlyLockUntil[player.id] ?? 0;
  if (early !== undefined || now < lockedUntil) {
    if (early === undefined || early <= lockedUntil) {
      throw new Refusal("locked-out", "Too early! Wait for the question before buzzing.");
    }
    // The early press itself is remembered (it extends the lockout), so this event is kept, and answered.
    current.earlyLockUntil[player.id] = early;
    ctx.effects.push({
      type: "notify",
      playerId: player.id,
      message: {
        type: "error",
        body: { type: "buzz", code: "locked-out", message: "Too early! Wait for the question before buzzing." },
      },
    });
    return;
  }
  // Kept sorted as buzzes arrive: the list is already in order, so this sort only places the newcomer.
  current.buzzes = orderBuzzes([
    ...current.buzzes,
    {
      playerId: player.id,
      pressServerMs: press.pressServerMs,
      arrivalServerMs: now,
      uncertaintyMs: press.uncertaintyMs,
    },
  ]);
  notifyBuzzAck(ctx, player.id, current.index);
  if (game.phase.name === "question" && current.arbitrationEndsAt === null) {
    current.arbitrationEndsAt = now + arbitrationMs;
  }
}

function notifyBuzzAck(ctx: Ctx, playerId: string, questionIndex: number, lockedOutUntil?: number): void {
  ctx.effects.push({
    type: "notify",
    playerId,
    message: {
      type: "buzzAck",
      body: lockedOutUntil === undefined ? { questionIndex } : { questionIndex, lockedOutUntil },
    },
  });
}

/** The student whose turn it is answers on their phone. */
export function onBuzzerAnswer(ctx: Ctx, player: Player, played: PlayedQuestion, raw: unknown): void {
  const { game } = ctx;
  const answer = acceptAnswerInput(raw, played.prepared);
  if (game.phase.paused) throw new Refusal("wrong-phase", "The teacher has paused the game.");
  const turn = game.current?.turn;
  if (game.phase.name !== "answering" || !turn || turn.playerId !== player.id) {
    throw new Refusal("not-your-turn", "It is not your turn to answer: buzz first.");
  }
  const questionIndex = game.phase.questionIndex;
  const correct = checkAnswer(played.prepared, answer);
  ctx.effects.push({ type: "notify", playerId: player.id, message: { type: "answerAck", body: { questionIndex } } });
  settleTurn(ctx, player, answerToText(played.prepared, answer), correct, answer);
}

/** Everyone who already had a turn at this question. */
function triedSet(current: CurrentQuestion): Set<string> {
  return new Set(Object.keys(current.tried));
}

/** Whether anyone who buzzed still waits for a turn. */
export function hasWaitingBuzz(current: CurrentQuestion): boolean {
  return nextToAnswer(current.buzzes, triedSet(current)) !== undefined;
}

/**
 * The arbitration window closed (or time ran out with buzzes queued): the first untried buzzer gets the turn. The
 * first decision of a question also judges the race: a photo finish is remembered, and under the "rebuzz" setting
 * (once per question, and only while question time remains) the buzzes are cleared and everyone may buzz again.
 */
export function decideTurn(ctx: Ctx): boolean {
  const { game } = ctx;
  const current = game.current;
  if (!current) return false;
  current.arbitrationEndsAt = null;
  if (game.phase.name !== "question" && game.phase.name !== "answering") return false;
  if (!hasWaitingBuzz(current)) return false;
  if (Object.keys(current.tried).length === 0 && current.turn === null) {
    const finish = photoFinish(current.buzzes);
    current.photoFinish = finish ?? null;
    const timeLeft = game.phase.name === "question" && (game.phase.endsAt ?? 0) > ctx.now;
    if (timeLeft && photoFinishAction(game.settings.photoFinish, finish, current.rebuzzed) === "rebuzz") {
      current.rebuzzed = true;
      current.buzzes = [];
      return true;
    }
  }
  enter(ctx, "answering");
  return true;
}

/** Everyone who may still have pressed first, and whose turn order the photo-finish setting may change. */
function owedTurn(ctx: Ctx, current: CurrentQuestion): string | undefined {
  return current.photoFinish
    ? nextContender(ctx.game.settings.photoFinish, current.photoFinish.contenders, triedSet(current))
    : undefined;
}

/** onEnter of `answering`: start the turn of the first untried buzzer; coming from the question, freeze its clock. */
export function beginTurn(ctx: Ctx, previous: PhaseState): void {
  const { game, now } = ctx;
  const current = game.current;
  if (!current) throw new Error("turn without current");
  const next = current.extraTurns.shift() ?? nextToAnswer(current.buzzes, triedSet(current));
  if (next === undefined) throw new Error("turn without a waiting buzz");
  if (previous.name === "question") current.remainingQuestionMs = Math.max(0, (previous.endsAt ?? now) - now);
  const endsAt = now + game.settings.answerWindowSec * 1000;
  current.turn = { playerId: next, startedAt: now, endsAt };
  game.phase.endsAt = endsAt;
}

/** onWake of `answering`: the turn ran out, which counts as a wrong answer. */
export function endTurn(ctx: Ctx): void {
  const turn = ctx.game.current?.turn;
  const player = turn ? ctx.game.players[turn.playerId] : undefined;
  if (!player) {
    afterTurn(ctx);
    return;
  }
  settleTurn(ctx, player, NO_ANSWER_TEXT, false);
}

/** The student whose turn it is answered (on the phone, aloud, or not at all): score it and move on. */
export function settleTurn(ctx: Ctx, player: Player, text: string, correct: boolean, input?: AnswerInput): void {
  const { game, now } = ctx;
  const current = game.current;
  if (!current) return;
  const played = playedQuestion(game);
  const scored = scoreBuzzerAnswer({
    correct,
    basePoints: played.prepared.public.basePoints,
    wrongPenaltyFraction: game.settings.wrongPenalty,
    previousStreak: player.streak,
    settings: game.settings,
  });
  record(ctx, [
    {
      questionIndex: current.index,
      playerId: player.id,
      mode: "buzzer",
      result: correct ? "correct" : "wrong",
      points: scored.points,
      bonus: scored.bonus,
      streakAfter: scored.streak,
      answerText: text,
      responseMs: Math.round(Math.max(0, now - (current.openedAt ?? now))),
      at: now,
      voided: false,
    },
  ]);
  current.tried[player.id] = correct ? "right" : "wrong";
  current.answerCount += 1;
  bump(current.distribution, buzzerBucket(played.prepared, correct, input));
  if (correct || Object.values(current.tried).includes("right")) {
    // "Both answer": a contender of the photo finish who has not had a turn still gets one after a right answer.
    const owed = owedTurn(ctx, current);
    if (owed !== undefined && game.players[owed]?.connected) {
      current.extraTurns = [owed];
      enter(ctx, "answering");
      return;
    }
    enter(ctx, "reveal");
    return;
  }
  afterTurn(ctx);
}

/**
 * A turn ended without a right answer (wrong, ran out, or the student was removed): the next buzzer in order gets
 * a turn; else the question runs on with its remembered time if any remains and anyone may still buzz; else reveal.
 */
export function afterTurn(ctx: Ctx): void {
  const { game } = ctx;
  const current = game.current;
  if (!current) return;
  if (Object.values(current.tried).includes("right")) {
    enter(ctx, "reveal"); // an owed "both answer" turn ended without an answer: the question was already answered
    return;
  }
  if (hasWaitingBuzz(current)) {
    enter(ctx, "answering");
    return;
  }
  const remaining = current.remainingQuestionMs ?? 0;
  if (remaining <= 0 || !anyoneMayBuzz(game, current)) {
    enter(ctx, "reveal");
    return;
  }
  enter(ctx, "question");
}

function anyoneMayBuzz(game: Game, current: CurrentQuestion): boolean {
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (player?.connected && playsCurrent(game, player) && current.tried[playerId] !== "wrong") return true;
  }
  return false;
}

/** When a buzzer question must be woken: the arbitration window's end, else the question's own end. */
export function buzzerWake(game: Game): number | null {
  const current = game.current;
  const endsAt = game.phase.endsAt;
  const arbitration = current?.arbitrationEndsAt ?? null;
  if (arbitration === null) return endsAt;
  return endsAt === null ? arbitration : Math.min(arbitration, endsAt);
}

export function onBuzzerWake(ctx: Ctx): void {
  const { game, now } = ctx;
  const current = game.current;
  if (!current) return;
  if (current.arbitrationEndsAt !== null && current.arbitrationEndsAt <= now) {
    if (decideTurn(ctx)) return;
  }
  if (game.phase.name === "question" && game.phase.endsAt !== null && game.phase.endsAt <= now) {
    // Time is up: buzzes still queued get their turns (with no question time left after them), then the reveal.
    if (decideTurn(ctx)) return;
    enter(ctx, "reveal");
  }
}

/** The buzz queue as the projector shows it: fair order, gap to the first press, and what became of each. */
export function buzzQueue(game: Game): {
  playerId: string;
  name: string;
  gapMs: number;
  marginMs: number;
  contender: boolean;
  status: BuzzStatus;
  pressServerMs: number;
}[] {
  const current = game.current;
  if (!current) return [];
  const gaps = buzzGapsMs(current.buzzes);
  const margins = gapMarginsMs(current.buzzes);
  const contenders = new Set(photoFinish(current.buzzes)?.contenders ?? []);
  return current.buzzes.map((buzz, index) => {
    const outcome = current.tried[buzz.playerId];
    const answering = game.phase.name === "answering" && current.turn?.playerId === buzz.playerId;
    return {
      playerId: buzz.playerId,
      name: game.players[buzz.playerId]?.name ?? "?",
      gapMs: gaps[index] ?? 0,
      marginMs: margins[index] ?? 0,
      contender: contenders.has(buzz.playerId),
      status: answering ? "answering" : outcome === "right" ? "right" : outcome === "wrong" ? "wrong" : "waiting",
      pressServerMs: buzz.pressServerMs,
    };
  });
}
