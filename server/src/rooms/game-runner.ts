import { type Effect, type Game, type GameEvent, type RefusalCode, replay, step } from "@handsup/shared";
import type { GameEventLog } from "../results/results-store.ts";

/** What became of one event: refused (nothing changed), or accepted and committed to the log. */
export type Outcome =
  | { ok: true; effects: Effect[] }
  | { ok: false; code: RefusalCode | "not-saved"; message: string; quiet?: boolean; storeError?: string };

/** What a phone is told when its event could not be written: nothing changed, it may simply try again. */
export const NOT_SAVED_MESSAGE = "Your answer could not be saved — try again.";

/**
 * One game's truth: the reducer's Game and the log of the events that made it. Events are applied one at a time:
 * `step`, then the event is appended to the store and committed, and only then are its effects handed back (so
 * nobody is told about an event the log does not hold). When the write fails (a full disk), the step is undone by
 * replaying the events the log does hold, and the event is refused; the next event tries the disk again.
 */
export class GameRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private game: Game;
  private readonly events: GameEvent[];
  private readonly log: GameEventLog;

  private constructor(game: Game, events: GameEvent[], log: GameEventLog) {
    this.game = game;
    this.events = events;
    this.log = log;
  }

  /** A game rebuilt from its log (a new game's log holds just its create event). */
  static fromLog(events: GameEvent[], log: GameEventLog): GameRunner {
    return new GameRunner(replay(events), [...events], log);
  }

  /** The current game. Read-only to callers: only `submit` changes it. */
  get current(): Game {
    return this.game;
  }

  /** Applies one event after those already submitted; resolves once it is refused or committed. */
  submit(event: GameEvent): Promise<Outcome> {
    const run = this.queue.then(() => this.apply(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A sign of life in the log's game row (a restart counts the downtime from the last one). Never throws. */
  async heartbeat(now: number): Promise<void> {
    await this.log.touchGame(this.game.id, now).catch(() => undefined);
  }

  /** Marks the game ended in the store (ended or abandoned games are never reopened). Never throws. */
  async close(endedAt: number): Promise<void> {
    await this.log.closeGame(this.game.id, endedAt).catch(() => undefined);
  }

  private async apply(event: GameEvent): Promise<Outcome> {
    const { effects } = step(this.game, event);
    const refusal = effects.find((effect) => effect.type === "refuse");
    if (refusal) return { ok: false, code: refusal.code, message: refusal.message, quiet: refusal.quiet === true };
    const seq = this.events.length;
    try {
      await this.log.appendEvent(this.game.id, seq, event);
    } catch (error) {
      this.game = replay(this.events); // step changed the game in place: back to what the log holds
      return { ok: false, code: "not-saved", message: NOT_SAVED_MESSAGE, storeError: describeStoreError(error) };
    }
    this.events.push(event);
    return { ok: true, effects };
  }
}

/** A plain sentence for the teacher's banner about why the results store refused a write. */
export function describeStoreError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "errcode" in error ? Number(error.errcode) : undefined;
  const text = error instanceof Error ? error.message : "unknown error";
  // SQLite primary result codes: 13 SQLITE_FULL, 10 SQLITE_IOERR, 8 SQLITE_READONLY, 5 SQLITE_BUSY.
  if (code === 13 || /full/i.test(text)) return "the disk is full";
  if (code === 8 || /readonly/i.test(text)) return "the results file is read-only";
  if (code === 5 || /busy|locked/i.test(text)) return "the results file is busy";
  if (code === 10 || /I\/O/i.test(text)) return "the disk reported an error";
  return "the results store refused the write";
}
