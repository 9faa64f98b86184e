import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinStudent, startTestServer, type TestServer } from "./harness.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/** A second "Ann" in disguise, an invisible name and a disguised rude word are refused at the door (issue 8 item 7). */

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

describe("joining with a hostile name", () => {
  it("refuses look-alikes of a name already taken, invisible names and disguised rude words", async () => {
    const game = await createGame(srv.url, { bankIds: ["room-test"] });
    const ann = await joinStudent(srv.url, game.code, "Ann");
    const join = (name: string) =>
      new Client(srv.url).joinById(game.code, { name }).then(
        () => "joined",
        (error: { code: number; message: string }) => `${error.code} ${error.message}`,
      );
    const taken = "4102 Someone here is already called Ann. Pick another name.";
    expect(await join("\u0410nn")).toBe(taken); // Cyrillic А
    expect(await join("A\u200Bnn")).toBe(taken); // zero-width space
    expect(await join("Ａｎｎ")).toBe(taken); // fullwidth
    expect(await join("\u200B\u200B")).toBe("4101 Please enter a name");
    expect(await join("phuck")).toBe("4101 Please choose a different name");
    expect(await join("f*ck")).toBe("4101 Please choose a different name");
    expect(ann.state().playerCount).toBe(1);
    await ann.room.leave();
  });
});
