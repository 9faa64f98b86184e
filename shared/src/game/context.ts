import type { Effect, Game, PlayedQuestion, Player, RefusalCode } from "./types.ts";

/**
 * What one step works on: the game (updated in place), the step's time and the effects it collects.
 * Handlers check everything first and change the game only once the event is accepted; a refusal is thrown as
 * `Refusal` before the first change, so a refused event leaves the game exactly as it was.
 */
export interface Ctx {
  game: Game;
  now: number;
  effects: Effect[];
}

/** An event the game does not accept; `quiet` ones (duplicates, stale timers) need no reply to anyone. */
export class Refusal extends Error {
  readonly code: RefusalCode;
  readonly quiet: boolean;
  constructor(code: RefusalCode, message: string, quiet = false) {
    super(message);
    this.code = code;
    this.quiet = quiet;
  }
}

/** The answer text recorded for a buzzer answer the teacher judged aloud. */
export const SPOKEN_ANSWER_TEXT = "(spoken)";
/** The answer text recorded when a buzzer turn ran out. */
export const NO_ANSWER_TEXT = "(no answer)";

/** The student, if they are still in the game (not kicked, not gone from the lobby). */
export function activePlayer(game: Game, playerId: string): Player {
  const player = game.players[playerId];
  if (player?.status !== "active") throw new Refusal("not-found", "You are not part of this game any more.");
  return player;
}

/** The question a student's message names, which must be the one being played. */
export function namedQuestion(game: Game, questionIndex: number): PlayedQuestion {
  if (questionIndex !== game.phase.questionIndex || game.current === null) {
    throw new Refusal("stale-question", "That question is over; look at the current one.");
  }
  const played = game.questions[questionIndex];
  if (!played) throw new Refusal("stale-question", "There is no such question.");
  return played;
}

/** The question being played (callers know there is one). */
export function playedQuestion(game: Game): PlayedQuestion {
  const played = game.questions[game.phase.questionIndex];
  if (!played) throw new Error(`no question ${game.phase.questionIndex}`);
  return played;
}

/** Whether this student may play the question being played (late joiners wait for the next one). */
export function playsCurrent(game: Game, player: Player): boolean {
  return player.status === "active" && player.firstQuestion <= game.phase.questionIndex;
}
