import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/**
 * Every HTTP error is a JSON `{ "error": "<sentence>" }`: no Express HTML page, no stack trace
 * (issue 8 item 11), also when the results store fails the way SQLite does on a full disk.
 */

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

/** Fails like node:sqlite on a full disk (same message and errcode). */
function diskFull(): never {
  throw Object.assign(new Error("database or disk is full"), { code: "ERR_SQLITE_ERROR", errcode: 13 });
}

async function expectJsonError(response: Response, status: number, error: string) {
  const text = await response.text();
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html|<pre>|\n\s+at |\bat .*\.ts:\d+/i);
  expect(JSON.parse(text)).toEqual({ error });
}

describe("HTTP errors are JSON", () => {
  it("answers unknown routes, bad bodies and oversized bodies with a sentence", async () => {
    await expectJsonError(
      await fetch(`${srv.url}/api/nothing-here`),
      404,
      "There is nothing at GET /api/nothing-here.",
    );
    await expectJsonError(await fetch(`${srv.url}/no/such/page`), 404, "There is nothing at GET /no/such/page.");
    await expectJsonError(
      await fetch(`${srv.url}/api/games`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      }),
      400,
      "The request body is not valid JSON.",
    );
    await expectJsonError(
      await fetch(`${srv.url}/api/games`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "x".repeat(40_000) }),
      }),
      413,
      "The request body is too large.",
    );
  });

  it("says why a game could not be created when the store cannot write", async () => {
    const store = srv.server.store;
    const original = store.openGame;
    store.openGame = diskFull;
    try {
      const response = await fetch(`${srv.url}/api/games`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ bankIds: ["room-test"] }),
      });
      await expectJsonError(
        response,
        500,
        "The game could not be created (database or disk is full). Try again in a moment.",
      );
    } finally {
      store.openGame = original;
    }
    // and the server goes on: the next game is created
    expect((await createGame(srv.url, { bankIds: ["room-test"] })).code).toHaveLength(6);
  });

  it("answers a report that cannot be read with a sentence, not a stack page", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"] });
    const store = srv.server.store;
    const original = store.loadEvents;
    store.loadEvents = () => {
      throw Object.assign(new Error("database disk image is malformed"), { code: "ERR_SQLITE_ERROR", errcode: 11 });
    };
    try {
      const url = `${srv.url}/api/games/${game.code}/results.csv?key=${encodeURIComponent(game.hostKey)}`;
      await expectJsonError(
        await fetch(url),
        500,
        "The server could not do that (database disk image is malformed). Try again in a moment.",
      );
    } finally {
      store.loadEvents = original;
    }
  });
});
