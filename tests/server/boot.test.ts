import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("boot", () => {
  it("refuses to start on a broken bank and says which file, where and what is wrong", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "server/src/main.ts")], {
      env: { ...process.env, PORT: "0", BANKS_DIR: path.join(ROOT, "tests/fixtures/banks-invalid") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Hands Up cannot start: 6 problem(s) in the question banks.");
    expect(run.stderr).toContain(
      'every-error.yaml: questions[2].explaination: unknown field "explaination" (did you mean "explanation"?)',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace for bad content
  });
});
