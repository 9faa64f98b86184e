import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, waitForQuestion } from "./game-flow.ts";
import { snap, useStage, waitForLive } from "./harness.ts";

const stage = useStage();

/** The right answers of the bank's questions tagged "beria": which two a game draws depends on its seed. */
const BERIA_ANSWERS = [
  "Beria",
  "A reunified, neutral Germany",
  "Soviet repression of anti-communist protests in East Germany",
];

/** Both phones answer question `index` right (the question closes once all have answered); returns their totals. */
async function bothAnswerRight(phones: readonly Page[], index: number): Promise<number[]> {
  for (const phone of phones) {
    const view = await waitForQuestion(phone, index);
    const right = BERIA_ANSWERS.find((text) => view.options.includes(text));
    expect(right, `a right answer among ${JSON.stringify(view.options)}`).toBeDefined();
    await answer(phone, right as string);
  }
  const totals: number[] = [];
  for (const phone of phones) {
    const said = await waitForLive(phone, /^Correct!/, 30_000);
    totals.push(Number(/with (\d+) points/.exec(said)?.[1]));
  }
  return totals;
}

/** What the banner across the top says ("" when hidden). */
async function bannerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const banner = document.getElementById("banner");
    return banner && !banner.hidden ? (banner.textContent ?? "") : "";
  });
}

test("the teacher page and two phones ride out a server crash mid-question and finish the game", async () => {
  const { host, code } = await hostGame(stage, { tags: "beria", questions: 2, mode: "everyone", timeLimitSec: 90 });
  const [ada, ben] = await joinPhones(stage, code, ["Ada", "Ben"]);
  await host.getByRole("button", { name: "Start" }).click();

  const [adaAfterOne = 0] = await bothAnswerRight([ada, ben], 0);
  await waitForLive(host, /^Answer: /);
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");
  await waitForQuestion(ada, 1);
  await waitForQuestion(ben, 1);

  // Each page notes when its "Reconnecting…" banner shows, so the test can wait for it to show and then go.
  for (const page of [ada, ben, host]) {
    await page.evaluate(() => {
      const w = window as unknown as { __sawBanner?: string };
      const check = () => {
        const banner = document.getElementById("banner");
        if (banner && !banner.hidden && banner.textContent) w.__sawBanner = banner.textContent;
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
  }

  // The laptop crashes with question 2 open; nobody touches a page while it comes back.
  const { listeningAfterMs } = await stage.server.crashAndRestart();
  const back = Date.now();
  for (const page of [ada, ben, host]) {
    await page.waitForFunction(
      () =>
        (window as unknown as { __sawBanner?: string }).__sawBanner !== undefined &&
        document.getElementById("banner")?.hidden !== false,
      undefined,
      { timeout: 45_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { __sawBanner?: string }).__sawBanner)).toMatch(
      /Reconnecting|connection|lost/i,
    );
  }
  console.log(`server listening ${listeningAfterMs} ms after the kill; pages back ${Date.now() - back} ms later`);
  expect(await bannerText(ada)).toBe("");

  // The same question is still open on both phones; both answer it and the game ends on the podium.
  const [adaTotal = 0] = await bothAnswerRight([ada, ben], 1);
  expect(adaTotal).toBeGreaterThan(adaAfterOne);
  await snap(ada, "phone-after-server-restart");
  await waitForLive(host, /^Answer: /, 30_000);
  await snap(host, "projector-after-server-restart");
  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");
  await waitForLive(host, /Podium|podium/, 30_000);
  await waitForLive(ada, new RegExp(`${adaTotal} points`), 30_000);
});
