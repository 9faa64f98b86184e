import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VALID_BANK = "tests/fixtures/banks/small-valid.yaml";
const BROKEN_BANK = "tests/fixtures/banks-invalid/every-error.yaml";

/** Runs one of the content CLIs the way `pnpm content:*` does, from the repository root. */
function run(cli: "check" | "import" | "export", ...args: string[]) {
  const result = spawnSync(process.execPath, [`content/cli/${cli}.ts`, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("pnpm content:check", { timeout: 20_000 }, () => {
  test("a valid bank: exit 0 and a one-line summary", () => {
    expect(run("check", VALID_BANK)).toEqual({
      code: 0,
      stdout: "small-valid: 5 questions (1 multiple-choice, 1 true-false, 1 type-answer, 1 numeric, 1 ordering)\n",
      stderr: "",
    });
  });

  test("a folder argument checks every .yaml in it", () => {
    expect(run("check", "tests/fixtures/banks").stdout).toBe(
      "small-valid: 5 questions (1 multiple-choice, 1 true-false, 1 type-answer, 1 numeric, 1 ordering)\n",
    );
  });

  test("a bank with one error of each kind: exit 1 and every error named by its path", () => {
    expect(run("check", BROKEN_BANK)).toEqual({
      code: 1,
      stdout: [
        BROKEN_BANK,
        '  questions[0].correct[0]: "Zhukov" must be one of the options: Beria, Malenkov, Khrushchev, Molotov',
        '  questions[1].explanation: is required: a sentence or two that students see when the answer is revealed (write explanation: "" to show none)',
        '  questions[1].id: duplicate id "beria-germany": questions[0] already uses it (ids must be unique in a bank)',
        '  questions[2].explaination: unknown field "explaination" (did you mean "explanation"?)',
        "  questions[3].tolerance: must be 0 or more (it is how far off an answer may be)",
        '  questions[4].items[2]: "Secret Speech" appears twice in the items (also at items[1]); each must be different',
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  test("two files with the same bank id are rejected", () => {
    const copy = path.join(dir, "copy-of-small-valid.yaml");
    fs.copyFileSync(path.join(ROOT, VALID_BANK), copy);
    const result = run("check", VALID_BANK, copy);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${copy}\n  id: bank id "small-valid" is already used by ${VALID_BANK}\n`);
  });

  test("a YAML syntax error is reported with its line, without a stack trace", () => {
    const bad = path.join(dir, "syntax.yaml");
    fs.writeFileSync(bad, "id: syntax\ntitle: T\nquestions:\n  - id: a\n    options: [A, B\n");
    const result = run("check", bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${bad}\\n  line \\d+: YAML syntax error: `));
    expect(result.stderr).toBe("");
  });

  test("a picture that is not there, or not a picture, fails the check with where to put it", () => {
    const bank = path.join(dir, "pictures.yaml");
    const question = (id: string, src: string) =>
      `  - { id: ${id}, type: true-false, prompt: "${id}?", correct: true, explanation: "", image: { src: ${src}, alt: A map } }`;
    fs.writeFileSync(
      bank,
      ["id: pictures", "title: P", "questions:", question("a", "gone.png"), question("b", "map.gif")].join("\n"),
    );
    fs.mkdirSync(path.join(dir, "pictures"), { recursive: true });
    fs.writeFileSync(path.join(dir, "pictures", "map.gif"), "GIF? no, a text file");
    expect(run("check", bank)).toEqual({
      code: 1,
      stdout: [
        bank,
        `  questions[0].image.src: "gone.png" not found (pictures go in the folder "pictures" beside the bank's file)`,
        '  questions[1].image.src: "map.gif" is not a PNG, JPEG, WebP or GIF picture',
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  test("a missing path is a plain message and exit 1", () => {
    expect(run("check", "no/such/bank.yaml")).toEqual({
      code: 1,
      stdout: "",
      stderr: "no/such/bank.yaml: no such file or folder\n",
    });
  });
});

describe("pnpm content:import and content:export", { timeout: 20_000 }, () => {
  test("import writes a valid bank, reports rejected rows, and the bank passes check", () => {
    const csv = path.join(dir, "quiz.csv");
    fs.writeFileSync(
      csv,
      [
        ",My quiz",
        ',Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,Answer 3 - max 75 characters,Answer 4 - max 75 characters,"Time limit (sec) - 5, 10, 20, 30, 60, 90, 120, or 240 secs",Correct answer(s) - choose at least one',
        "1,Who proposed a neutral Germany?,Beria,Malenkov,,,20,1",
        "2,,A,B,,,20,1",
        "3,Is Vienna in Austria?,True,False,,,10,1",
      ].join("\n"),
    );
    const out = path.join(dir, "banks", "my-quiz.yaml");
    const imported = run("import", csv, "--out", out, "--title", "My quiz");
    expect(imported).toEqual({
      code: 0,
      stdout: [
        "row 4: no question text",
        `Imported 2 questions into ${out}, 1 rows rejected.`,
        '2 of them have no explanation yet (the template has no column for it): write one in each `explanation: ""` so students learn why at the reveal.',
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(fs.readFileSync(out, "utf8")).toContain('explanation: ""');
    expect(fs.readFileSync(out, "utf8")).not.toContain("Imported from quiz.csv");
    expect(run("check", out).stdout).toBe("my-quiz: 2 questions (1 multiple-choice, 1 true-false)\n");
  });

  test("import of a file with nothing usable exits 1", () => {
    const csv = path.join(dir, "empty.csv");
    fs.writeFileSync(csv, "Question - max 120 characters,Answer 1,Answer 2,Correct answer(s)\n,A,B,1\n");
    const result = run("import", csv, "--out", path.join(dir, "empty.yaml"));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`row 2: no question text\nNothing imported from ${csv}.\n`);
    expect(fs.existsSync(path.join(dir, "empty.yaml"))).toBe(false);
  });

  test("export writes the template and lists the questions it had to skip", () => {
    const out = path.join(dir, "small-valid.csv");
    const result = run("export", "small-valid", "--format", "csv", "--out", out, "--banks", "tests/fixtures/banks");
    expect(result).toEqual({
      code: 0,
      stdout: [
        "skipped finland-base: type-answer questions don't fit the template (it holds multiple-choice and true-false only)",
        "skipped army-cut: numeric questions don't fit the template (it holds multiple-choice and true-false only)",
        "skipped thaw-order: ordering questions don't fit the template (it holds multiple-choice and true-false only)",
        `Exported 2 of 5 questions to ${out}.`,
        "",
      ].join("\n"),
      stderr: "",
    });
    const lines = fs.readFileSync(out, "utf8").split("\r\n");
    expect(lines.slice(3)).toEqual([
      '1,"Shortly after Stalin\'s death, who proposed a reunified, neutral Germany?",Beria,Malenkov,Khrushchev,Molotov,20,1',
      "2,The Austrian State Treaty was signed in 1955.,True,False,,,10,1",
    ]);
  });

  test("export of an unknown bank names the banks there are", () => {
    expect(run("export", "nope", "--format", "xlsx", "--banks", "tests/fixtures/banks")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'No valid bank with id "nope". Banks available: small-valid.\n',
    });
  });
});
