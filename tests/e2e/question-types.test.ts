import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, type QuestionViewLike, showQuestionNow, waitForQuestion } from "./game-flow.ts";
import {
  dragTarget,
  openPhone,
  press,
  snap,
  targetBox,
  useStage,
  viewOf,
  waitForLive,
  waitForView,
} from "./harness.ts";

// The room-test bank: one question of each type, played in bank order (answers in tests/server/room-helpers.ts).
const ROOM_BANKS = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks");

const stage = useStage(() => ({ BANKS_DIR: ROOM_BANKS }));

/** The items of an ordering question as the phone shows them now, top to bottom. */
async function shownOrder(page: Page, count: number): Promise<string[]> {
  const order: string[] = [];
  for (let slot = 0; slot < count; slot++) order.push((await targetBox(page, `item-${slot}`)).label);
  return order;
}

/** Taps pairs of items to swap them until the phone shows `wanted`. */
async function tapIntoOrder(page: Page, wanted: string[]): Promise<void> {
  for (let slot = 0; slot < wanted.length; slot++) {
    const order = await shownOrder(page, wanted.length);
    const from = order.indexOf(wanted[slot]!);
    if (from === slot) continue;
    await press(page, `item-${slot}`);
    await press(page, `item-${from}`);
    await page.waitForFunction(
      ([id, label]) =>
        (window as unknown as { __handsup: { target(id: string): { label: string } | undefined } }).__handsup.target(
          id!,
        )?.label === label,
      [`item-${slot}`, wanted[slot]],
    );
  }
}

/** Space on the projector twice: reveal → leaderboard → the next question's get-ready, then opens it at once. */
async function nextQuestion(host: Page, number: number): Promise<void> {
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");
  await waitForLive(host, new RegExp(`^Get ready: Question ${number} of 6`));
  await showQuestionNow(host);
}

