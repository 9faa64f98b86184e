import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "./harness.ts";

/** The per-game player cap: up to MAX_PLAYERS (default 5,000, at most 10,000), refused above it with a reason. */
async function create(url: string, maxPlayers: number) {
  const response = await fetch(`${url}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ bankIds: ["peaceful-coexistence"], questionCount: 1, maxPlayers }),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; code?: string } };
}

describe("player cap", () => {
  let server: TestServer;
  let small: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    small = await startTestServer({ MAX_PLAYERS: "300" });
  });
  afterAll(async () => {
    await server.stop();
    await small.stop();
  });

  test("a game of 5,000 players is allowed by default; 5,001 is refused with the setting named", async () => {
    expect((await create(server.url, 5_000)).status).toBe(201);
    expect(await create(server.url, 5_001)).toEqual({
      status: 400,
      body: { error: "This server allows at most 5000 players in one game (MAX_PLAYERS)." },
    });
  });

  test("MAX_PLAYERS lowers the cap", async () => {
    expect((await create(small.url, 300)).status).toBe(201);
    expect(await create(small.url, 301)).toEqual({
      status: 400,
      body: { error: "This server allows at most 300 players in one game (MAX_PLAYERS)." },
    });
  });
});
