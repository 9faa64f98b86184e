import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createGameViaForm, joinAs } from "./game-flow.ts";
import { openPhone, projector, snap, useStage, waitForLive, waitForView } from "./harness.ts";

/**
 * The teacher's page never goes silent (issue 8 item 14): when the connection to the server goes
 * away for longer than the socket's own retries, a banner says so and the page rejoins by itself
 * with the host key once the server is reachable again; a game that cannot be rejoined keeps its
 * key in the browser, so its report stays downloadable from the create screen.
 */

const stage = useStage();

/** A TCP relay in front of the server: `down()` is a network that vanished, `up()` brings it back. */
class Relay {
  private server = net.createServer((socket) => this.relay(socket));
  private sockets = new Set<net.Socket>();
  port = 0;
  private readonly target: number;
  constructor(target: number) {
    this.target = target;
  }
  private relay(socket: net.Socket) {
    const upstream = net.connect(this.target, "127.0.0.1");
    for (const end of [socket, upstream]) {
      this.sockets.add(end);
      end.on("error", () => {});
      end.on("close", () => this.sockets.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
  }
  up(): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(this.port, "127.0.0.1", () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve();
      }),
    );
  }
  down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
}

let relay: Relay;
beforeAll(async () => {
  relay = new Relay(Number(new URL(stage.server.url).port));
  await relay.up();
});
afterAll(async () => {
  await relay.down().catch(() => {});
});

const banner = "#host-connection";

test("the teacher's page shows a banner when the server goes away and rejoins by itself when it is back", async () => {
  const context = await projector(stage.browser);
  const host = await context.newPage();
  await host.goto(`${relay.url}/host`);
  const code = await createGameViaForm(host, { tags: "beria", questions: 2, mode: "everyone" });
  const ada = await openPhone(stage, `/?code=${code}`);
  await joinAs(ada, code, "Ada");
  await waitForView(host, "v.scene === 'HostLobbyScene' && v.players.length === 1");

  await relay.down();
  await host.waitForSelector(`${banner}:not([hidden])`, { timeout: 30_000 });
  expect(await host.locator(banner).textContent()).toMatch(
    new RegExp(
      `^Lost the connection to the game server\\. Rejoining game ${code} by itself… \\(attempt \\d+\\) Download the results so far$`,
    ),
  );
  expect(await host.locator(`${banner} a`).getAttribute("href")).toMatch(
    new RegExp(`^/api/games/${code}/results\\.csv\\?key=.+`),
  );
  await snap(host, "host-rejoin-banner-projector");
  await host.setViewportSize({ width: 360, height: 740 });
  await snap(host, "host-rejoin-banner-phone");
  await host.setViewportSize({ width: 1920, height: 1080 });

  await relay.up();
  await host.waitForSelector(`${banner}[hidden]`, { state: "attached", timeout: 30_000 });
  await waitForLive(host, new RegExp(`^Lobby: code ${code}\\.`));
  // Live again: a student who joins now appears on the projector.
  const bea = await openPhone(stage, `/?code=${code}`);
  await joinAs(bea, code, "Bea");
  await waitForView(host, "v.scene === 'HostLobbyScene' && v.players.map((p) => p.name).sort().join() === 'Ada,Bea'");
  const recent = JSON.parse((await host.evaluate(() => localStorage.getItem("handsup.hostGames"))) ?? "[]");
  expect(recent.map((game: { code: string }) => game.code)).toEqual([code]);
  await context.close();
});

test("a game that cannot be rejoined keeps its host key, and its report stays downloadable", async () => {
  const context = await projector(stage.browser);
  const host = await context.newPage();
  await host.goto(`${stage.server.url}/host`);
  // A game this teacher ran before the server lost it (a crash, a restart without it).
  const seat = { code: "GQNKTW", hostKey: "a-key-from-the-crashed-game" };
  await host.evaluate((s) => localStorage.setItem("handsup.host", JSON.stringify(s)), seat);
  await host.reload();
  await host.waitForSelector("#recent-games:not([hidden])");
  expect(await host.locator("#recent-games a").getAttribute("href")).toBe(
    `/api/games/${seat.code}/results.csv?key=${seat.hostKey}`,
  );
  expect(await host.locator("#recent-games").textContent()).toMatch(/^Your recent gamesGQNKTW · /);
  expect(JSON.parse((await host.evaluate(() => localStorage.getItem("handsup.host"))) ?? "null")).toEqual(seat);
  await snap(host, "host-recent-games-projector");
  await host.setViewportSize({ width: 360, height: 740 });
  await snap(host, "host-recent-games-phone");
  await context.close();
});
