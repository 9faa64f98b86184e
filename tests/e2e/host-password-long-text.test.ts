import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Bank, formatBankYaml, parseBank, type Question } from "@handsup/shared";
import { afterAll, expect, test } from "vitest";
import { fillCreateForm, joinAs, showQuestionNow, waitForQuestion } from "./game-flow.ts";
import { openHost, openPhone, snap, useStage, viewOf, waitForLive } from "./harness.ts";

const PASSWORD = "staff-room-42";
const BUILT_IN = path.resolve(import.meta.dirname, "..", "..", "content", "banks", "peaceful-coexistence.yaml");

const longestOption = (q: Question) =>
  Math.max(
    0,
    ...(q.type === "multiple-choice" ? q.options : q.type === "ordering" ? q.items : []).map((o) => o.length),
  );

/**
 * The built-in bank's hardest questions to lay out, picked from the file itself so the test follows
 * it: the longest prompt, the longest option, and the numeric question with the longest unit.
 */
function longTextBank(): { bank: Bank; picked: Question[] } {
  const parsed = parseBank(readFileSync(BUILT_IN, "utf8"), path.basename(BUILT_IN));
  if (!parsed.ok) throw new Error(`the built-in bank does not parse: ${JSON.stringify(parsed.errors)}`);
  const questions = parsed.bank.questions;
  const most = (score: (q: Question) => number) => questions.reduce((a, b) => (score(b) > score(a) ? b : a));
  const picked = [
    most((q) => q.prompt.length),
    most(longestOption),
    most((q) => (q.type === "numeric" ? (q.unit?.length ?? 0) + 1 : 0)),
  ];
  return { bank: { ...parsed.bank, id: "long-text", title: "Longest texts", questions: picked }, picked };
}

let banksDir: string | undefined;
const { bank, picked } = longTextBank();

const stage = useStage(() => {
  banksDir = mkdtempSync(path.join(tmpdir(), "handsup-long-text-"));
  writeFileSync(path.join(banksDir, "long-text.yaml"), formatBankYaml(bank));
  return { HOST_PASSWORD: PASSWORD, BANKS_DIR: banksDir };
});

afterAll(() => {
  if (banksDir) rmSync(banksDir, { recursive: true, force: true });
});

test("a password-protected server: the form asks for it, refuses a wrong one, and the longest texts fit", async () => {
  const host = await openHost(stage);
  await fillCreateForm(host, { tags: "", questions: 3, mode: "everyone", timeLimitSec: 60 });
  expect(await host.isVisible("#host-password")).toBe(true);

  await host.fill("#host-password", "guess");
  await host.click("#create-game");
  expect(await waitForLive(host, /^Could not create/)).toBe(
    "Could not create the game: That host password is not right.",
  );
  expect(await host.locator("#create-error").textContent()).toBe("That host password is not right.");
  await snap(host, "host-create-wrong-password");

  await host.fill("#host-password", PASSWORD);
  await host.click("#create-game");
  const code = (await waitForLive(host, /^Lobby: code [A-Z0-9]{6}\./)).slice("Lobby: code ".length, 18);

  // The smallest phone we design for.
  const ada = await openPhone(stage, `/?code=${code}`, { width: 360, height: 640 });
  await joinAs(ada, code, "Ada");
  await host.getByRole("button", { name: "Start" }).click();

  for (const [index, question] of picked.entries()) {
    const shown = await waitForQuestion(ada, index);
    expect(shown.prompt).toBe(question.prompt);
    await waitForLive(host, new RegExp(`^Question ${index + 1} of 3: `));
    await snap(ada, `phone-long-q${index + 1}-${question.type}-360x640`);
    await snap(host, `host-long-q${index + 1}-${question.type}`);
    if (question.type === "numeric") {
      expect(await ada.locator("#answer-unit").textContent()).toBe(question.unit);
    }
    await host.getByRole("button", { name: "Reveal now" }).click();
    await waitForLive(host, /^Answer: /);
    if (index === 1) {
      await snap(host, "host-long-reveal");
      await snap(ada, "phone-long-reveal-360x640");
    }
    if (index < picked.length - 1) {
      await host.keyboard.press("Space");
      await waitForLive(host, /^Leaderboard/);
      await host.keyboard.press("Space");
      await waitForLive(host, /^Get ready/);
      await showQuestionNow(host);
    }
  }
  expect((await viewOf<{ scene: string }>(ada)).scene).toBe("StudentResultScene");
});
