import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createGame, freePort, joinHost, joinStudent } from "./harness.ts";
import { answer, ROOM_BANKS_DIR } from "./room-helpers.ts";

const MAIN = path.resolve(import.meta.dirname, "..", "..", "server", "src", "main.ts");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts `server/src/main.ts` as its own process, as `pnpm start` does, and waits until it listens. */
async function startServerProcess(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, BANKS_DIR: ROOM_BANKS_DIR },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return child;
}

describe("results survive a crash", () => {
  it("after kill -9 mid-game and a restart, the report lists every acknowledged answer", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-crash-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startServerProcess(port, dataDir);
    const game = await createGame(url, {
      bankIds: ["room-test"],
      questionCount: 3,
      order: "bank",
      speedScoring: false,
    });
    const host = await joinHost(url, game.code, game.hostKey);
    const students = [
      await joinStudent(url, game.code, "Ann"),
      await joinStudent(url, game.code, "Bob"),
      await joinStudent(url, game.code, "Cy"),
    ];
    const [ann, bob, cy] = students as [(typeof students)[0], (typeof students)[0], (typeof students)[0]];
    await host.waitFor((s) => s.playerCount === 3, "three players");
    host.room.send("startGame" as never);
    await ann.waitFor((s) => s.phase === "question", "question 1");
    for (const s of students) await answer(s, s !== cy); // each answer acknowledged
    await host.waitFor((s) => s.phase === "reveal", "reveal 1");
    host.room.send("next" as never);
    await host.waitFor((s) => s.phase === "leaderboard", "leaderboard");
    host.room.send("next" as never);
    await bob.waitFor((s) => s.phase === "question" && s.questionIndex === 1, "question 2");
    await answer(ann, true);
    await answer(bob, false); // acknowledged: the last answer before the crash

    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    for (const peer of [host, ...students]) peer.room.removeAllListeners();

    await startServerProcess(port, dataDir);
    const res = await fetch(`${url}/api/games/${game.code}/results.json?key=${game.hostKey}`);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(
      report.students.map((s: { name: string; answered: number; correct: number }) => [s.name, s.answered, s.correct]),
    ).toEqual([
      ["Ann", 2, 2],
      ["Bob", 2, 1],
      ["Cy", 1, 0],
    ]);
    expect(report.questions.map((q: { answered: number }) => q.answered)).toEqual([3, 2]);
    const csv = await (await fetch(`${url}/api/games/${game.code}/results.csv?key=${game.hostKey}`)).text();
    expect(csv).toContain("Ann");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
