import { Client, type Room } from "@colyseus/sdk";
import { expect, test } from "vitest";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import { hostGame, joinPhones, waitForQuestion } from "./game-flow.ts";
import { snap, useStage, viewOf, waitForLive, waitForView } from "./harness.ts";

const stage = useStage();

/**
 * A race too close to call, in the browser: a phone that never answers clock pings (so the server cannot know when
 * it pressed: its margin is the class's longest plausible trip) buzzes just before Ada. The projector shows the
 * margin beside the gap and "photo finish"; Ada's phone says she lost a photo finish, not merely that she was second.
 */
test("photo finish: the projector says it cannot tell, and the phone that lost says so", async () => {
  const { host, code } = await hostGame(stage, { tags: "khrushchev", questions: 1, mode: "buzzer" });
  const [ada] = await joinPhones(stage, code, ["Ada"]);
  const bot = (await new Client(stage.server.url).joinById(code, { name: "Zed" })) as unknown as Room<
    unknown,
    QuizState
  >;
  bot.onMessage("*", () => {}); // answers no pings: no clock estimate
  try {
    await host.keyboard.press("Enter");
    await waitForQuestion(ada, 0, "buzz");
    // Zed buzzes and Ada presses (the space bar) straight after: a few ms apart, well inside Zed's margin.
    bot.send("buzz" as never, { questionIndex: 0, pressedAt: Date.now() } as never);
    await ada.keyboard.press("Space");
    const line = await waitForLive(host, /^Photo finish.* is answering$/);
    expect(line).toMatch(/^Photo finish — \d+ ms, within the margin \(±\d+ ms\)\. (Zed|Ada) is answering$/);
    const view = await viewOf<{ buzzQueue: { name: string; marginMs: number; contender: boolean }[] }>(host);
    expect(view.buzzQueue.map((b) => b.contender)).toEqual([true, true]);
    expect(view.buzzQueue[1]!.marginMs).toBeGreaterThan(600); // Zed's unknown trip: the class ceiling
    // Zed is credited at arrival; Ada at her own stamp, which usually comes a few ms later. Either way the phone
    // that lost says it was a photo finish.
    const first = view.buzzQueue[0]!.name;
    await waitForView(
      ada,
      first === "Zed"
        ? `v.status === "Photo finish — too close to call. Zed answers first"`
        : `v.status === "You're first — answer now!"`,
    );
    await snap(ada, first === "Zed" ? "phone-lost-photo-finish" : "phone-won-photo-finish");
    await snap(host, "host-photo-finish");
  } finally {
    await bot.leave().catch(() => undefined);
  }
});
