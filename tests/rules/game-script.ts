import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type AnswerInput,
  type ClockEstimate,
  CreateGameSchema,
  type Effect,
  type Game,
  type GameEvent,
  type GameSetup,
  parseBank,
  planGame,
  type Question,
  replay,
  standings,
  step,
} from "@handsup/shared";

/**
 * Drives the real reducer the way the room does: events stamped with a scripted server time, the one timer fired
 * exactly at game.wakeAt. Every accepted event is logged, so a test can replay the log and compare.
 */

const bankFile = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks", "room-test.yaml");
const parsed = parseBank(readFileSync(bankFile, "utf8"), "room-test.yaml");
if (!parsed.ok) throw new Error("room-test bank does not parse");
export const ROOM_TEST_BANK = parsed.bank;

type Without<E> = E extends unknown ? Omit<E, "at"> : never;
export type ScriptEvent = Without<Exclude<GameEvent, { type: "create" }>>;

export const START_AT = 1_000_000;

/** A setup over the room-test bank in bank order; `rounds` as the create form has them. */
export function roomTestSetup(request: Record<string, unknown> = {}): GameSetup {
  const { hostPassword: _none, ...settings } = CreateGameSchema.parse({
    bankIds: ["room-test"],
    order: "bank",
    ...request,
  });
  const rounds = settings.rounds ?? [{ mode: "everyone" as const, questionCount: settings.questionCount }];
  const plan = planGame({ banks: [ROOM_TEST_BANK], ...settings, seed: settings.seed ?? 7, rounds });
  if (!plan.ok) throw new Error(plan.reason);
  return {
    gameId: "game-1",
    code: "ABCDEF",
    hostKeyHash: "hash",
    title: "Room test",
    bankIds: ["room-test"],
    settings,
    rounds: plan.rounds,
    seed: settings.seed ?? 7,
  };
}

/** A setup over hand-picked questions (tests/rules/questions.ts), one round per entry. */
export function customSetup(
  rounds: { mode: "everyone" | "buzzer"; questions: Question[] }[],
  request: Record<string, unknown> = {},
): GameSetup {
  const { hostPassword: _none, ...settings } = CreateGameSchema.parse({ bankIds: ["replay"], ...request });
  return {
    gameId: "game-replay",
    code: "REPLAY",
    hostKeyHash: "hash",
    title: "Replay",
    bankIds: ["replay"],
    settings,
    rounds: rounds.map((round) => ({
      mode: round.mode,
      questions: round.questions.map((question) => ({ bankId: "replay", question })),
    })),
    seed: settings.seed ?? 42,
  };
}

export class Script {
  readonly log: GameEvent[];
  game: Game;
  t = START_AT;
  lastEffects: Effect[] = [];

  constructor(setup: GameSetup) {
    const create: GameEvent = { type: "create", at: this.t, setup };
    this.log = [create];
    this.game = replay(this.log);
  }

  /** Sends an event now; returns its effects (a refusal is returned, not thrown). */
  send(event: ScriptEvent): Effect[] {
    const full = { ...event, at: this.t } as GameEvent;
    const { effects } = step(this.game, full);
    this.lastEffects = effects;
    if (effects[0]?.type !== "refuse") this.log.push(full);
    return effects;
  }

  /** Sends an event that must be accepted. */
  ok(event: ScriptEvent): Effect[] {
    const effects = this.send(event);
    const refusal = effects.find((effect) => effect.type === "refuse");
    if (refusal) throw new Error(`${event.type} refused: ${JSON.stringify(refusal)}`);
    return effects;
  }

  /** Sends an event that must be refused; returns the refusal. */
  refused(event: ScriptEvent): { code: string; message: string } {
    const effects = this.send(event);
    const refusal = effects[0];
    if (refusal?.type !== "refuse") throw new Error(`${event.type} was accepted: ${JSON.stringify(effects)}`);
    return { code: refusal.code, message: refusal.message };
  }

