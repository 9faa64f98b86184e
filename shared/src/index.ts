// Public contracts of Hands Up: content schema, protocol messages and pure game rules.

export * from "./content/index.ts";
export * from "./game/index.ts";
export * from "./protocol/answer-input.ts";
export * from "./protocol/index.ts";
export * from "./rules/index.ts";
