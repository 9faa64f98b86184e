// Pure game rules: time and randomness come in as arguments, so whole games replay exactly in tests.
export * from "./answer-report.ts";
export * from "./buzz-fairness-sim.ts";
export * from "./buzz-order.ts";
export * from "./check-answer.ts";
export * from "./clock-sync.ts";
export * from "./competition.ts";
export * from "./fair-start.ts";
export * from "./game-plan.ts";
export * from "./leaderboard.ts";
export * from "./nickname.ts";
export * from "./phases.ts";
export * from "./photo-finish.ts";
export * from "./prepare-question.ts";
export * from "./random.ts";
export * from "./rate-limit.ts";
export * from "./scoring.ts";
export * from "./teams.ts";
