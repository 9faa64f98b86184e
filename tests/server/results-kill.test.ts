import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { openResultsStore } from "../../server/src/results/results-store.ts";

const WRITER = join(import.meta.dirname, "../fixtures/results-writer.ts");

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "handsup-results-kill-"));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a writer process; `acks` holds every answer number it has acknowledged so far. */
function startWriter(gameId: string, answerCount?: number) {
  const args = [WRITER, dataDir, gameId, ...(answerCount === undefined ? [] : [String(answerCount)])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const acks: number[] = [];
  let stderr = "";
  let pending = "";
  const ackListeners: (() => void)[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const match = /^ACK (\d+)$/.exec(line);
      if (match) acks.push(Number(match[1]));
    }
    for (const listener of ackListeners) listener();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const ackedAtLeast = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => acks.length >= n && resolve();
      ackListeners.push(check);
      child.on("close", () => reject(new Error(`writer exited after ${acks.length} ACKs: ${stderr}`)));
      check();
    });
  return { child: child as ChildProcess, acks, exited, ackedAtLeast, stderr: () => stderr };
}

test("kill -9 in the middle of a game loses no acknowledged answer", async () => {
  const writer = startWriter("crash");
  await writer.ackedAtLeast(200);
  writer.child.kill("SIGKILL");
  const { signal } = await writer.exited;
  expect(signal).toBe("SIGKILL");

  // Every ACK the parent read was printed after its answer committed; ACKs still in the pipe at
  // the kill are read before "close", so `acks` is the full list of acknowledged answers.
  const lastAck = writer.acks.at(-1) ?? 0;
  expect(lastAck).toBeGreaterThanOrEqual(200);
  expect(writer.acks).toEqual(Array.from({ length: lastAck }, (_, i) => i + 1));

  const store = openResultsStore(dataDir);
  try {
    const report = store.report("crash");
    const answered = report.questions[0]?.answered ?? 0;
    // The kill may land after a commit but before its ACK is printed: at most one answer more.
    expect(answered).toBeOneOf([lastAck, lastAck + 1]);
    const names = new Set(report.students.filter((s) => s.answered === 1).map((s) => s.name));
    for (const n of writer.acks) expect(names.has(`Student ${n}`)).toBe(true);
  } finally {
    store.close();
  }
});

test("three writer processes on one database file all land every answer", async () => {
  const answersEach = 2000;
  const writers = ["alpha", "beta", "gamma"].map((gameId) => ({ gameId, ...startWriter(gameId, answersEach) }));
  const exits = await Promise.all(writers.map((w) => w.exited));
  expect(exits, writers.map((w) => w.stderr()).join("\n")).toEqual(writers.map(() => ({ code: 0, signal: null })));

  const store = openResultsStore(dataDir);
  try {
    for (const writer of writers) {
      expect(writer.acks.length).toBe(answersEach);
      const report = store.report(writer.gameId);
      expect(report.questions[0]).toMatchObject({ answered: answersEach, percentCorrect: 100 });
      expect(report.students).toHaveLength(answersEach);
      expect(store.findGameByCode(writer.gameId.toUpperCase())?.gameId).toBe(writer.gameId);
    }
  } finally {
    store.close();
  }
});
