import { answerToText, distributionBucket } from "../rules/answer-report.ts";
import { fairPressTime } from "../rules/buzz-order.ts";
import { checkAnswer } from "../rules/check-answer.ts";
import type { ClockEstimate } from "../rules/clock-sync.ts";
import { fairShownAt, responseTimeMs } from "../rules/fair-start.ts";
import { scoreEveryoneAnswer } from "../rules/scoring.ts";
import { acceptAnswerInput, bump } from "./answer-fit.ts";
import { type Ctx, playsCurrent, Refusal } from "./context.ts";
import { advance } from "./flow.ts";
import { record } from "./ledger.ts";
import type { Game, LedgerEntry, PlayedQuestion, Player } from "./types.ts";

/**
 * `everyone` mode: each student answers once against their own clock (fair start: it starts when the question
 * appeared on their screen, and extra time stretches it). The question closes when every connected student who
 * may answer has answered, or at the latest personal deadline among those still thinking.
 */

/** This student's deadline for the question being played (server ms), or null before it opens. */
export function playerDeadline(game: Game, player: Player): number | null {
  const current = game.current;
  if (!current || current.openedAt === null) return null;
  const played = game.questions[current.index];
  if (!played) return null;
  const shownAt = current.shownAt[player.id] ?? current.openedAt;
  return shownAt + played.prepared.public.timeLimitMs * player.extraTime + current.extendedMs;
}

/** Whether the question is still waiting for this student (counted in current.waitingCount). */
export function isWaiting(game: Game, player: Player): boolean {
  const current = game.current;
  return (
    current !== null &&
    current.openedAt !== null &&
    current.revealed === null &&
    game.questions[current.index]?.mode === "everyone" &&
    player.connected &&
    playsCurrent(game, player) &&
    current.answers[player.id] === undefined
  );
}

/** Changes a player and keeps the waiting count true: the one way player fields that affect it are changed. */
export function changePlayer(game: Game, player: Player, change: () => void): void {
  const before = isWaiting(game, player);
  change();
  const after = isWaiting(game, player);
  if (game.current && before !== after) game.current.waitingCount += after ? 1 : -1;
}

export function openEveryone(game: Game): void {
  const current = game.current;
  if (!current) return;
  let waiting = 0;
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (player && isWaiting(game, player)) waiting += 1;
  }
  current.waitingCount = waiting;
}

export function allAnswered(game: Game): boolean {
  const current = game.current;
  return current !== null && current.waitingCount === 0 && current.answerCount > 0;
}

/** The latest deadline among students still thinking, and never before the question's own end. */
function latestWaitingDeadline(game: Game): number {
  let latest = game.phase.endsAt ?? 0;
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (!player || !isWaiting(game, player)) continue;
    latest = Math.max(latest, playerDeadline(game, player) ?? 0);
  }
  return latest;
}

/**
 * Wake at the question's own end first (every personal deadline is at or after it), then at the latest deadline of
 * those still thinking: the scan over students only runs once the question's own time is up.
 */
export function everyoneWake(game: Game, now: number): number | null {
  const endsAt = game.phase.endsAt;
  if (endsAt === null) return null;
  return now < endsAt ? endsAt : latestWaitingDeadline(game);
}

export function onEveryoneWake(ctx: Ctx): void {
  if (latestWaitingDeadline(ctx.game) > ctx.now) return; // someone with a later deadline is still thinking
  advance(ctx);
}

export function onShown(ctx: Ctx, player: Player, shownAtClient: number, clock: ClockEstimate | null): void {
  const { game } = ctx;
  const current = game.current;
  if (
    !current ||
    current.openedAt === null ||
    game.phase.name !== "question" ||
    game.phase.paused ||
    current.shownAt[player.id] !== undefined ||
    !playsCurrent(game, player)
  ) {
    throw new Refusal("wrong-phase", "Nothing to start the clock for.", true);
  }
  const openedAt = current.openedAt;
  current.shownAt[player.id] = fairShownAt({
    openedAtServerMs: openedAt,
    reportedShownClientMs: shownAtClient,
    clock: clock ?? undefined,
  });
}

