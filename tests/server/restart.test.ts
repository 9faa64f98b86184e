import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { FINAL_CLOSE_CODES, rejoinUntilBack } from "../../client/src/net/rejoin.ts";
import type { QuizState } from "../../shared/src/state/quiz-state.ts";
import { createGame, freePort, type Peer, wrapPeer } from "./harness.ts";
import { answer, me, ROOM_BANKS_DIR } from "./room-helpers.ts";
import { killHard, type ServerProcess, startServerProcess } from "./server-process.ts";

const STUDENTS = 30;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await killHard(server);
});

/**
 * A page that comes back by itself, as client/src/net does: when its connection is lost and the reconnection
 * token no longer works, it rejoins with the same options (a phone: name + deviceId; the teacher: the host key).
 */
interface Page {
  label: string;
  peer: Peer;
  /** when it was last back in its seat (Date.now()) */
  backAt: number;
  rejoins: number;
}

async function openPage(url: string, code: string, label: string, options: Record<string, unknown>): Promise<Page> {
  const join = async () =>
    wrapPeer((await new Client(url).joinById<QuizState>(code, options)) as unknown as Room<QuizState>);
  const page: Page = { label, peer: await join(), backAt: Date.now(), rejoins: 0 };
  const watch = (peer: Peer) => {
    let lost = false;
    const comeBack = async () => {
      if (lost) return;
      lost = true;
      peer.room.reconnection.maxRetries = 0; // the old token died with the old process
      peer.room.removeAllListeners();
      const back = await rejoinUntilBack({ join, giveUpAfterMs: 60_000 });
      if (!back.ok) throw new Error(`${label} could not come back: ${String(back.error)}`);
      page.peer = back.value;
      page.backAt = Date.now();
      page.rejoins += 1;
      watch(back.value);
    };
    peer.room.onDrop(() => void comeBack());
    peer.room.onLeave((closeCode) => {
      if (!FINAL_CLOSE_CODES.includes(closeCode)) void comeBack();
    });
  };
  watch(page.peer);
  return page;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Who answers right: Q1 all but every third student, Q2 the even ones, Q3 everyone. */
const right = (question: number, i: number) => (question === 0 ? i % 3 !== 0 : question === 1 ? i % 2 === 0 : true);
const BASE = [1000, 1000, 2000]; // room-test: capital-france, sky-blue, seven-times-six (double points)

/** Speed scoring off, streaks on: base points, plus 100 per right answer in a row after the first (≤ 500). */
function expectedScore(i: number, questions: number): { score: number; streak: number } {
  let score = 0;
  let streak = 0;
  for (let q = 0; q < questions; q++) {
    if (!right(q, i)) {
      streak = 0;
      continue;
    }
    streak += 1;
    score += (BASE[q] ?? 0) + Math.min(500, 100 * (streak - 1));
  }
  return { score, streak };
}

describe("a game survives kill -9 of its server", () => {
  it("reopens under the same code: 30 phones back in their seats, the open question resumed, played to the podium", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-restart-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), DATA_DIR: dataDir, BANKS_DIR: ROOM_BANKS_DIR, RECONNECT_SECONDS: "30" };
    servers.push(await startServerProcess(env));

    const game = await createGame(url, {
      bankIds: ["room-test"],
      questionCount: 3,
      order: "bank",
      speedScoring: false,
      timeLimitSec: 60,
    });
    const host = await openPage(url, game.code, "host", { hostKey: game.hostKey });
    const phones: Page[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      phones.push(await openPage(url, game.code, `S${i}`, { name: `Student ${i}`, deviceId: `phone-device-${i}` }));
    }
    await host.peer.waitFor((s) => s.playerCount === STUDENTS, "30 players");
    host.peer.room.send("startGame" as never);

    // Q1: everyone answers; the question closes when the last answer is in.
    await until(() => phones.every((p) => p.peer.state().phase === "question"), "question 1 on every phone");
    await Promise.all(phones.map((p, i) => answer(p.peer, right(0, i))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 1");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 1");
    host.peer.room.send("next" as never);

    // Q2: half the class answers, then the server dies.
    await until(
      () => phones.every((p) => p.peer.state().phase === "question" && p.peer.state().questionIndex === 1),
      "question 2 on every phone",
    );
    const early = phones.slice(0, STUDENTS / 2);
    await Promise.all(early.map((p, i) => answer(p.peer, right(1, i))));
    await host.peer.waitFor((s) => s.answersIn === STUDENTS / 2, "15 answers in");
    const before = phones.map((p) => ({ score: me(p.peer).score, streak: me(p.peer).streak }));
    expect(before).toEqual(phones.map((_p, i) => expectedScore(i, 1)));
    const endsAtBefore = host.peer.state().phaseEndsAt;

    const killedAt = Date.now();
    const remainingAtKill = endsAtBefore - killedAt;
    await killHard(servers[0] as ServerProcess);

    const second = await startServerProcess(env);
    servers.push(second);
    await until(() => [host, ...phones].every((p) => p.rejoins === 1), "every page back", 60_000);
    const lastBack = Math.max(...phones.map((p) => p.backAt));
    const secondsToLastPhone = (lastBack - second.runningAt) / 1000;
    console.log(
      `restart: server down ${((second.runningAt - killedAt) / 1000).toFixed(1)} s; last of ${STUDENTS} phones back ${secondsToLastPhone.toFixed(2)} s after the new process was running`,
    );
    expect(secondsToLastPhone).toBeLessThan(10);

    // Same code, same seats, same scores and streaks; the question is still open with the time it had left.
    const hostState = await host.peer.waitFor((s) => s.playerCount === STUDENTS, "host sees 30 seats");
    expect(hostState.code).toBe(game.code);
    expect(hostState.phase).toBe("question");
    expect(hostState.questionIndex).toBe(1);
    await host.peer.waitFor((s) => s.connectedCount === STUDENTS, "30 connected");
    expect(host.peer.state().answersIn).toBe(STUDENTS / 2);
    const remainingAfter = host.peer.state().phaseEndsAt - second.runningAt;
    expect(remainingAfter).toBeGreaterThan(remainingAtKill - 1000);
    expect(remainingAfter).toBeLessThan(remainingAtKill + 3000); // at most one heartbeat (2 s) of extra time
    for (const [i, p] of phones.entries()) {
      await p.peer.waitFor(() => me(p.peer).score === before[i]?.score, `${p.label}'s score`);
      expect({ score: me(p.peer).score, streak: me(p.peer).streak }).toEqual(before[i]);
      expect(me(p.peer).answered).toBe(i < STUDENTS / 2);
    }

    // The rest answer; the game plays on to the podium.
    await Promise.all(phones.slice(STUDENTS / 2).map((p, j) => answer(p.peer, right(1, j + STUDENTS / 2))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 2");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 2");
    host.peer.room.send("next" as never);
    await until(
      () => phones.every((p) => p.peer.state().phase === "question" && p.peer.state().questionIndex === 2),
      "q3",
    );
    await Promise.all(phones.map((p, i) => answer(p.peer, right(2, i))));
    await host.peer.waitFor((s) => s.phase === "reveal", "reveal 3");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "leaderboard", "leaderboard 3");
    host.peer.room.send("next" as never);
    await host.peer.waitFor((s) => s.phase === "podium", "podium");
    for (const [i, p] of phones.entries()) {
      await p.peer.waitFor(() => me(p.peer).score === expectedScore(i, 3).score, `${p.label}'s final score`);
    }

    // The report holds every answer, before and after the crash, with the same scores.
    const report = await (await fetch(`${url}/api/games/${game.code}/results.json?key=${game.hostKey}`)).json();
    expect(report.questions.map((q: { answered: number }) => q.answered)).toEqual([STUDENTS, STUDENTS, STUDENTS]);
    const byName = new Map<string, { score: number; answered: number }>(
      report.students.map((s: { name: string; score: number; answered: number }) => [s.name, s]),
    );
    expect(byName.size).toBe(STUDENTS);
    for (let i = 0; i < STUDENTS; i++) {
      expect(byName.get(`Student ${i}`)).toMatchObject({ score: expectedScore(i, 3).score, answered: 3 });
    }
    for (const page of [host, ...phones]) await page.peer.room.leave().catch(() => 0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});
