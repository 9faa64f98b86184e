// The game as a pure reducer: plain-data Game, events in, effects out (DESIGN.md principle 1).
export { buzzQueue } from "./buzzer.ts";
export { NO_ANSWER_TEXT, SPOKEN_ANSWER_TEXT } from "./context.ts";
export { isWaiting, playerDeadline } from "./everyone.ts";
export { AUTO_ADVANCE_MS, FLOW, GET_READY_MS, type PhaseFlow } from "./flow.ts";
export { createGame, nextWakeAt, replay, step } from "./game.ts";
export { entriesOf, tally } from "./ledger.ts";
export { podium, rankById, reportStandings, standings } from "./ranking.ts";
export type * from "./types.ts";
