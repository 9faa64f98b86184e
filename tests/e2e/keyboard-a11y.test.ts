import path from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answerStyle } from "../../client/src/ui/theme.ts";
import { axeViolations } from "./axe.ts";
import {
  answer,
  fillCreateForm,
  joinAs,
  type QuestionViewLike,
  showQuestionNow,
  waitForQuestion,
} from "./game-flow.ts";
import { openHost, openPhone, press, snap, useStage, viewOf, waitForLive } from "./harness.ts";

// The room-test bank: one question of each type, in bank order (Paris, True, 42, one…four, Pacific, 2 and 7).
const ROOM_BANKS = path.resolve(import.meta.dirname, "..", "fixtures", "room-banks");
const stage = useStage(() => ({ BANKS_DIR: ROOM_BANKS }));

/** What a screen reader calls the element with the keyboard focus. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (el.getAttribute("aria-label") ?? label ?? el.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/** Presses Tab until the focused control is called `name` (as a keyboard user would); fails listing what it passed. */
async function tabTo(page: Page, name: string | RegExp, limit = 40): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focusedName(page);
    if (typeof name === "string" ? now === name : name.test(now)) return;
    passed.push(now);
  }
  throw new Error(`Tab never reached ${String(name)}; it passed: ${passed.join(" | ")}`);
}

/** The answer buttons' names as a screen reader hears them: "A, triangle: Paris". */
const optionNames = (options: string[]) =>
  options.map((o, i) => `${answerStyle(i).letter}, ${answerStyle(i).shape}: ${o}`);

/** The accessibility tree of the phone's answer controls. */
function controlsTree(page: Page): Promise<string> {
  return page.getByRole("group", { name: "Answer controls" }).ariaSnapshot();
}

