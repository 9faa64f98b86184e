import { expect, test } from "vitest";
import { hostGame } from "./game-flow.ts";
import { phone, snap, useStage, waitForLive } from "./harness.ts";

const stage = useStage();

test("the join form works before Phaser has arrived, and what was typed survives the switch to the game", async () => {
  const { code } = await hostGame(stage, { tags: "beria", questions: 1, mode: "everyone" });
  const page = await (await phone(stage.browser)).newPage();
  // Hold Phaser back, as slow school Wi-Fi would: the page must not wait for it to show the form.
  let releasePhaser: () => void = () => {};
  const phaserHeld = new Promise<void>((resolve) => {
    releasePhaser = resolve;
  });
  let phaserRequests = 0;
  await page.route(/\/assets\/phaser-[^/]+\.js$/, async (route) => {
    phaserRequests++;
    await phaserHeld;
    await route.continue();
  });
  await page.goto(stage.server.url);

  await page.locator("#boot-code").pressSequentially(code.toLowerCase());
  expect(await page.inputValue("#boot-code")).toBe(code);
  await page.locator("#boot-name").pressSequentially("Ada");
  await page.click("#boot-button");
  expect(await page.textContent("#boot-button")).toBe("Joining…");
  await snap(page, "phone-boot-form-joining");
  // Phaser was asked for (prefetched while the student typed) but has not run: the game's form is not there.
  expect(phaserRequests).toBeGreaterThan(0);
  expect(await page.locator("#game #join-code").count()).toBe(0);

  releasePhaser();
  await waitForLive(page, /You're in|in the game/i, 30_000);
  expect(await page.locator("#boot-code").count()).toBe(0);
  expect(await page.title()).toBe("Hands Up — Ada");
  await snap(page, "phone-boot-joined");
});
