import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinStudent, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR, HOST_PASSWORD: "staffroom" });
});
afterAll(async () => {
  await srv.stop();
});

describe("a server with HOST_PASSWORD", () => {
  it("says so, and only creates games with the right password", async () => {
    const config = await (await fetch(`${srv.url}/api/config`)).json();
    expect(config.hostPasswordRequired).toBe(true);
    const post = (body: object) =>
      fetch(`${srv.url}/api/games`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const none = await post({ bankIds: ["room-test"] });
    expect(none.status).toBe(401);
    expect((await none.json()).error).toBe("This server needs the host password to create a game.");
    const wrong = await post({ bankIds: ["room-test"], hostPassword: "guess" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("That host password is not right.");
    const game = await createGame(srv.url, { bankIds: ["room-test"], hostPassword: "staffroom", maxPlayers: 2 });
    expect(game.code).toHaveLength(6);

    // A full game says so.
    const a = await joinStudent(srv.url, game.code, "Ann");
    const b = await joinStudent(srv.url, game.code, "Bob");
    await expect(new Client(srv.url).joinById(game.code, { name: "Cy" })).rejects.toMatchObject({
      code: 4103,
      message: "This game is full (2 players).",
    });
    await a.room.leave();
    await b.room.leave();
  });
});