/** The ariaSnapshot (YAML) of a group of buttons: a line holding ": " is quoted, as YAML needs. */
const tree = (buttons: string[]) =>
  [
    `- group "Answer controls":`,
    ...buttons.map((b) => {
      const name = b.replace(/ \[.*$/, "");
      const line = `button ${JSON.stringify(name)}${/ \[.*$/.exec(b)?.[0] ?? ""}`;
      return `  - ${line.includes(": ") ? `'${line}'` : line}`;
    }),
  ].join("\n");

async function expectNoAxeViolations(pages: Record<string, Page>): Promise<void> {
  for (const [name, page] of Object.entries(pages)) {
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  }
}

test("a keyboard-only student plays all five types and a buzzer round; axe finds nothing on any screen", async () => {
  const host = await openHost(stage);
  await fillCreateForm(host, {
    tags: "",
    questions: 6,
    mode: "everyone",
    timeLimitSec: 120, // keyboard steps redraw the phone each time: roomy on a busy machine
    answerWindowSec: 60,
    bonuses: false,
  });
  await expectNoAxeViolations({ "projector: create form": host });
  await snap(host, "kb-host-create");
  // Five everyone questions, then a buzzer round of one.
  await host.click("#add-round");
  await host.locator(".round-count").nth(0).fill("5");
  await host.locator(".round-count").nth(1).fill("1");
  await host.click("#create-game");
  const lobby = await waitForLive(host, /^Lobby: code [A-Z0-9]{6}\./);
  const code = lobby.slice("Lobby: code ".length, "Lobby: code ".length + 6);

  // Kai uses only the keyboard, on a dense phone; Mo taps, on the smallest one.
  const kai = await openPhone(stage, `/?code=${code}`, { width: 390, height: 844 }, 3);
  await kai.waitForSelector("#join-code");
  await expectNoAxeViolations({ "phone: join form": kai });
  await snap(kai, "kb-phone-join-390x844");
  expect(await kai.getByRole("textbox", { name: "Your nickname" }).getAttribute("maxlength")).toBe("20");
  await tabTo(kai, "Game code");
  expect(await kai.inputValue("#join-code")).toBe(code);
  await tabTo(kai, "Your nickname");
  await kai.keyboard.type("Kai");
  await kai.keyboard.press("Enter");
  await waitForLive(kai, /^You're in!/);
  const mo = await openPhone(stage, `/?code=${code}`);
  await joinAs(mo, code, "Mo");
  await waitForLive(host, /2 players joined: Kai, Mo\.$/);
  await expectNoAxeViolations({ "phone: lobby": kai, "projector: lobby": host });
  await snap(kai, "kb-phone-lobby-390x844");

  await host.getByRole("button", { name: "Start" }).click();
  await waitForLive(kai, /^Get ready!/);
  await expectNoAxeViolations({ "phone: get ready": kai, "projector: get ready": host });
  await snap(kai, "kb-phone-get-ready-390x844");
  // (the scan may outlast the 3-second get-ready: the question then opens by itself)

  /** The reveal, the leaderboard, then the next question opened at once; axe on each screen on the way. */
  const onToNext = async (label: string, last = false) => {
    await waitForLive(host, /^Answer: /);
    await expectNoAxeViolations({ [`phone: ${label} reveal`]: kai, [`projector: ${label} reveal`]: host });
    await host.keyboard.press("Space");
    await waitForLive(kai, /^Leaderboard/);
    await expectNoAxeViolations({ "phone: leaderboard": kai, "projector: leaderboard": host });
    await snap(kai, `kb-phone-leaderboard-after-${label.replace(/\W+/g, "-")}-390x844`);
    if (last) return;
    await host.keyboard.press("Space");
    await waitForLive(host, /^Get ready: /);
    await showQuestionNow(host);
  };

  // Q1, multiple choice: every option is a named button; Tab to Paris, Enter.
  // In each question Mo answers first (wrong), so only Kai's own steps race the clock.
  await waitForQuestion(mo, 0, "choice");
  await answer(mo, "Lyon");
  const q1 = await waitForQuestion(kai, 0, "choice");
  expect(await controlsTree(kai)).toBe(tree(["Time left", ...optionNames(q1.options)]));
  await expectNoAxeViolations({ "phone: choice question": kai, "projector: question": host });
  await snap(kai, "kb-phone-q1-choice-390x844");
  await tabTo(kai, optionNames(q1.options)[q1.options.indexOf("Paris")]!);
  await snap(kai, "kb-phone-q1-focus-390x844");
  await kai.keyboard.press("Enter");
  expect(await waitForLive(kai, /^Correct!/)).toBe(
    "Correct! +1000 points. You answered: Paris. You're 1st with 1000 points. Paris is the capital of France.",
  );
  await snap(kai, "kb-phone-q1-reveal-390x844");
  await onToNext("choice");

  // Q2, true/false: the pair are buttons too; Space presses one.
  await waitForQuestion(mo, 1, "boolean");
  await answer(mo, "False");
  await waitForQuestion(kai, 1, "boolean");
  expect(await controlsTree(kai)).toBe(tree(["Time left", "A, triangle: True", "B, diamond: False"]));
  await expectNoAxeViolations({ "phone: true/false question": kai });
  await tabTo(kai, "A, triangle: True");
  await kai.keyboard.press("Space");
  expect(await waitForLive(kai, /^Correct!/)).toMatch(/^Correct! \+1000 points\. You answered: True\./);
  await onToNext("true/false");

  // Q3, numeric: the labelled field, typed and sent with Enter.
  await waitForQuestion(mo, 2, "number");
  await answer(mo, "41");
  await waitForQuestion(kai, 2, "number");
  await expectNoAxeViolations({ "phone: numeric question": kai });
  await tabTo(kai, "Your answer");
  await kai.keyboard.type("42");
  await snap(kai, "kb-phone-q3-numeric-390x844");
  await kai.keyboard.press("Enter");
  expect(await waitForLive(kai, /^Correct!/)).toMatch(/^Correct! \+2000 points\. You answered: 42\./);
  await onToNext("numeric");

  // Q4, ordering: ask for the time, then move each item up with the arrow keys; the focus stays on it.
  await waitForQuestion(mo, 3, "order");
  await snap(mo, "kb-phone-q4-ordering-360x740");
  // Mo taps: a wrong order (the first two swapped if it was dealt right), then Submit.
  const moDealt = (await viewOf<QuestionViewLike>(mo)).options;
  if (moDealt.join() === "one,two,three,four") {
    await press(mo, "item-0");
    await press(mo, "item-1");
    await mo.waitForFunction(
      (label) =>
        (window as unknown as { __handsup: { target(id: string): { label: string } | undefined } }).__handsup.target(
          "item-0",
        )?.label === label,
      moDealt[1],
    );
  }
  await press(mo, "submit");
  const q4 = await waitForQuestion(kai, 3, "order");
  const dealt = q4.options;
  expect(await controlsTree(kai)).toBe(
    tree(["Time left", ...dealt.map((item, slot) => `${slot + 1} of 4: ${item}`), "Submit order"]),
  );
  await expectNoAxeViolations({ "phone: ordering question": kai, "projector: ordering question": host });
  await tabTo(kai, "Time left");
  await kai.keyboard.press("Enter");
  await kai.waitForFunction(() => /^\d+ seconds left\.$/.test(document.getElementById("live-now")?.textContent ?? ""));
  const wanted = ["one", "two", "three", "four"];
  const order = [...dealt];
  for (const [slot, item] of wanted.entries()) {
    const from = order.indexOf(item);
    if (from === slot) continue;
    await tabTo(kai, `${from + 1} of 4: ${item}`);
    for (let at = from; at > slot; at--) {
      await kai.keyboard.press("ArrowUp");
      await kai.waitForFunction(
        (name) => document.activeElement?.getAttribute("aria-label") === name,
        `${at} of 4: ${item}`,
      );
    }
    order.splice(from, 1);
    order.splice(slot, 0, item);
  }
  expect(await controlsTree(kai)).toBe(
    tree(["Time left", ...wanted.map((item, slot) => `${slot + 1} of 4: ${item}`), "Submit order"]),
  );
  await snap(kai, "kb-phone-q4-ordering-390x844");
  await tabTo(kai, "Submit order");
  await kai.keyboard.press("Enter");
  expect(await waitForLive(kai, /^Correct!/)).toMatch(
    /^Correct! \+1000 points\. You answered: one, two, three, four\./,
  );
  await onToNext("ordering");

  // Q5, type the answer.
  await waitForQuestion(mo, 4, "text");
  await answer(mo, "Atlantic");
  await waitForQuestion(kai, 4, "text");
  await tabTo(kai, "Your answer");
  await kai.keyboard.type("Pacific");
  await kai.keyboard.press("Enter");
  expect(await waitForLive(kai, /^Correct!/)).toMatch(/^Correct! \+1000 points\. You answered: Pacific\./);
  await onToNext("type-answer");

  // Q6, the buzzer round: Space on BUZZ, then a multi-select: Space ticks, Enter submits.
  await waitForQuestion(kai, 5, "buzz");
  expect(await controlsTree(kai)).toBe(tree(["Time left", "BUZZ"]));
  await expectNoAxeViolations({ "phone: buzzer": kai, "projector: buzzer question": host });
  await snap(kai, "kb-phone-q6-buzz-390x844");
  await tabTo(kai, "BUZZ");
  await kai.keyboard.press("Space");
  const q6 = await waitForQuestion(kai, 5, "multi");
  expect(q6.status).toBe("You're first — answer now!");
  const names = optionNames(q6.options);
  expect(await controlsTree(kai)).toBe(tree(["Time left", ...names, "Pick one or more [disabled]"]));
  await expectNoAxeViolations({ "phone: buzzer turn": kai, "projector: buzzer turn": host });
  for (const prime of ["2", "7"]) {
    await tabTo(kai, names[q6.options.indexOf(prime)]!);
    await kai.keyboard.press("Space");
    await kai.waitForFunction(() => document.activeElement?.getAttribute("aria-pressed") === "true");
  }
  await snap(kai, "kb-phone-q6-multi-390x844");
  await tabTo(kai, "Submit 2 answers");
  await kai.keyboard.press("Enter");
  expect(await waitForLive(kai, /^Correct!/)).toMatch(/^Correct! \+\d+ points\. You answered: (2 and 7|7 and 2)\./);
  await onToNext("buzzer", true);

  await host.keyboard.press("Space");
  expect(await waitForLive(host, /^Podium: /)).toMatch(
    /^Podium: 1\. Kai \d+ points, 2\. Mo 0 points\. 6 questions played\.$/,
  );
  expect(await waitForLive(kai, /^You finished/)).toMatch(/^You finished 1st! \d+ points\. 6 of 6 right\.$/);
  // Mo finished with nothing: no cheering.
  expect(await waitForLive(mo, /^You finished/)).toBe("You finished 2nd. 0 points. 0 of 6 right.");
  await expectNoAxeViolations({ "phone: podium": kai, "projector: podium": host });
  await snap(kai, "kb-phone-podium-390x844");
  await snap(mo, "kb-phone-podium-360x740");
  await host.getByRole("button", { name: "End game" }).click();
  await waitForLive(kai, /Thanks for playing!/);
  await expectNoAxeViolations({ "phone: game over": kai, "projector: game over": host });
  await snap(kai, "kb-phone-ended-390x844");
  await snap(host, "kb-host-ended");
  const final = await viewOf<QuestionViewLike>(kai);
  expect(final.scene).toBe("StudentResultScene");
}, 360_000);
