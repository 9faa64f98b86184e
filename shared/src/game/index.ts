// The game as a pure reducer: plain-data Game, events in, effects out (DESIGN.md principle 1).
export type * from "./types.ts";
