import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBanksOrFail } from "../../server/src/banks/load-banks.ts";
import { buildGameSetup } from "../../server/src/rooms/game-setup.ts";
import { createGame, joinStudent, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/**
 * Games come only from `POST /api/games`, after its checks (issue 8 item 4): the matchmaker's own
 * create route, a made-up setup ticket and a replayed one are all refused, and no room appears.
 */

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR, HOST_PASSWORD: "staffroom" });
});
afterAll(async () => {
  await srv.stop();
});

const REFUSED = "Games are created on the teacher's page and joined by their code (joinById).";

async function lookup(code: string) {
  return (await fetch(`${srv.url}/api/games/${code}`)).status;
}

describe("creating a game around the teacher's page", () => {
  it("refuses client.create with a forged setup: no password, 100,000 players, a chosen code", async () => {
    // A setup exactly like the route builds, but with limits the route would refuse.
    const built = buildGameSetup(
      { bankIds: ["room-test"], hostPassword: "x" },
      loadBanksOrFail(ROOM_BANKS_DIR),
      "x",
      1,
    );
    if (!built.ok) throw new Error(built.error);
    const forged = { ...built.setup, settings: { ...built.setup.settings, maxPlayers: 100_000 } };
    for (const method of ["create", "joinOrCreate", "join"] as const) {
      await expect(new Client(srv.url)[method]("quiz", { setup: forged, code: "HACKED" })).rejects.toMatchObject({
        code: 403,
        message: REFUSED,
      });
    }
    expect(await lookup("HACKED")).toBe(404);
  });

  it("refuses a made-up setup ticket and a ticket used once already", async () => {
    const { matchMaker } = await import("@colyseus/core");
    const { issueSetupTicket } = await import("../../server/src/rooms/setup-tickets.ts");
    await expect(
      matchMaker.createRoom("quiz", { setupTicket: "7f1f7a7e-0000-4000-8000-000000000000" }),
    ).rejects.toThrow("Games are created on the teacher's page (POST /api/games), not by the matchmaker.");

    const built = buildGameSetup(
      { bankIds: ["room-test"], hostPassword: "staffroom" },
      loadBanksOrFail(ROOM_BANKS_DIR),
      "staffroom",
      2,
    );
    if (!built.ok) throw new Error(built.error);
    const options = await issueSetupTicket({ setup: built.setup });
    const first = await matchMaker.createRoom("quiz", options);
    expect(first.roomId).toHaveLength(6);
    await expect(matchMaker.createRoom("quiz", options)).rejects.toThrow(
      "Games are created on the teacher's page (POST /api/games), not by the matchmaker.",
    );
    const rooms = await matchMaker.query({ name: "quiz" });
    expect(rooms.map((room) => room.roomId)).toEqual([first.roomId]);
    await matchMaker.remoteRoomCall(first.roomId, "disconnect");
  });

  it("still creates games through POST /api/games, and students join them", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"], hostPassword: "staffroom" });
    expect(await lookup(game.code)).toBe(200);
    const ann = await joinStudent(srv.url, game.code, "Ann");
    expect(ann.state().code).toBe(game.code);
    await ann.room.leave();
  });
});
