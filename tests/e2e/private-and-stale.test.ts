import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, type QuestionViewLike, showQuestionNow, waitForQuestion } from "./game-flow.ts";
import { liveText, press, snap, useStage, viewOf, waitForLive, waitForView } from "./harness.ts";

// The room-test bank in bank order: Q1 multiple choice (Paris), Q2 true/false (True).
const ROOM_BANKS = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks");
const stage = useStage(() => ({ BANKS_DIR: ROOM_BANKS }));

const ACCOMMODATION = /×\s*(1\.5|2)|extra time|more time|accommodat/i;

/** Everything the projector shows or holds: its text, its markup, its title and what it says aloud. */
async function projectorMentions(host: Page): Promise<string[]> {
  const everything = await host.evaluate(
    () => `${document.title}\n${document.body.textContent}\n${document.body.innerHTML}`,
  );
  return everything.split("\n").filter((line) => ACCOMMODATION.test(line));
}

test("the projector never shows a student's extra time; a refusal is not carried to the next question", async () => {
  const { host, code } = await hostGame(stage, {
    tags: "",
    questions: 2,
    mode: "everyone",
    timeLimitSec: 8,
    bonuses: false,
  });
  const [ada, ben] = await joinPhones(stage, code, ["Ada", "Ben"]);
  await waitForLive(host, /2 players joined: Ada, Ben\.$/);

  // A removal can be taken back: Undo within 10 s and Ada stays in the game.
  await host.getByRole("button", { name: "Ada", exact: true }).click();
  await host.getByRole("menuitem", { name: "Remove from game" }).click();
  const until = Date.now() + 10_000;
  await host.getByRole("button", { name: "Undo removing Ada" }).click();
  await host.locator("#undo-bar").waitFor({ state: "hidden" });
  await host.waitForFunction((at) => Date.now() > at + 1000, until, { timeout: 20_000 });
  expect(await liveText(host)).toBe(`Lobby: code ${code}. 2 players joined: Ada, Ben.`);
  expect((await viewOf<{ scene: string }>(ada)).scene).toBe("StudentMessageScene");

  // The teacher gives Ben double time from his name's menu; once it closes nothing on the projector says so.
  await host.getByRole("button", { name: "Ben", exact: true }).click();
  await host.getByRole("menuitemradio", { name: "Extra time ×2" }).click();
  await waitForView(host, `v.players.some((p) => p.name === "Ben" && p.extraTime === 2)`);
  expect(await host.getByRole("menu").isHidden()).toBe(true);
  expect(await projectorMentions(host)).toEqual([]);
  await snap(host, "private-host-lobby");

  await host.getByRole("button", { name: "Start" }).click();
  await waitForLive(host, /^Get ready: /);
  expect(await projectorMentions(host)).toEqual([]);
  await showQuestionNow(host);

  // Q1: Ben's own clock runs twice as long, so the question stays open after Ada's time is up.
  await waitForQuestion(ada, 0, "choice");
  expect((await waitForQuestion(ben, 0, "choice")).totalMs).toBe(16_000);
  expect(await projectorMentions(host)).toEqual([]);
  await snap(host, "private-host-question");
  await waitForView(ada, "v.deadline > 0 && Date.now() > v.deadline + 500", 30_000);
  const q1 = await viewOf<QuestionViewLike>(ada);
  await press(ada, `option-${q1.options.indexOf("Paris")}`);
  expect(await waitForLive(ada, /Time is up for this question\.$/)).toMatch(/^Question 1 of 2\. /);
  expect((await viewOf<{ notice: string }>(ada)).notice).toBe("Time is up for this question.");
  await snap(ada, "stale-phone-q1-refused");
  await host.getByRole("button", { name: "Reveal now" }).click();
  await waitForLive(host, /^Answer: Paris\./);
  expect(await liveText(host)).toBe("Answer: Paris. 0 of 2 answered, 0 correct, 2 no answer.");
  expect(await projectorMentions(host)).toEqual([]);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  expect(await projectorMentions(host)).toEqual([]);

  // The player panel, closed by default, opens from the corner during the game; extra time given there
  // counts from the next question.
  expect(await host.locator("#player-panel").isHidden()).toBe(true);
  await host.getByRole("button", { name: "Players" }).click();
  expect(await host.getByRole("button", { name: "Extra time ×2 for Ben" }).getAttribute("aria-pressed")).toBe("true");
  await host.getByRole("button", { name: "Extra time ×1.5 for Ada" }).click();
  await host.waitForSelector('button[aria-label="Extra time ×1.5 for Ada"][aria-pressed="true"]');
  await snap(host, "private-host-player-panel");
  await host.getByRole("button", { name: "Players" }).click();
  await host.locator("#player-panel").waitFor({ state: "hidden" });
  await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // Space means "next" again
  await host.keyboard.press("Space");
  await waitForLive(host, /^Get ready: Question 2/);
  await showQuestionNow(host);

  // Q2: a fresh question, with no "time is up" left over from Q1.
  const q2 = await waitForQuestion(ada, 1, "boolean");
  expect(q2.totalMs).toBe(12_000); // Ada's ×1.5 from the panel
  expect((q2 as QuestionViewLike & { notice: string }).notice).toBe("");
  expect(await liveText(ada)).not.toContain("Time is up");
  await snap(ada, "stale-phone-q2-clean");

  expect(await projectorMentions(host)).toEqual([]);
  await answer(ada, "True");
  await answer(ben, "False");
  await waitForLive(host, /^Answer: True\./);
  expect(await liveText(host)).toBe("Answer: True. 2 of 2 answered, 1 correct, 0 no answer.");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Podium: /);
  expect(await projectorMentions(host)).toEqual([]);
  await snap(host, "private-host-podium");
}, 120_000);
