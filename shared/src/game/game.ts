import { MAX_ARBITRATION_WINDOW_MS, MIN_ARBITRATION_WINDOW_MS } from "../rules/buzz-order.ts";
import type { ClockEstimate } from "../rules/clock-sync.ts";
import { prepareQuestion } from "../rules/prepare-question.ts";
import { createRng } from "../rules/random.ts";
import { onBuzz, onBuzzerAnswer } from "./buzzer.ts";
import { activePlayer, type Ctx, namedQuestion, Refusal } from "./context.ts";
import { onEveryoneAnswer, onShown } from "./everyone.ts";
import { computeWake, FLOW, settle } from "./flow.ts";
import {
  onEnd,
  onExtend,
  onLock,
  onMarkSpoken,
  onNext,
  onPause,
  onRestored,
  onResume,
  onRevealNow,
  onShowPrompt,
  onSkip,
  onStart,
} from "./host.ts";
import { onGrantExtraTime, onJoin, onKick, onLeave, onRejoin } from "./players.ts";
import type { CreateEvent, Game, GameEvent, GameEventType, PlayedQuestion, StepResult } from "./types.ts";

/** A clock estimate with a non-finite or negative field is no estimate: the phone then gains nothing from it. */
function saneClock(clock: ClockEstimate | null | undefined): ClockEstimate | null {
  if (!clock) return null;
  const { offsetMs, rttMs, jitterMs } = clock;
  const finite = Number.isFinite(offsetMs) && Number.isFinite(rttMs) && Number.isFinite(jitterMs);
  return finite && rttMs >= 0 && jitterMs >= 0 ? clock : null;
}

type Handler<K extends GameEventType> = (ctx: Ctx, event: Extract<GameEvent, { type: K }>) => void;

/** A fresh game in the lobby. Questions are prepared here from the seed, so a replay prepares the same ones. */
export function createGame(event: CreateEvent): Game {
  const { setup, at } = event;
  const rng = createRng(setup.seed);
  const questions: PlayedQuestion[] = [];
  setup.rounds.forEach((round, roundIndex) => {
    for (const planned of round.questions) {
      const prepared = prepareQuestion(planned.question, planned.bankId, rng);
      if (setup.settings.timeLimitSec !== undefined) prepared.public.timeLimitMs = setup.settings.timeLimitSec * 1000;
      questions.push({ prepared, mode: round.mode, roundIndex });
    }
  });
  return {
    id: setup.gameId,
    code: setup.code,
    seed: setup.seed,
    title: setup.title,
    hostKeyHash: setup.hostKeyHash,
    bankIds: [...setup.bankIds],
    settings: structuredClone(setup.settings),
    questions,
    roundCount: setup.rounds.length,
    phase: { name: "lobby", questionIndex: -1, startedAt: at, endsAt: null, paused: null },
    players: {},
    playerOrder: [],
    playerByNameKey: {},
    activeCount: 0,
    connectedCount: 0,
    bans: { deviceIds: [], nameKeys: [] },
    current: null,
    ledger: [],
    lockedLobby: false,
    showPromptOnPhones: setup.settings.showPromptOnPhones,
    createdAt: at,
    endedAt: null,
    lastAt: at,
    eventCount: 1,
    wakeAt: null,
  };
}

function studentQuestion<E extends { playerId: string; questionIndex: number }>(ctx: Ctx, event: E) {
  const player = activePlayer(ctx.game, event.playerId);
  return { player, played: namedQuestion(ctx.game, event.questionIndex) };
}

const HANDLERS: { [K in GameEventType]: Handler<K> } = {
  create: () => {
    throw new Refusal("invalid", "This game already exists.");
  },
  join: onJoin,
  rejoin: onRejoin,
  leave: onLeave,
  shown: (ctx, event) => {
    const { player } = studentQuestion(ctx, event);
    onShown(ctx, player, event.shownAtClient, saneClock(event.clock));
  },
  answer: (ctx, event) => {
    const { player, played } = studentQuestion(ctx, event);
    if (played.mode === "buzzer") onBuzzerAnswer(ctx, player, played, event.answer);
    else onEveryoneAnswer(ctx, player, played, event.answer, event.answeredAtClient, saneClock(event.clock));
  },
  buzz: (ctx, event) => {
    const { player, played } = studentQuestion(ctx, event);
    const window = Math.min(MAX_ARBITRATION_WINDOW_MS, Math.max(MIN_ARBITRATION_WINDOW_MS, event.arbitrationMs));
    const arbitrationMs = Number.isFinite(window) ? window : MAX_ARBITRATION_WINDOW_MS;
    onBuzz(ctx, player, played, event.pressedAtClient, saneClock(event.clock), arbitrationMs);
  },
  markSpoken: onMarkSpoken,
  start: onStart,
  next: onNext,
  skip: onSkip,
  pause: onPause,
  resume: onResume,
  revealNow: onRevealNow,
  end: onEnd,
  extend: onExtend,
  grantExtraTime: onGrantExtraTime,
  kick: onKick,
  lock: onLock,
  showPrompt: onShowPrompt,
  restored: onRestored,
  deadline: onDeadline,
};

/** The room's timer fired: run every deadline that is due (a late timer may find more than one). */
function onDeadline(ctx: Ctx): void {
  const { game, now } = ctx;
  if (game.wakeAt === null || now < game.wakeAt) throw new Refusal("not-due", "Nothing is due yet.", true);
  for (let guard = 0; guard < 20 && game.wakeAt !== null && game.wakeAt <= now; guard++) {
    FLOW[game.phase.name].onWake?.(ctx);
    settle(ctx);
    game.wakeAt = computeWake(game, now);
  }
}

/**
 * Applies one event. Pure: no clock, no randomness of its own (time is `event.at`, ids and clock estimates come in
 * the event). The game is updated IN PLACE and returned, so a 4,000-student room does not copy every player per
 * answer; keep a structuredClone if you need the state before. A refused event changes nothing, and its only effect
 * is `refuse` (the room answers it and does not persist it). Every accepted step ends with one `wakeAt` effect.
 */
export function step(game: Game, event: GameEvent): StepResult {
  const handler = HANDLERS[event.type] as Handler<GameEventType> | undefined;
  if (!handler || !Number.isFinite(event.at)) {
    return { game, effects: [{ type: "refuse", code: "invalid", message: "That is not an event this game knows." }] };
  }
  const ctx: Ctx = { game, now: Math.max(event.at, game.lastAt), effects: [] };
  try {
    handler(ctx, event as never);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return {
      game,
      effects: [{ type: "refuse", code: error.code, message: error.message, ...(error.quiet ? { quiet: true } : {}) }],
    };
  }
  settle(ctx);
  game.lastAt = ctx.now;
  game.eventCount += 1;
  game.wakeAt = computeWake(game, ctx.now);
  ctx.effects.push({ type: "wakeAt", at: game.wakeAt });
  return { game, effects: ctx.effects };
}

/** Rebuilds a game from its event log (create first): for a restarted server and for tests. */
export function replay(events: readonly GameEvent[]): Game {
  const [first, ...rest] = events;
  if (first?.type !== "create") throw new Error("an event log starts with create");
  const game = createGame(first);
  for (const event of rest) step(game, event);
  return game;
}

/** When the room must wake the game with a `deadline` event; null when nothing runs by itself. */
export function nextWakeAt(game: Game): number | null {
  return game.wakeAt;
}
