import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHostKey, hashHostKey, hostKeyMatches } from "../../server/src/results/host-key.ts";
import { reportToCsv } from "../../server/src/results/report-csv.ts";
import { resultsRouter } from "../../server/src/results/results-routes.ts";
import { openResultsStore, type ResultsStore } from "../../server/src/results/results-store.ts";

let dataDir: string;
let store: ResultsStore;
let server: Server;
let baseUrl: string;
const hostKey = createHostKey();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "handsup-results-routes-"));
  store = openResultsStore(dataDir);
  store.recordGame({
    gameId: "g1",
    code: "QZ42",
    hostKeyHash: hashHostKey(hostKey),
    title: "Géographie",
    bankIds: ["geo"],
    settingsJson: "{}",
    createdAt: 1_000,
  });
  store.recordQuestion({
    gameId: "g1",
    index: 0,
    bankId: "geo",
    questionId: "q1",
    type: "text",
    prompt: "Capitale de la France ?",
    correctText: "Paris",
    openedAt: 2_000,
  });
  store.recordPlayer({ gameId: "g1", playerId: "p1", name: "Zoé", joinedAt: 1_500 });
  store.recordAnswer({
    gameId: "g1",
    questionIndex: 0,
    playerId: "p1",
    answerText: "Paris",
    correct: true,
    responseMs: 1_234,
    points: 100,
    answeredAt: 3_234,
    mode: "everyone",
  });
  const app = express();
  app.use(resultsRouter(store));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("an unknown code is a 404 that names the code", async () => {
  const response = await fetch(`${baseUrl}/api/games/NOPE/results.json?key=${hostKey}`);
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: "No game with code NOPE." });
});

test.each([
  ["no key", "/api/games/QZ42/results.json", {}],
  ["a wrong key in the query", `/api/games/QZ42/results.csv?key=${createHostKey()}`, {}],
  ["a wrong bearer key", "/api/games/QZ42/results.csv", { authorization: `Bearer ${createHostKey()}` }],
  ["the hash instead of the key", `/api/games/QZ42/results.json?key=${hashHostKey(hostKey)}`, {}],
])("%s is a 403", async (_label, path, headers) => {
  const response = await fetch(baseUrl + path, { headers });
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({ error: "That host key does not match this game." });
});

test("the right key in the query returns the JSON report", async () => {
  const response = await fetch(`${baseUrl}/api/games/QZ42/results.json?key=${hostKey}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toEqual({
    game: { code: "QZ42", title: "Géographie", bankIds: ["geo"], createdAt: 1_000, endedAt: null, questionCount: 1 },
    students: [{ rank: 1, name: "Zoé", score: 100, correct: 1, answered: 1, averageMs: 1_234, averageSeconds: 1.2 }],
    questions: [
      {
        index: 0,
        questionId: "q1",
        bankId: "geo",
        prompt: "Capitale de la France ?",
        correctText: "Paris",
        answered: 1,
        percentCorrect: 100,
        averageMs: 1_234,
        averageSeconds: 1.2,
        mostCommonWrongAnswer: null,
        skipped: false,
      },
    ],
    grid: [],
    reteach: [0],
  });
});

test("the right bearer key downloads the CSV as an attachment, BOM included", async () => {
  const response = await fetch(`${baseUrl}/api/games/QZ42/results.csv`, {
    headers: { authorization: `Bearer ${hostKey}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toBe('attachment; filename="handsup-QZ42-results.csv"');
  // Read bytes: response.text() would silently strip the BOM this test is here to check.
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString("utf8")).toBe(reportToCsv(store.report("g1")));
  expect(bytes.toString("utf8").split("\r\n")[1]).toBe("1,Zoé,100,1,1,1234");
});

test("host keys are 256-bit base64url secrets, stored only as their SHA-256", () => {
  const key = createHostKey();
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(createHostKey()).not.toBe(key);
  expect(hashHostKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(hostKeyMatches(key, hashHostKey(key))).toBe(true);
  expect(hostKeyMatches(`${key}x`, hashHostKey(key))).toBe(false);
  expect(hostKeyMatches(key, "not-a-hash")).toBe(false);
});
