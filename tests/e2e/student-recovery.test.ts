import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answer, createGameViaForm, joinAs, waitForQuestion } from "./game-flow.ts";
import {
  ensureClientBuilt,
  launchBrowser,
  phone,
  projector,
  type RunningServer,
  snap,
  startServer,
  viewOf,
  waitForLive,
} from "./harness.ts";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("a student page reloaded mid-question comes straight back with its name and score", async () => {
  const host = await (await projector(browser)).newPage();
  await host.goto(`${server.url}/host`);
  const code = await createGameViaForm(host, { tags: "beria", questions: 2, mode: "everyone" });
  const ada = await (await phone(browser)).newPage();
  await ada.goto(`${server.url}/?code=${code}`);
  await joinAs(ada, code, "Ada");
  await host.getByRole("button", { name: "Start" }).click();

  await waitForQuestion(ada, 0);
  await answer(ada, "Beria");
  const first = /You're 1st with (\d+) points/.exec(await waitForLive(ada, /^Correct!/));
  const scoreAfterOne = Number(first![1]);
  expect(scoreAfterOne).toBeGreaterThan(0);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");

  await waitForQuestion(ada, 1);
  await ada.reload();
  const back = await waitForQuestion(ada, 1);
  expect(back.controls).toBe("choice");
  expect(await ada.title()).toBe("Hands Up — Ada");
  expect(await ada.locator("#join-code").count()).toBe(0); // no join form: straight back in
  await snap(ada, "phone-after-reload");
  await answer(ada, "A reunified, neutral Germany");
  const said = await waitForLive(ada, /^Correct!/);
  const points = Number(/^Correct! \+(\d+) points/.exec(said)![1]);
  expect(said).toContain(`You're 1st with ${scoreAfterOne + points} points`);
});

test("a wrong code shows the error and keeps the typed name", async () => {
  const dora = await (await phone(browser)).newPage();
  await dora.goto(server.url);
  await dora.waitForSelector("#join-code");
  await dora.fill("#join-code", "zzzz22");
  expect(await dora.inputValue("#join-code")).toBe("ZZZZ22");
  await dora.fill("#join-name", "Dora");
  await dora.click("#join-button");
  const said = await waitForLive(dora, /^Could not join/);
  expect(said).toBe("Could not join: No game with that code. Check the code on the board.");
  expect(await dora.locator("#join-error").textContent()).toBe("No game with that code. Check the code on the board.");
  expect(await dora.inputValue("#join-name")).toBe("Dora");
  expect(await dora.inputValue("#join-code")).toBe("ZZZZ22");
  expect((await viewOf<{ scene: string }>(dora)).scene).toBe("StudentJoinScene");
  await snap(dora, "phone-wrong-code");
});
