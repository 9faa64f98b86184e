import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import { normalizeJoinCode } from "@handsup/shared";
import type { AttemptLimiter } from "./attempt-limiter.ts";
import type { AddressOf } from "./client-address.ts";
import { sendJson, TOO_MANY_WRONG_CODES } from "./json-errors.ts";

/**
 * Colyseus answers `POST /matchmake/:method/:room` itself, on the HTTP server, before Express sees the
 * request, so Express middleware cannot guard it. This gate is installed in front of every request
 * listener of the server and checks the matchmaking calls a phone makes:
 * - only `joinById` (join a game by its code) and `reconnect` are open; games are created by
 *   `POST /api/games`, and `join`/`joinOrCreate`/`create` would find or make a game without a code;
 * - a wrong code spends one of the address's tries (shared with `GET /api/games/:code`); with none
 *   left the answer is 429 before any lookup;
 * - while Redis is away the answer is 503 at once, instead of a request that hangs.
 */
export interface GateDeps {
  wrongCodes: AttemptLimiter;
  addressOf: AddressOf;
  /** false while the shared registry (Redis) is unreachable */
  registryUp: () => boolean;
  now?: () => number;
}

const OPEN_METHODS = new Set(["joinById", "reconnect"]);

export function installMatchmakingGate(server: Server, deps: GateDeps): void {
  const downstream = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of downstream) listener.call(server, req, res);
  };
  const now = deps.now ?? Date.now;
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const match = req.method === "POST" ? /^\/matchmake\/([^/?]+)\/([^/?]+)/.exec(req.url ?? "") : null;
    if (!match) return pass(req, res);
    const method = decodeURIComponent(match[1] ?? "");
    if (!OPEN_METHODS.has(method)) {
      sendJson(res, 403, {
        code: 403,
        error: "Games are created on the teacher's page and joined by their code (joinById).",
      });
      return;
    }
    if (!deps.registryUp()) {
      sendJson(res, 503, {
        code: 503,
        error: "The game server has lost its connection to Redis. Try again in a few seconds.",
      });
      return;
    }
    if (method === "reconnect") return pass(req, res);
    const address = deps.addressOf(req);
    if (deps.wrongCodes.exhausted(address, now())) {
      sendJson(res, 429, { code: 429, error: TOO_MANY_WRONG_CODES });
      return;
    }
    const code = normalizeJoinCode(safeDecode(match[2] ?? ""));
    void gameExists(code).then(
      (exists) => {
        if (!exists) deps.wrongCodes.spend(address, now());
        pass(req, res);
      },
      () => pass(req, res),
    );
  });
}

async function gameExists(code: string | undefined): Promise<boolean> {
  if (!code) return false;
  // findOne by roomId is one HGET on Redis (query() would read every listing).
  return (await matchMaker.driver.findOne({ roomId: code })) !== undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
