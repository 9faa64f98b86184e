import type { GameEvent } from "@handsup/shared";
import express, { type Request, type Response, type Router } from "express";
import { reportFromEvents } from "./game-report.ts";
import { hostKeyMatches } from "./host-key.ts";
import type { GameReport } from "./report.ts";
import { reportToCsv, tableToCsv } from "./report-csv.ts";
import { reportFileName, TABLE_NAMES, type TableName } from "./report-tables.ts";
import { reportToXlsx } from "./report-xlsx.ts";
import type { GameEventLog, GameRow } from "./results-store.ts";

/** What the routes read: the event log, the game rows and the answer-table report (sync SQLite or async stores). */
export interface ReportSource extends Pick<GameEventLog, "loadEvents"> {
  findGameByCode(code: string): GameRow | undefined | Promise<GameRow | undefined>;
  report(gameId: string): GameReport | Promise<GameReport>;
}

/** Routes that let the teacher who holds a game's host key download its results as JSON or CSV. */
export function resultsRouter(store: ReportSource): Router {
  const router = express.Router();

  router.get("/api/games/:code/results.json", async (req, res) => {
    const game = await authorizedGame(store, req, res);
    if (game === undefined) return;
    res.set("Cache-Control", "no-store").json(await reportOf(store, game));
  });

  // Without ?table= the combined file of before (students, a blank line, questions; times in ms), kept as it was
  // for anyone who scripted it; ?table=summary|students|questions|grid gives one table, times in seconds.
  router.get("/api/games/:code/results.csv", async (req, res) => {
    const table = req.query.table;
    if (table !== undefined && !TABLE_NAMES.includes(table as TableName)) {
      res.status(400).json({ error: `Unknown table. Choose one of: ${TABLE_NAMES.join(", ")}.` });
      return;
    }
    const game = await authorizedGame(store, req, res);
    if (game === undefined) return;
    const report = await reportOf(store, game);
    const one = table as TableName | undefined;
    const csv = one === undefined ? reportToCsv(report) : tableToCsv(report, one); // before any header: a failure answers JSON
    res
      .set("Cache-Control", "no-store")
      .type("text/csv; charset=utf-8")
      .set(
        "Content-Disposition",
        one === undefined
          ? `attachment; filename="handsup-${safeFileNamePart(game.code)}-results.csv"`
          : attachment(reportFileName(report, one, "csv")),
      )
      .send(csv);
  });

  router.get("/api/games/:code/results.xlsx", async (req, res) => {
    const game = await authorizedGame(store, req, res);
    if (game === undefined) return;
    const report = await reportOf(store, game);
    res
      .set("Cache-Control", "no-store")
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .set("Content-Disposition", attachment(reportFileName(report, "all", "xlsx")))
      .send(await reportToXlsx(report));
  });

  return router;
}

/** A game's report from its event log; games recorded before the log existed report from their answer rows. */
async function reportOf(store: ReportSource, game: GameRow): Promise<GameReport> {
  // Written only by this server from accepted GameEvents, so the JSON is trusted.
  const events = (await store.loadEvents(game.gameId)) as GameEvent[];
  return events.length > 0 ? reportFromEvents(game, events) : store.report(game.gameId);
}

/** Looks the game up and checks the host key; on failure sends the 404/403 itself and returns undefined. */
async function authorizedGame(store: ReportSource, req: Request, res: Response): Promise<GameRow | undefined> {
  const code = String(req.params.code);
  const game = await store.findGameByCode(code);
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

// Written by hand: res.attachment() drops the quotes around a simple name, and some browsers want them.
// The names are ASCII already (reportFileName), so no filename* is needed.
function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

function safeFileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}
