import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { answer, createGameViaForm, joinAs, waitForQuestion } from "./game-flow.ts";
import { liveText, openHost, phone, snap, useStage, viewOf, waitForLive } from "./harness.ts";

const stage = useStage();

// Bank order with the "leadership" tag gives: a typed answer ("Peaceful Coexistence"), then two
// multiple-choice questions whose answers are Beria and Malenkov.
const ANSWERS = ["Peaceful Coexistence", "Beria", "Malenkov"];
const WRONG = ["Detente", "Malenkov", "Beria"];

test("a teacher and three students play a whole 3-question everyone game", async () => {
  const host = await openHost(stage);
  expect(await host.title()).toBe("Hands Up — new game");
  await snap(host, "host-01-create");
  const code = await createGameViaForm(host, { tags: "leadership", questions: 3, mode: "everyone" });
  expect(await host.title()).toBe(`Hands Up — ${code}`);

  // Ada and Ben type the code; Cy (a small phone) follows the QR code's link.
  const ada = await (await phone(stage.browser)).newPage();
  const ben = await (await phone(stage.browser)).newPage();
  const cy = await (await phone(stage.browser, { width: 360, height: 640 })).newPage();
  const qrUrl = await host.getAttribute("#join-qr", "data-url");
  expect(qrUrl).toMatch(new RegExp(`^http://[^/]+/\\?code=${code}$`));
  expect(await host.getAttribute("#join-qr", "src")).toMatch(/^data:image\/png;base64,/);
  await Promise.all([ada.goto(stage.server.url), ben.goto(stage.server.url), cy.goto(qrUrl!)]);
  expect(await cy.inputValue("#join-code")).toBe(code);
  await snap(ada, "phone-01-join");
  await joinAs(ada, code, "Ada");
  await joinAs(ben, code, "Ben");
  await joinAs(cy, code, "Cy");
  await waitForLive(host, /3 players joined: /);
  expect(await liveText(host)).toBe(`Lobby: code ${code}. 3 players joined: Ada, Ben, Cy.`);
  // Player counts reach the screens at most every 250 ms, so the phone may show the third player a moment later.
  expect(await waitForLive(cy, /3 players in the game/)).toBe(
    "You're in! Your nickname is Cy. 3 players in the game. Watch the board: the teacher starts soon.",
  );
  await snap(host, "host-02-lobby");
  await snap(cy, "phone-02-lobby-360x640");

  await host.getByRole("button", { name: "Start" }).click();
  await waitForLive(ada, /^Get ready! Question 1 of 3/);
  await snap(ada, "phone-03-get-ready");

  for (let q = 0; q < 3; q++) {
    const [adaView] = await Promise.all([waitForQuestion(ada, q), waitForQuestion(ben, q), waitForQuestion(cy, q)]);
    await waitForLive(host, new RegExp(`^Question ${q + 1} of 3: `));
    if (q === 0) expect(adaView.controls).toBe("text");
    else expect(adaView.controls).toBe("choice");
    if (q === 0) await snap(ada, "phone-q1-question-text");
    if (q === 1) await snap(cy, "phone-q2-question-360x640");
    await answer(ada, ANSWERS[q]!);
    await answer(ben, WRONG[q]!);
    await waitForLive(ada, /Answer sent\. Waiting for others\./);
    await waitForLive(host, /Question/); // the count is drawn; the live region keeps the prompt
    if (q < 2) await snap(host, `host-q${q + 1}-question`);
    await host.getByRole("button", { name: "Reveal now" }).click();

    const adaSays = await waitForLive(ada, /^Correct!/);
    expect(adaSays).toMatch(/^Correct! \+\d+ points/);
    expect(await waitForLive(ben, /^Not quite/)).toContain(`Answer: ${ANSWERS[q]}`);
    expect(await waitForLive(cy, /^Time's up/)).toContain("No answer sent");
    expect(await waitForLive(host, /^Answer: /)).toBe(
      `Answer: ${ANSWERS[q]}. 2 of 3 answered, 1 correct, 1 no answer.`,
    );
    if (q < 2) await snap(host, `host-q${q + 1}-reveal`);
    if (q === 1) await snap(ada, "phone-q2-reveal-correct");
    if (q === 1) await snap(ben, "phone-q2-reveal-wrong");

    await host.keyboard.press("Space"); // space = next: the leaderboard
    await waitForLive(host, /^Leaderboard after question/);
    if (q === 1) {
      await host.waitForTimeout(1300); // rows slide into place
      await snap(host, "host-q2-leaderboard");
    }
    const board = await viewOf<{ rows: { name: string; rank: number }[] }>(host);
    expect(board.rows[0]).toMatchObject({ name: "Ada", rank: 1 });
    await host.getByRole("button", { name: q === 2 ? "Podium" : "Next question" }).click();
  }

  const podium = await waitForLive(host, /^Podium: /);
  expect(podium).toMatch(/^Podium: 1\. Ada \d+ points/);
  const adaScore = Number(/^Podium: 1\. Ada (\d+) points/.exec(podium)![1]);
  expect(await waitForLive(ada, /^You finished 1st!/)).toBe(`You finished 1st! ${adaScore} points. 3 of 3 right.`);
  await host.waitForTimeout(2000);
  await snap(host, "host-04-podium");
  await snap(ada, "phone-04-podium");

  const [download] = await Promise.all([
    host.waitForEvent("download"),
    host.getByRole("button", { name: "Download results (CSV)" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  for (const name of ["Ada", "Ben", "Cy"]) expect(csv).toContain(name);

  await host.getByRole("button", { name: "End game" }).click();
  await waitForLive(host, /^Game over: /);
  await waitForLive(ada, /Thanks for playing!/);
});
