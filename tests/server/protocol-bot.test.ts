import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, type Peer, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/** The bot printed in docs/protocol.md, run exactly as a reader would run it. */
const BOT_PATH = path.resolve(import.meta.dirname, "..", "..", "docs", "examples", "bot.ts");
const BOT_NAME = "Robo";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

interface RunningBot {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function runBot(args: string[]): RunningBot {
  const child = spawn(process.execPath, [BOT_PATH, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The bot's entry as the host sees it. */
function botSeen(host: Peer) {
  const found = [...host.state().players.values()].find((player) => player.name === BOT_NAME);
  if (!found) throw new Error(`${BOT_NAME} is not in the game`);
  return found;
}

const signed = (points: number) => (points >= 0 ? `+${points}` : String(points));

describe("docs/examples/bot.ts against a real server", () => {
  it("is printed verbatim in docs/protocol.md", () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "docs", "protocol.md"), "utf8");
    const bot = fs.readFileSync(BOT_PATH, "utf8");
    expect(doc).toContain(`<!-- bot:start -->\n\`\`\`ts\n${bot}\`\`\`\n<!-- bot:end -->`);
  });

  it("joins, buzzes and answers, prints each result and its final rank, and exits when the game ends", async () => {
    // Question 1 (multiple choice) is a buzzer round; 2 (true/false) and 3 (numeric, which the bot skips) are everyone.
    const game = await createGame(srv.url, {
      bankIds: ["room-test"],
      questionCount: 3,
      order: "bank",
      rounds: [
        { mode: "buzzer", questionCount: 1 },
        { mode: "everyone", questionCount: 2 },
      ],
    });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const bot = runBot([srv.url, game.code, BOT_NAME]);
    try {
      await host.waitFor((s) => [...s.players.values()].some((p) => p.name === BOT_NAME), "the bot to join");
      await host.waitFor((s) => s.playerCount === 1, "the player count to include the bot");
      const expectedResults: string[] = [];
      const recordReveal = () => {
        const seen = botSeen(host);
        const state = host.state();
        expectedResults.push(
          `Result Q${state.questionIndex + 1}: ${seen.lastResult} ${signed(seen.lastPoints)} (answer: ${state.reveal.correctText}; score ${seen.score}, rank 1)`,
        );
      };

      // Q1, buzzer: the bot buzzes, gets the turn, answers; right or wrong, nobody is left, so it is revealed.
      host.room.send("startGame" as never);
      await host.waitFor((s) => s.phase === "answering", "the bot's buzzer turn");
      expect(host.state().answeringName).toBe(BOT_NAME);
      await host.waitFor((s) => s.phase === "reveal", "reveal 1");
      expect(host.state().answersIn).toBe(1);
      expect(["correct", "wrong"]).toContain(botSeen(host).lastResult);
      recordReveal();
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 1");
      host.room.send("next" as never);

      // Q2, true/false for everyone: the bot's answer closes the question at once.
      await host.waitFor((s) => s.phase === "question" && s.questionIndex === 1, "question 2");
      await host.waitFor((s) => s.answersIn === 1, "the bot's answer to question 2");
      expect(botSeen(host).answered).toBe(true);
      await host.waitFor((s) => s.phase === "reveal", "reveal 2");
      expect(["correct", "wrong"]).toContain(botSeen(host).lastResult);
      recordReveal();
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 2");
      host.room.send("next" as never);

      // Q3, numeric: the bot skips it; the teacher reveals it and the bot missed it.
      await host.waitFor((s) => s.phase === "question" && s.questionIndex === 2, "question 3");
      await expectEventually(
        () => bot.output().includes("Skipping a numeric question."),
        "the bot to skip the numeric question",
      );
      host.room.send("revealNow" as never);
      await host.waitFor((s) => s.phase === "reveal", "reveal 3");
      expect(botSeen(host).lastResult).toBe("missed");
      expect(host.state().answersIn).toBe(0);
      recordReveal();
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "leaderboard", "leaderboard 3");
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase === "podium", "podium");
      const finalScore = botSeen(host).score;
      await expectEventually(() => bot.output().includes("Final rank:"), "the final rank line");
      host.room.send("next" as never); // from the podium, `next` ends the game
      expect(await bot.exited).toBe(0);

      const lines = bot.output().split("\n");
      expect(lines.filter((line) => line.startsWith("Result "))).toEqual(expectedResults);
      expect(lines).toContain(`Final rank: 1 of 1 (${finalScore} points)`);
      expect(lines.filter((line) => line.startsWith("Answered "))).toHaveLength(2);
      expect(lines.at(-2)).toBe("Left the game (4000).");

      const res = await fetch(`${srv.url}/api/games/${game.code}/results.json?key=${game.hostKey}`);
      const report = await res.json();
      expect(
        report.students.map((s: { name: string; score: number; answered: number }) => [s.name, s.score, s.answered]),
      ).toEqual([[BOT_NAME, finalScore, 2]]);
      expect(report.questions.map((q: { answered: number }) => q.answered)).toEqual([1, 1, 0]);
      await host.room.leave();
    } finally {
      bot.child.kill();
    }
  }, 60_000);

  it("says why it cannot join and exits with 1 when the game is over", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], questionCount: 1 });
    const host = await joinHost(srv.url, game.code, game.hostKey);
    host.room.send("endGame" as never);
    await host.waitFor((s) => s.phase === "ended", "ended");
    const bot = runBot([srv.url, game.code.toLowerCase(), BOT_NAME]);
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain(`Could not join ${game.code}: This game has finished. (4107)`);
    await host.room.leave();
  });
});

async function expectEventually(check: () => boolean, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
