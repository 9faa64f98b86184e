export * from "./client-messages.ts";
export * from "./close-codes.ts";
export * from "./game-settings.ts";
export * from "./join-code.ts";
export * from "./server-messages.ts";