test("every question type through the phone's UI, and the teacher's controls, in one 6-question game", async () => {
  const { host, code } = await hostGame(stage, {
    tags: "",
    questions: 6,
    mode: "everyone",
    timeLimitSec: 60, // long enough for a busy machine to get through the teacher's controls in Q1
    bonuses: false, // exact points: base points only
  });
  const [ada, ben, cy] = await joinPhones(stage, code, ["Ada", "Ben", "Cy"]);
  await waitForLive(host, /3 players joined: Ada, Ben, Cy\.$/);

  // Extra time from the lobby's player list: a small menu on a name.
  await host.getByRole("button", { name: "Ben", exact: true }).click();
  await host.getByRole("menuitemradio", { name: "Extra time ×2" }).waitFor();
  await snap(host, "host-lobby-player-menu");
  await host.getByRole("menuitemradio", { name: "Extra time ×2" }).click();
  await waitForView(host, `v.players.some((p) => p.name === "Ben" && p.extraTime === 2)`);
  expect(await host.getByRole("menu").isHidden()).toBe(true);
  // The class sees the name only: the accommodation stays off the projector.
  expect(await host.getByRole("button", { name: "Ben", exact: true }).textContent()).toBe("Ben");

  // Remove Cy: ten seconds to undo, then the phone says so, and Cy cannot join again.
  await host.getByRole("button", { name: "Cy", exact: true }).click();
  await host.getByRole("menuitem", { name: "Remove from game" }).click();
  await host.getByRole("button", { name: "Undo removing Cy" }).waitFor();
  await snap(host, "host-lobby-remove-undo");
  expect(await waitForLive(cy, /^Removed/, 30_000)).toBe("Removed. You were removed from this game by the teacher.");
  await snap(cy, "phone-kicked");
  expect(await waitForLive(host, /2 players joined/)).toBe(`Lobby: code ${code}. 2 players joined: Ada, Ben.`);
  await press(cy, "join-another");
  await cy.waitForSelector("#join-code");
  await cy.fill("#join-code", code);
  await cy.fill("#join-name", "Cy");
  await cy.click("#join-button");
  expect(await waitForLive(cy, /^Could not join/)).toBe("Could not join: The teacher removed you from this game.");
  await cy.context().close();

  // Lock joining: a new phone is refused with the teacher's reason; unlocked, it gets in.
  await host.getByRole("button", { name: "Lock joining" }).click();
  await host.getByRole("button", { name: "Unlock joining" }).waitFor();
  const dee = await openPhone(stage, `/?code=${code}`);
  await dee.waitForSelector("#join-code");
  await dee.fill("#join-name", "Dee");
  await dee.click("#join-button");
  expect(await waitForLive(dee, /^Could not join/)).toBe(
    "Could not join: The teacher has locked this game. Ask them to unlock it.",
  );
  await snap(dee, "phone-join-locked");
  await snap(host, "host-lobby-locked");
  await host.getByRole("button", { name: "Unlock joining" }).click();
  await host.getByRole("button", { name: "Lock joining" }).waitFor();
  await dee.click("#join-button");
  await waitForLive(dee, /^You're in!/);
  await waitForLive(host, /3 players joined: Ada, Ben, Dee\.$/);
  await dee.context().close(); // Dee keeps a seat but is offline: open questions do not wait for her

  // "Show question on phones" off, from the lobby.
  await host.getByRole("button", { name: "Show question on phones" }).click();
  await host.waitForSelector('button[data-id="prompt-on-phones"][aria-pressed="false"]');
  await snap(host, "host-02-lobby-prompt-off");

  await host.getByRole("button", { name: "Start" }).click();
  expect(await waitForLive(ada, /^Get ready!/)).toBe("Get ready! Question 1 of 6. Everyone answers.");
  await snap(ada, "phone-03-get-ready");
  await snap(host, "host-03-get-ready");
  await showQuestionNow(host);

  // Q1, multiple choice (Paris). The prompt stays off the phones until the teacher turns it back on.
  const adaQ1 = await waitForQuestion(ada, 0, "choice");
  expect(adaQ1.prompt).toBe("Look at the board for the question.");
  expect(adaQ1.totalMs).toBe(60_000);
  expect((await waitForQuestion(ben, 0, "choice")).totalMs).toBe(120_000); // Ben's ×2
  await snap(ada, "phone-q1-prompt-hidden");
  await host.getByRole("button", { name: "Show question on phones" }).click();
  await waitForView(ada, `v.prompt === "What is the capital of France?"`);
  await host.waitForSelector('button[data-id="prompt-on-phones"][aria-pressed="true"]');
  await snap(ada, "phone-q1-choice");

  // Pause with P, resume with the button; then pause with the button, resume with P.
  await host.keyboard.press("p");
  await waitForView(ada, `v.paused === true && v.controls === "none"`);
  expect((await viewOf<QuestionViewLike>(ada)).status).toBe("Paused by the teacher");
  expect(await waitForLive(host, /^Paused\./)).toBe("Paused. Question 1 of 6: What is the capital of France?");
  await snap(ada, "phone-paused");
  await snap(host, "host-paused");
  await host.getByRole("button", { name: "Resume (P)" }).click();
  await waitForView(ada, `v.paused === false && v.controls === "choice"`);
  await host.getByRole("button", { name: "Pause (P)" }).click();
  await waitForView(ben, `v.paused === true && v.controls === "none"`);
  // The clicked button keeps the focus (and P typed on a button is ignored) until the toolbar redraws.
  await host.getByRole("button", { name: "Resume (P)" }).waitFor();
  await host.keyboard.press("P");
  await waitForView(ben, `v.paused === false && v.controls === "choice"`);

  // +10 s moves the question's end exactly ten seconds later.
  const endsBefore = (await viewOf<{ countdownTo: number }>(host)).countdownTo;
  await host.getByRole("button", { name: "+10 s" }).click();
  await waitForView(host, `v.countdownTo === ${endsBefore + 10_000}`);

  // "Show answer to me" puts the answer on the teacher's screen only.
  await host.getByRole("button", { name: "Show answer to me" }).click();
  await waitForView(host, `v.peekText === "Paris"`);
  await snap(host, "host-q1-peek");
  await host.getByRole("button", { name: "Hide answer" }).click();
  await waitForView(host, `v.peekText === ""`);

  await answer(ada, "Paris");
  await waitForLive(ada, /^Question 1 of 6\. Answer sent\. Waiting for others\./);
  await snap(ada, "phone-q1-answered-waiting");
  await answer(ben, "Lyon");
  // Everyone connected has answered: the reveal comes by itself.
  expect(await waitForLive(ada, /^Correct!/)).toBe(
    "Correct! +1000 points. You answered: Paris. You're 1st with 1000 points. Paris is the capital of France.",
  );
  expect(await waitForLive(ben, /^Not quite/)).toBe(
    "Not quite. No points this time. You answered: Lyon. Answer: Paris. You're 2nd with 0 points. Paris is the capital of France.",
  );
  await snap(ada, "phone-q1-reveal-right");
  await snap(ben, "phone-q1-reveal-wrong");
  await snap(host, "host-q1-reveal-choice");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await waitForLive(ada, /^Leaderboard/);
  await snap(ada, "phone-leaderboard");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Get ready: Question 2 of 6/);
  await showQuestionNow(host);

  // Q2, true/false: Ada answers, then the teacher skips it: nobody scores, on to Q3's get-ready.
  await waitForQuestion(ada, 1, "boolean");
  await snap(ada, "phone-q2-true-false");
  await answer(ada, "True");
  await waitForLive(ada, /Answer sent/);
  await host.getByRole("button", { name: "Skip" }).click();
  // Every screen says the skipped question counts for nobody.
  expect(await waitForLive(ada, /^Get ready!/)).toBe(
    "Get ready! Question 2 was skipped: it counts for nobody. Question 3 of 6. Everyone answers.",
  );
  // (the projector says it on the same 3-second get-ready; a busy machine may be past it by now: see host-view tests)
  await showQuestionNow(host);

  // Q3, numeric (42, double points): the number field and Submit.
  await Promise.all([waitForQuestion(ada, 2, "number"), waitForQuestion(ben, 2, "number")]);
  expect(await ada.locator("#answer-submit").textContent()).toBe("Submit");
  await ada.fill("#answer-field", "42");
  await snap(ada, "phone-q3-numeric");
  await snap(host, "host-q3-numeric");
  await ada.click("#answer-submit");
  await answer(ben, "41");
  expect(await waitForLive(ada, /^Correct!/)).toBe(
    "Correct! +2000 points. You answered: 42. You're 1st with 3000 points. 7 × 6 = 42.",
  );
  expect(await waitForLive(ben, /^Not quite/)).toBe(
    "Not quite. No points this time. You answered: 41. Answer: 42. You're 2nd with 0 points. 7 × 6 = 42.",
  );
  await snap(host, "host-q3-reveal-numeric");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.waitForTimeout(1300); // rows slide into place
  await snap(host, "host-leaderboard");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Get ready: Question 4 of 6/);
  await showQuestionNow(host);

  // Q4, ordering: Ada drags the bottom item to the top, then taps pairs to swap the rest into order.
  const wanted = ["one", "two", "three", "four"];
  await Promise.all([waitForQuestion(ada, 3, "order"), waitForQuestion(ben, 3, "order")]);
  await snap(host, "host-q4-ordering");
  const dealt = await shownOrder(ada, 4);
  expect([...dealt].sort()).toEqual([...wanted].sort());
  const slotPitch = (await targetBox(ada, "item-1")).y - (await targetBox(ada, "item-0")).y;
  await dragTarget(ada, "item-3", -3 * slotPitch);
  await ada.waitForFunction(
    (label) =>
      (window as unknown as { __handsup: { target(id: string): { label: string } | undefined } }).__handsup.target(
        "item-0",
      )?.label === label,
    dealt[3],
  );
  expect(await shownOrder(ada, 4)).toEqual([dealt[3], dealt[0], dealt[1], dealt[2]]);
  const firstWrong = (await shownOrder(ada, 4)).findIndex((item, slot) => item !== wanted[slot]);
  if (firstWrong >= 0) {
    await press(ada, `item-${firstWrong}`); // picked: drawn highlighted until the second tap
    await ada.waitForTimeout(100);
    await snap(ada, "phone-q4-ordering-picked");
    await press(ada, `item-${firstWrong}`); // a second tap on the same item puts it back
  }
  await tapIntoOrder(ada, wanted);
  expect(await shownOrder(ada, 4)).toEqual(wanted);
  await snap(ada, "phone-q4-ordering-sorted");
  await press(ada, "submit");
  const benOrder = await shownOrder(ben, 4);
  if (benOrder.join() === wanted.join()) await tapIntoOrder(ben, [wanted[1]!, wanted[0]!, ...wanted.slice(2)]);
  await press(ben, "submit");
  expect(await waitForLive(ada, /^Correct!/)).toBe(
    "Correct! +1000 points. You answered: one, two, three, four. You're 1st with 4000 points. One, two, three, four.",
  );
  expect(await waitForLive(ben, /^Not quite/)).toMatch(
    /^Not quite\. No points this time\. You answered: .*\. Answer: .*one.*two.*three.*four/,
  );
  await snap(host, "host-q4-reveal-ordering");
  await nextQuestion(host, 5);

  // Q5, type the answer. Ben's phone loses its network first: "Reconnecting…", then back in the game.
  await Promise.all([waitForQuestion(ada, 4, "text"), waitForQuestion(ben, 4, "text")]);
  await snap(host, "host-q5-type-answer");
  await ben.context().setOffline(true);
  await ben.waitForSelector("#banner:not([hidden])", { timeout: 20_000 });
  expect(await ben.locator("#banner").textContent()).toBe("Reconnecting…");
  await snap(ben, "phone-reconnecting");
  await ben.context().setOffline(false);
  await ben.waitForSelector("#banner", { state: "hidden", timeout: 20_000 });
  await waitForQuestion(ben, 4, "text");
  await ada.fill("#answer-field", "pacific ocean");
  await snap(ada, "phone-q5-type-answer");
  await ada.click("#answer-submit");
  await answer(ben, "Atlantic");
  expect(await waitForLive(ada, /^Correct!/)).toBe(
    "Correct! +1000 points. You answered: pacific ocean. You're 1st with 5000 points. The Pacific is the largest ocean.",
  );
  expect(await waitForLive(ben, /^Not quite/)).toContain("Answer: Pacific");

  // The teacher's page reloads at the reveal: it rejoins with its host key and keeps the game.
  const revealSaid = await waitForLive(host, /^Answer: /);
  await host.reload();
  expect(await waitForLive(host, /^Answer: /)).toBe(revealSaid);
  expect(await host.title()).toBe(`Hands Up — ${code}`);
  expect(await host.locator("#create-game").count()).toBe(0);
  await nextQuestion(host, 6);

  // Q6, multi-select ("choose all that apply"): pick 2 and 7, then Submit. Ben picks only 2.
  const q6 = await waitForQuestion(ada, 5, "multi");
  await waitForQuestion(ben, 5, "multi");
  expect((await targetBox(ada, "submit")).label).toBe("Pick one or more");
  await press(ada, `option-${q6.options.indexOf("2")}`);
  await press(ada, `option-${q6.options.indexOf("7")}`);
  await ada.waitForFunction(
    () =>
      (window as unknown as { __handsup: { target(id: string): { label: string } | undefined } }).__handsup.target(
        "submit",
      )?.label === "Submit 2 answers",
  );
  await snap(ada, "phone-q6-multi-selected");
  await snap(host, "host-q6-multi");
  await press(ada, "submit");
  await press(ben, `option-${q6.options.indexOf("2")}`);
  await press(ben, "submit");
  expect(await waitForLive(ada, /^Correct!/)).toBe(
    "Correct! +1000 points. You answered: 2 and 7. You're 1st with 6000 points. 2 and 7 are prime.",
  );
  expect(await waitForLive(ben, /^Not quite/)).toContain("Answer: 2");
  await snap(host, "host-q6-reveal-multi");

  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.getByRole("button", { name: "Podium" }).click();
  expect(await waitForLive(host, /^Podium: /)).toMatch(/^Podium: 1\. Ada 6000 points, 2\. (Ben|Dee) 0 points/);
  expect(await waitForLive(ada, /^You finished/)).toBe("You finished 1st! 6000 points. 5 of 5 right.");
  await host.waitForTimeout(2000); // the podium rises
  await snap(host, "host-podium");
  await snap(ada, "phone-podium");
  await host.getByRole("button", { name: "End game" }).click();
  await waitForLive(host, /^Game over: /);
  await waitForLive(ada, /Thanks for playing!$/);
  await snap(host, "host-ended");
  await snap(ada, "phone-ended");
}, 240_000);
