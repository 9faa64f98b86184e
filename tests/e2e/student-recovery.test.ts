import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, waitForQuestion } from "./game-flow.ts";
import { openPhone, snap, useStage, viewOf, waitForLive } from "./harness.ts";

const stage = useStage();

/** The right answers of the bank's questions tagged "beria": which two a game draws depends on its seed. */
const BERIA_ANSWERS = [
  "Beria",
  "A reunified, neutral Germany",
  "Soviet repression of anti-communist protests in East Germany",
];
const rightAnswer = (options: readonly string[]) => {
  const found = BERIA_ANSWERS.find((text) => options.includes(text));
  expect(found, `a right answer among ${JSON.stringify(options)}`).toBeDefined();
  return found as string;
};

test("a student page reloaded mid-question comes straight back with its name and score", async () => {
  const { host, code } = await hostGame(stage, { tags: "beria", questions: 2, mode: "everyone" });
  const [ada] = await joinPhones(stage, code, ["Ada"]);
  await host.getByRole("button", { name: "Start" }).click();

  const firstQuestion = await waitForQuestion(ada, 0);
  await answer(ada, rightAnswer(firstQuestion.options));
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
  await answer(ada, rightAnswer(back.options));
  const said = await waitForLive(ada, /^Correct!/);
  const points = Number(/^Correct! \+(\d+) points/.exec(said)![1]);
  expect(said).toContain(`You're 1st with ${scoreAfterOne + points} points`);
});

test("a wrong code shows the error and keeps the typed name", async () => {
  const dora = await openPhone(stage);
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
