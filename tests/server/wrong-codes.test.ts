import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinStudent, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/**
 * Guessing join codes is limited per client address on every path that finds a game (issue 8
 * item 5): the SDK's joinById, a raw POST /matchmake/joinById/<code> and GET /api/games/:code share
 * one budget of 10 wrong codes. X-Forwarded-For is believed only when TRUST_PROXY names the proxy.
 */

const TOO_MANY = "Too many wrong codes. Wait a minute, then check the code on the board.";
const WRONG = ["BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE", "FFFFFF", "GGGGGG", "HHHHHH", "JJJJJJ", "KKKKKK", "MMMMMM"];

async function rawJoin(url: string, code: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/matchmake/joinById/${code}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ name: "Guesser" }),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe("with clients connecting directly (no TRUST_PROXY)", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
  });
  afterAll(async () => {
    await srv.stop();
  });

  it("answers 10 wrong joinById codes, then refuses every lookup from that address, raw or not", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"] });
    // Each guess comes with a new made-up X-Forwarded-For: without TRUST_PROXY it must not matter.
    const answers = await Promise.all(
      WRONG.map((code, i) =>
        new Client(srv.url, { headers: { "x-forwarded-for": `203.0.113.${i}` } })
          .joinById(code, { name: "Guesser" })
          .then(
            () => "joined",
            (error: { code: number; message: string }) => `${error.code} ${error.message}`,
          ),
      ),
    );
    expect(answers).toEqual(WRONG.map((code) => `522 room "${code}" not found`));

    await expect(new Client(srv.url).joinById("NNNNNN", { name: "Guesser" })).rejects.toMatchObject({
      code: 429,
      message: TOO_MANY,
    });
    expect(await rawJoin(srv.url, "PPPPPP", { "x-forwarded-for": "198.51.100.7" })).toEqual({
      status: 429,
      body: { code: 429, error: TOO_MANY },
    });
    // the real code is no exception: the budget is for finding games at all
    expect(await rawJoin(srv.url, game.code)).toEqual({ status: 429, body: { code: 429, error: TOO_MANY } });
    const http = await fetch(`${srv.url}/api/games/${game.code}`);
    expect(http.status).toBe(429);
    expect(await http.json()).toEqual({ error: TOO_MANY });
  });
});

describe("behind a proxy the operator names (TRUST_PROXY=loopback)", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR, TRUST_PROXY: "loopback" });
  });
  afterAll(async () => {
    await srv.stop();
  });

  it("counts each forwarded address on its own, and lookups by HTTP share the budget with joins", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"] });
    const guesser = { "x-forwarded-for": "203.0.113.50" };
    for (const code of WRONG.slice(0, 5)) {
      expect((await fetch(`${srv.url}/api/games/${code}`, { headers: guesser })).status).toBe(404);
    }
    for (const code of WRONG.slice(5)) {
      expect(await rawJoin(srv.url, code, guesser)).toEqual({
        status: 522,
        body: { code: 522, error: `room "${code}" not found` },
      });
    }
    expect(await rawJoin(srv.url, game.code, guesser)).toEqual({ status: 429, body: { code: 429, error: TOO_MANY } });
    // Another student behind the same proxy still joins the real game.
    const ann = await joinStudent(srv.url, game.code, "Ann", {});
    expect(ann.state().code).toBe(game.code);
    await ann.room.leave();
  });
});
