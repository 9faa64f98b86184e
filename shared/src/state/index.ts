// The wire-state schema (Colyseus): the one place in shared/ that may import @colyseus/schema (biome.json).
// Not re-exported from shared/src/index.ts, so rules and content stay free of Colyseus.
export * from "./quiz-state.ts";
