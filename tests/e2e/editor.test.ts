import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { expect, test } from "vitest";
import { answer, fillCreateForm, joinPhones, waitForQuestion } from "./game-flow.ts";
import { openHost, press, snap, targetBox, useStage, waitForLive } from "./harness.ts";

// The teacher's banks folder for this file: a copy of the room-test bank, so the create page has one to start with.
const banksDir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-e2e-banks-"));
fs.copyFileSync(
  path.resolve(import.meta.dirname, "..", "fixtures", "room-banks", "room-test.yaml"),
  path.join(banksDir, "room-test.yaml"),
);
const stage = useStage(() => ({ BANKS_DIR: banksDir }));

async function openEditor(size = { width: 1366, height: 768 }): Promise<Page> {
  const context = await stage.browser.newContext({ viewport: size, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${stage.server.url}/edit`);
  return page;
}

/** The nth text box of a list field (options, accepted answers, items), filled. */
async function fillList(page: Page, key: "options" | "accepted" | "items", values: string[]): Promise<void> {
  for (const [i, value] of values.entries()) {
    if ((await page.locator(`.${key}-input`).count()) <= i) await page.click(`#add-${key}`);
    await page.locator(`.${key}-input`).nth(i).fill(value);
  }
}

async function addQuestion(page: Page, type: string, prompt: string, explanation: string): Promise<void> {
  await page.selectOption("#new-question-type", type);
  await page.click("#add-question");
  await page.fill("#question-prompt", prompt);
  await page.fill("#question-explanation", explanation);
}

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

test("a teacher writes a bank with every question type and a picture, plays it with two phones, then imports a spreadsheet", async () => {
  const editor = await openEditor();
  await editor.click("#new-bank");
  await editor.fill("#dialog-text", "Editor test quiz");
  await editor.click("#dialog-ok");
  await editor.waitForSelector("#question-prompt");
  expect(await editor.textContent("#save-status")).toMatch(/problems? to fix before saving/);

  // Q1, multiple choice with maths and a picture. Validation as you type, with content:check's words at the field.
  await editor.fill("#question-prompt", "What is $2+2$?");
  await fillList(editor, "options", ["4", "4"]);
  expect(await editor.textContent('[data-path="questions[0].options[1]"] .field-error')).toBe(
    '"4" appears twice in the options (also at options[0]); each must be different',
  );
  await fillList(editor, "options", ["4", "3", "5"]);
  expect(await editor.locator('[data-path="questions[0].options[1]"] .field-error').count()).toBe(0);
  await editor.locator(".correct-box").nth(0).check();
  await editor.fill("#question-explanation", "Two and two make four.");
  await editor.locator(".settings summary").click();
  await editor.fill("#time-limit", "3");
  expect(await editor.textContent('[data-path="questions[0].timeLimitSec"] .field-error')).toBe("must be at least 5");
  await editor.fill("#time-limit", "");
  // The preview typesets the maths on both screens.
  expect(await editor.locator(".preview-projector .p-prompt .katex").count()).toBe(1);
  expect(await editor.locator(".preview-phone .ph-prompt .katex").count()).toBe(1);

  const picture = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#2a7fd4" } })
    .png()
    .toBuffer();
  await editor.setInputFiles("#image-file", { name: "Blue square.png", mimeType: "image/png", buffer: picture });
  await editor.waitForSelector("#image-alt");
  expect(await editor.textContent('[data-path="questions[0].image.alt"] .field-error')).toMatch(/empty|required/);
  await editor.fill("#image-alt", "A plain blue rectangle");
  await editor.waitForFunction(() => {
    const image = document.querySelector<HTMLImageElement>(".preview-projector .p-image");
    return image?.complete && image.naturalWidth === 1600;
  });

  await addQuestion(editor, "true-false", "The Moon orbits the Earth.", "It takes about 27 days.");
  await addQuestion(editor, "type-answer", "What is the capital of France?", "Paris is the capital.");
  await fillList(editor, "accepted", ["Paris"]);
  await addQuestion(editor, "numeric", "How many legs has a spider?", "Spiders have eight legs.");
  await editor.fill("#numeric-correct", "8");
  await addQuestion(editor, "ordering", "Put these numbers in order, smallest first.", "One, two, three.");
  await fillList(editor, "items", ["one", "two", "three"]);
  expect(await editor.textContent("#save-status")).toBe("Unsaved changes");
  await snap(editor, "editor-1366x768");
  await editor.setViewportSize({ width: 1920, height: 1080 });
  await editor.locator("#question-list .question-pick").nth(0).click();
  await editor.waitForSelector(".preview-projector .p-image");
  await snap(editor, "editor-1920x1080");

  await editor.click("#save-bank");
  expect(
    await editor.waitForFunction(() => document.getElementById("save-status")?.textContent?.startsWith("Saved")),
  ).toBeTruthy();
  expect(await editor.textContent("#save-status")).toBe(
    "Saved to editor-test-quiz.yaml. It is playable in the next game.",
  );
  const yaml = fs.readFileSync(path.join(banksDir, "editor-test-quiz.yaml"), "utf8");
  expect(yaml).toMatch(/^id: editor-test-quiz\ntitle: Editor test quiz\nquestions:\n {2}- id: q-1\n/);
  expect(yaml).toContain("    options: [4, 3, 5]\n    correct: 4\n");

  // Play it: the create page offers the new bank without a restart.
  const host = await openHost(stage);
  await fillCreateForm(host, { tags: "", questions: 5, mode: "everyone", timeLimitSec: 30, bonuses: false });
  await host.locator('input[name="bank"][value="room-test"]').uncheck();
  await host.locator('input[name="bank"][value="editor-test-quiz"]').check();
  expect(await host.locator("#edit-banks").getAttribute("href")).toBe("/edit");
  await host.click("#create-game");
  const live = await waitForLive(host, /^Lobby: code [A-Z0-9]{6}\./);
  const code = live.slice("Lobby: code ".length, "Lobby: code ".length + 6);
  const [ada, ben] = await joinPhones(stage, code, ["Ada", "Ben"]);
  await waitForLive(host, /2 players joined: Ada, Ben\.$/);
  await host.getByRole("button", { name: "Start" }).click();

  const next = async (number: number) => {
    await host.keyboard.press("Space");
    await waitForLive(host, /^Leaderboard/);
    await host.keyboard.press("Space");
    // The get-ready countdown opens the question by itself (clicking "Show question now" could race it).
    await waitForLive(host, new RegExp(`^Get ready: Question ${number} of 5`));
  };

  await waitForQuestion(ada, 0, "choice");
  await waitForQuestion(ben, 0, "choice");
  await answer(ada, "4");
  await answer(ben, "5");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!.*\+1000 points.*You're 1st with 1000 points/s);
  await waitForLive(ben, /^Not quite/);
  await next(2);

  await waitForQuestion(ada, 1, "boolean");
  await waitForQuestion(ben, 1, "boolean");
  await answer(ada, "True");
  await answer(ben, "False");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!.*\+1000 points.*You're 1st with 2000 points/s);
  await next(3);

  await waitForQuestion(ada, 2, "text");
  await waitForQuestion(ben, 2, "text");
  await answer(ada, "paris");
  await answer(ben, "Lyon");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!.*\+1000 points.*You're 1st with 3000 points/s);
  await next(4);

  await waitForQuestion(ada, 3, "number");
  await waitForQuestion(ben, 3, "number");
  await answer(ada, "8");
  await answer(ben, "6");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!.*\+1000 points.*You're 1st with 4000 points/s);
  await next(5);

  await waitForQuestion(ada, 4, "order");
  await waitForQuestion(ben, 4, "order");
  await tapIntoOrder(ada, ["one", "two", "three"]);
  await press(ada, "submit");
  const benOrder = await shownOrder(ben, 3);
  if (benOrder.join() === "one,two,three") await tapIntoOrder(ben, ["two", "one", "three"]);
  await press(ben, "submit");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!.*\+1000 points.*You're 1st with 5000 points/s);
  expect(await waitForLive(ben, /^Not quite/)).toMatch(/You're 2nd with 0 points/);
  await host.context().close();
  await ada.context().close();
  await ben.context().close();

  // Back in the editor: add questions from a spreadsheet; the rejected rows are listed by number.
  await editor.reload();
  await editor.waitForSelector("#import-into-bank");
  const csv = [
    ",Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,Answer 3 - max 75 characters,Answer 4 - max 75 characters,Time limit (sec),Correct answer(s) - choose at least one",
    "1,Largest planet?,Jupiter,Mars,Venus,,20,1",
    "2,Only one answer here,Alone,,,,20,1",
    '3,Which are even?,2,3,4,,20,"1,3"',
    "4,Correct answer out of range,A,B,,,20,5",
  ].join("\n");
  const chooser = editor.waitForEvent("filechooser");
  await editor.click("#import-into-bank");
  await (await chooser).setFiles({ name: "planets.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await editor.waitForSelector("#import-report");
  expect(await editor.locator("#rejected-rows li").allTextContents()).toEqual([
    "row 3: needs at least 2 answers, found 1",
    "row 5: correct answer 5 but only 2 answers given",
  ]);
  expect(await editor.locator("#question-list .q-text").allTextContents()).toEqual([
    "What is 2+2?",
    "The Moon orbits the Earth.",
    "What is the capital of France?",
    "How many legs has a spider?",
    "Put these numbers in order, smallest first.",
    "Largest planet?",
    "Which are even?",
  ]);
  await snap(editor, "editor-imported-1920x1080");
  // Imported questions are saved like any other (an empty explanation is the teacher's to fill in).
  for (const index of [5, 6]) {
    await editor.locator("#question-list .question-pick").nth(index).click();
    await editor.fill("#question-explanation", "Added after the import.");
  }
  await editor.click("#save-bank");
  await editor.waitForFunction(() => document.getElementById("save-status")?.textContent?.startsWith("Saved"));
  expect(fs.readFileSync(path.join(banksDir, "editor-test-quiz.yaml"), "utf8")).toContain(
    "  - id: q-002\n    type: multiple-choice\n    prompt: Which are even?\n    options: [2, 3, 4]\n    correct: [2, 4]\n",
  );
}, 240_000);

test("a broken bank file is reported on the editor and the create page; the other banks still play", async () => {
  fs.writeFileSync(path.join(banksDir, "broken.yaml"), "id: broken\ntitle: Broken\nquestions: [\n");
  const editor = await openEditor();
  await editor.waitForSelector("#bank-problems");
  expect(await editor.textContent("#bank-problems h3")).toBe("broken.yaml Open to fix");
  const host = await openHost(stage);
  await host.waitForFunction(() => document.getElementById("bank-problems")?.textContent?.includes("broken.yaml"));
  expect(await host.textContent("#bank-problems")).toBe(
    " Not offered until fixed: broken.yaml (open the editor to see what is wrong).",
  );
  const offered = await host
    .locator('input[name="bank"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(offered).toContain("room-test");
  expect(offered).not.toContain("broken");
  await editor.context().close();
  await host.context().close();
});

test("a student's phone on the network cannot open the editor", async () => {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
  const phonePage = await (await stage.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  // From the network (or, where this machine has no network address, through a proxy that forwards a LAN client).
  if (lan) await phonePage.goto(`${stage.server.url.replace("127.0.0.1", lan)}/edit`);
  else {
    await phonePage.setExtraHTTPHeaders({ "x-forwarded-for": "192.168.1.50" });
    await phonePage.goto(`${stage.server.url}/edit`);
  }
  await phonePage.waitForSelector("#refusal");
  expect(await phonePage.textContent(".refusal-reason")).toMatch(
    /^Banks can only be edited on the computer running Hands Up/,
  );
  await snap(phonePage, "editor-refused-phone");
  await phonePage.context().close();
});

test("a teacher whose bank was changed elsewhere is told, and nothing is overwritten", async () => {
  const file = path.join(banksDir, "room-test.yaml");
  const editor = await openEditor();
  await editor.goto(`${stage.server.url}/edit#bank=room-test`);
  await editor.waitForSelector("#question-prompt");
  await editor.fill("#question-prompt", "What is the capital city of France?");
  // Meanwhile someone edits the file in a text editor.
  const theirs = fs
    .readFileSync(file, "utf8")
    .replace("title: Room test bank", "title: Room test bank (edited by hand)");
  fs.writeFileSync(file, theirs);
  await editor.click("#save-bank");
  await editor.waitForSelector("#reload-bank");
  expect(await editor.textContent("#save-status")).toBe(
    "Not saved: someone else saved this bank after you opened it (another tab, another teacher, or a text editor). " +
      "Copy anything you need, reload the bank to see their version, and make your change again. Open the saved version",
  );
  expect(fs.readFileSync(file, "utf8")).toBe(theirs);
  await editor.click("#reload-bank");
  await editor.waitForFunction(
    () => document.getElementById("bank-heading")?.textContent === "Room test bank (edited by hand)",
  );
  expect(await editor.inputValue("#question-prompt")).toBe("What is the capital of France?");
  await editor.context().close();
});
