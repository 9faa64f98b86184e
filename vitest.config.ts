import { defineConfig } from "vitest/config";

// Three tiers (DESIGN.md): pure rules and content run in parallel; rooms and the browser
// boot real servers on fixed ports, so they run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/rules/**/*.test.ts", "tests/content/**/*.test.ts", "tests/client/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