export function onEveryoneAnswer(
  ctx: Ctx,
  player: Player,
  played: PlayedQuestion,
  raw: unknown,
  answeredAtClient: number | undefined,
  clock: ClockEstimate | null,
): void {
  const { game, now } = ctx;
  const current = game.current;
  const answer = acceptAnswerInput(raw, played.prepared);
  if (game.phase.paused) throw new Refusal("wrong-phase", "The teacher has paused the game.");
  if (!current || current.openedAt === null || game.phase.name !== "question") {
    throw new Refusal("wrong-phase", "Time is up for this question.");
  }
  if (!playsCurrent(game, player)) {
    throw new Refusal("wrong-phase", "You joined during this question: wait for the next one.");
  }
  if (current.answers[player.id]) throw new Refusal("already-answered", "You have already answered this question.");
  const estimate = clock ?? undefined;
  const press = fairPressTime({ claimedClientMs: answeredAtClient, clock: estimate, arrivalServerMs: now });
  const shownAt = current.shownAt[player.id] ?? fairShownAt({ openedAtServerMs: current.openedAt, clock: estimate });
  const limitMs = played.prepared.public.timeLimitMs;
  const deadline = shownAt + limitMs * player.extraTime + current.extendedMs;
  if (press.pressServerMs > deadline) throw new Refusal("wrong-phase", "Time is up for this question.");

  // accepted from here on
  current.shownAt[player.id] = shownAt;
  const correct = checkAnswer(played.prepared, answer);
  const responseMs = responseTimeMs(shownAt, press.pressServerMs);
  const scored = scoreEveryoneAnswer({
    correct,
    basePoints: played.prepared.public.basePoints,
    responseMs,
    // Time counts against the student's own limit, so extra time scales scoring too.
    timeLimitMs: limitMs * player.extraTime,
    previousStreak: player.streak,
    settings: game.settings,
  });
  const bucket = distributionBucket(played.prepared, answer);
  changePlayer(game, player, () => {
    current.answers[player.id] = {
      input: answer,
      text: answerToText(played.prepared, answer),
      correct,
      points: scored.points,
      bonus: scored.bonus,
      streakAfter: scored.streak,
      responseMs,
      bucket,
      at: now,
    };
  });
  current.answerCount += 1;
  bump(current.distribution, bucket);
  ctx.effects.push({
    type: "notify",
    playerId: player.id,
    message: { type: "answerAck", body: { questionIndex: current.index } },
  });
}

/**
 * At the reveal every student who could play gets a ledger entry: their answer, or a miss (which ends a streak).
 * Returns how many were right.
 */
export function scoreEveryone(ctx: Ctx): number {
  const { game, now } = ctx;
  const current = game.current;
  if (!current) return 0;
  const entries: LedgerEntry[] = [];
  let correct = 0;
  for (const playerId of game.playerOrder) {
    const player = game.players[playerId];
    if (!player || !playsCurrent(game, player)) continue;
    const given = current.answers[playerId];
    if (given?.correct) correct += 1;
    entries.push(
      given
        ? {
            questionIndex: current.index,
            playerId,
            mode: "everyone",
            result: given.correct ? "correct" : "wrong",
            points: given.points,
            bonus: given.bonus,
            streakAfter: given.streakAfter,
            answerText: given.text,
            responseMs: Math.round(given.responseMs),
            at: given.at,
            voided: false,
          }
        : {
            questionIndex: current.index,
            playerId,
            mode: "everyone",
            result: "missed",
            points: 0,
            bonus: 0,
            streakAfter: 0,
            answerText: null,
            responseMs: 0,
            at: now,
            voided: false,
          },
    );
  }
  record(ctx, entries);
  return correct;
}

/** The answers given to a question that is skipped before its reveal: kept for the report, voided. */
export function voidedPendingAnswers(game: Game): LedgerEntry[] {
  const current = game.current;
  if (!current || current.revealed !== null) return [];
  const entries: LedgerEntry[] = [];
  for (const playerId of game.playerOrder) {
    const given = current.answers[playerId];
    if (!given) continue;
    entries.push({
      questionIndex: current.index,
      playerId,
      mode: "everyone",
      result: given.correct ? "correct" : "wrong",
      points: given.points,
      bonus: given.bonus,
      streakAfter: given.streakAfter,
      answerText: given.text,
      responseMs: Math.round(given.responseMs),
      at: given.at,
      voided: true,
    });
  }
  return entries;
}
