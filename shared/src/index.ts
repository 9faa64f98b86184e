// Public contracts of Hands Up: content schema, protocol messages and pure game rules.

export * from "./content/index.ts";