  /** Lets `ms` pass, firing the room's one timer at every wake-up that falls due (at its exact time). */
  wait(ms: number): void {
    const until = this.t + ms;
    for (let guard = 0; guard < 1000; guard++) {
      const wake = this.game.wakeAt;
      if (wake === null || wake > until) break;
      this.t = Math.max(this.t, wake);
      this.ok({ type: "deadline" });
    }
    this.t = until;
  }

  /** Lets time run until the phase is `phase` (firing deadlines), failing after `limitMs`. */
  waitForPhase(phase: Game["phase"]["name"], limitMs = 120_000): void {
    const until = this.t + limitMs;
    while (this.game.phase.name !== phase) {
      const wake = this.game.wakeAt;
      if (wake === null || wake > until) throw new Error(`phase ${this.game.phase.name} never became ${phase}`);
      this.t = Math.max(this.t, wake);
      this.ok({ type: "deadline" });
    }
  }

  join(name: string, id = name.toLowerCase(), deviceId?: string): string {
    const effects = this.ok({ type: "join", playerId: id, name, ...(deviceId ? { deviceId } : {}) });
    const joined = effects.find((effect) => effect.type === "joined");
    if (joined?.type !== "joined") throw new Error("no joined effect");
    return joined.playerId;
  }

  /** The room-test answer for the question being played, right or wrong, as the phone would send it. */
  answerOf(right: boolean, typed?: string): AnswerInput {
    const played = this.game.questions[this.game.phase.questionIndex];
    if (!played) throw new Error("no question");
    const pub = played.prepared.public;
    switch (played.prepared.question.id) {
      case "capital-france":
        return { kind: "choice", choices: [pub.options.indexOf(right ? "Paris" : "Lyon")] };
      case "sky-blue":
        return { kind: "boolean", value: right };
      case "seven-times-six":
        return { kind: "number", value: right ? 42 : 41 };
      case "counting": {
        const order = ["one", "two", "three", "four"].map((item) => pub.items.indexOf(item));
        return { kind: "order", order: right ? order : [...order].reverse() };
      }
      case "largest-ocean":
        return { kind: "text", text: typed ?? (right ? "Pacific Ocean!" : "Atlantic") };
      case "both-primes":
        return {
          kind: "choice",
          choices: right ? [pub.options.indexOf("2"), pub.options.indexOf("7")] : [pub.options.indexOf("2")],
        };
      default:
        throw new Error(`no scripted answer for ${played.prepared.question.id}`);
    }
  }

  answer(
    playerId: string,
    right: boolean,
    extra: { typed?: string; answeredAtClient?: number; clock?: ClockEstimate } = {},
  ) {
    return this.send({
      type: "answer",
      playerId,
      questionIndex: this.game.phase.questionIndex,
      answer: this.answerOf(right, extra.typed),
      clock: extra.clock ?? null,
      ...(extra.answeredAtClient !== undefined ? { answeredAtClient: extra.answeredAtClient } : {}),
    });
  }

  buzz(playerId: string, pressedAtClient = this.t, clock: ClockEstimate | null = null, arbitrationMs = 150) {
    return this.send({
      type: "buzz",
      playerId,
      questionIndex: this.game.phase.questionIndex,
      pressedAtClient,
      clock,
      arbitrationMs,
    });
  }

  /** A distribution as the bars of the question being played, by option text (options may be shuffled per game). */
  bars(counts: Record<string, number>): number[] {
    const options = this.game.questions[this.game.phase.questionIndex]?.prepared.public.options ?? [];
    return options.map((option) => counts[option] ?? 0);
  }

  scores(): Record<string, number> {
    return Object.fromEntries(
      Object.values(this.game.players)
        .filter((player) => player.status === "active")
        .map((player) => [player.name, player.score]),
    );
  }

  /** "rank. name score" rows of THE ranking. */
  ranking(): string[] {
    return standings(this.game).map((row) => `${row.rank}. ${row.name} ${row.score}`);
  }

  /** Host action pressed on the screen the game is on now. */
  host(type: "start" | "next" | "skip" | "pause" | "resume" | "revealNow" | "end"): Effect[] {
    return this.ok({ type, phase: this.game.phase.name, questionIndex: this.game.phase.questionIndex });
  }
}
