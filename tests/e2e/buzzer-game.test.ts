import { expect, test } from "vitest";
import { answer, hostGame, joinPhones, waitForQuestion } from "./game-flow.ts";
import { liveText, press, snap, useStage, viewOf, waitForLive, waitForView } from "./harness.ts";

const stage = useStage();

// Bank order with the "khrushchev" tag: a typed answer ("Peaceful Coexistence"), then a multiple choice (Khrushchev).
test("a whole 2-question buzzer game: buzz, the first answers, the teacher marks a spoken answer", async () => {
  const { host, code } = await hostGame(stage, {
    tags: "khrushchev",
    questions: 2,
    mode: "buzzer",
    answerWindowSec: 30, // a busy machine must not run out the turn while the test takes its screenshots
  });
  const [ada, ben] = await joinPhones(stage, code, ["Ada", "Ben"]);
  await host.keyboard.press("Enter"); // Enter starts the game too
  expect(await waitForLive(ada, /^Get ready!/)).toBe("Get ready! Question 1 of 2. Buzzer round: be the first to buzz!");

  // Question 1: Ada buzzes first, then Ben (with the space bar); Ada types the answer.
  await Promise.all([waitForQuestion(ada, 0, "buzz"), waitForQuestion(ben, 0, "buzz")]);
  await snap(ada, "phone-buzzer-q1-buzz");
  await press(ada, "buzz");
  await ben.waitForTimeout(150);
  await ben.keyboard.press("Space");
  await waitForView(ada, `v.status === "You're first — answer now!" && v.controls === "text"`);
  await waitForView(ben, `v.status === "Ada is answering — you're next"`);
  expect(await waitForLive(host, /is answering$/)).toBe("Ada is answering");
  const queue = await viewOf<{ buzzQueue: { name: string; gapMs: number; status: string }[] }>(host);
  expect(queue.buzzQueue.map((b) => [b.name, b.status])).toEqual([
    ["Ada", "answering"],
    ["Ben", "waiting"],
  ]);
  expect(queue.buzzQueue[1]!.gapMs).toBeGreaterThan(0);
  await snap(host, "host-buzzer-q1-answering");
  await snap(ada, "phone-buzzer-q1-first");
  await snap(ben, "phone-buzzer-q1-other-answering");
  await answer(ada, "Peaceful Coexistence");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct! \+\d+ points/);
  expect(await waitForLive(host, /^Answer: /)).toBe(
    "Answer: Peaceful Coexistence. 1 of 2 answered, 1 correct, 1 no answer.",
  );
  await snap(host, "host-buzzer-q1-reveal");

  await host.keyboard.press("Space"); // leaderboard
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space"); // next question
  await Promise.all([waitForQuestion(ada, 1, "buzz"), waitForQuestion(ben, 1, "buzz")]);

  // Question 2: Ben buzzes first and says the wrong answer aloud; the teacher marks it; Ada is next.
  await press(ben, "buzz");
  await ada.waitForTimeout(150);
  await press(ada, "buzz");
  await waitForLive(host, /^Ben is answering$/);
  await host.getByRole("button", { name: "Wrong" }).click();
  // Ada was second to buzz: "your turn", not "first".
  await waitForView(ada, `v.status === "Your turn — answer now!" && v.controls === "choice"`);
  await snap(ada, "phone-buzzer-q2-first");
  await snap(ben, "phone-buzzer-q2-wrong-waiting");
  await snap(host, "host-buzzer-q2-second-answering");
  await answer(ada, "Khrushchev");
  expect(await waitForLive(ada, /^Correct!/)).toMatch(/^Correct!/);
  expect(await waitForLive(ben, /^Not quite/)).toContain("Answer: Khrushchev");
  expect(await liveText(host)).toBe("Answer: Khrushchev. 2 of 2 answered, 1 correct, 0 no answer.");
  await snap(host, "host-buzzer-q2-reveal");

  await host.keyboard.press("Space");
  await waitForLive(host, /^Leaderboard/);
  await host.keyboard.press("Space");
  expect(await waitForLive(host, /^Podium: /)).toMatch(
    /^Podium: 1\. Ada \d+ points, 2\. Ben -?\d+ points\. 2 questions played\.$/,
  );
  expect(await waitForLive(ada, /^You finished 1st!/)).toMatch(/^You finished 1st! \d+ points\. 2 of 2 right\.$/);
});
