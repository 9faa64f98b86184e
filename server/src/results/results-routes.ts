import express, { type Request, type Response, type Router } from "express";
import { hostKeyMatches } from "./host-key.ts";
import { reportToCsv } from "./report-csv.ts";
import type { GameRow, ResultsStore } from "./results-store.ts";

/** Routes that let the teacher who holds a game's host key download its results as JSON or CSV. */
export function resultsRouter(store: ResultsStore): Router {
  const router = express.Router();

  router.get("/api/games/:code/results.json", (req, res) => {
    const game = authorizedGame(store, req, res);
    if (game === undefined) return;
    res.set("Cache-Control", "no-store").json(store.report(game.gameId));
  });

  router.get("/api/games/:code/results.csv", (req, res) => {
    const game = authorizedGame(store, req, res);
    if (game === undefined) return;
    const csv = reportToCsv(store.report(game.gameId)); // before any header: a failure answers JSON
    res
      .set("Cache-Control", "no-store")
      .type("text/csv; charset=utf-8")
      // Written by hand: res.attachment() drops the quotes around a simple name, and some browsers want them.
      .set("Content-Disposition", `attachment; filename="handsup-${safeFileNamePart(game.code)}-results.csv"`)
      .send(csv);
  });

  return router;
}

/** Looks the game up and checks the host key; on failure sends the 404/403 itself and returns undefined. */
function authorizedGame(store: ResultsStore, req: Request, res: Response): GameRow | undefined {
  const code = String(req.params.code);
  const game = store.findGameByCode(code);
  if (game === undefined) {
    res.status(404).json({ error: `No game with code ${code}.` });
    return undefined;
  }
  const key = hostKeyFrom(req);
  if (key === undefined || !hostKeyMatches(key, game.hostKeyHash)) {
    res.status(403).json({ error: "That host key does not match this game." });
    return undefined;
  }
  return game;
}

/** The host key from `?key=` or an `Authorization: Bearer <key>` header. */
function hostKeyFrom(req: Request): string | undefined {
  const fromQuery = req.query.key;
  if (typeof fromQuery === "string" && fromQuery !== "") return fromQuery;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  return bearer?.[1];
}

function safeFileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}
