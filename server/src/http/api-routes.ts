import { matchMaker } from "@colyseus/core";
import { type Bank, createRng, normalizeJoinCode, suggestNickname } from "@handsup/shared";
import express, { type Router } from "express";
import { buildGameSetup } from "../rooms/game-setup.ts";
import type { QuizRoom } from "../rooms/QuizRoom.ts";
import { AttemptLimiter } from "./attempt-limiter.ts";

export interface ApiDeps {
  banks: readonly Bank[];
  hostPassword: string | undefined;
  lanUrls: () => string[];
  version: string;
  /** The most players one game may allow on this server (MAX_PLAYERS). */
  maxPlayersPerGame: number;
}

/** The JSON API the host page and bots use beside the Colyseus rooms (documented in docs/protocol.md). */
export function apiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const wrongCodes = new AttemptLimiter();
  router.use(express.json({ limit: "32kb" }));

  router.get("/api/config", (_req, res) => {
    res.json({ hostPasswordRequired: deps.hostPassword !== undefined, lanUrls: deps.lanUrls(), version: deps.version });
  });

  router.get("/api/banks", (_req, res) => {
    res.json(
      deps.banks.map((bank) => {
        const types: Record<string, number> = {};
        const tags = new Set(bank.tags);
        for (const question of bank.questions) {
          types[question.type] = (types[question.type] ?? 0) + 1;
          for (const tag of question.tags) tags.add(tag);
        }
        return {
          id: bank.id,
          title: bank.title,
          subject: bank.subject,
          level: bank.level,
          questionCount: bank.questions.length,
          tags: [...tags].sort(),
          types,
        };
      }),
    );
  });

  router.post("/api/games", async (req, res) => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const result = buildGameSetup(req.body ?? {}, deps.banks, deps.hostPassword, seed);
    if (!result.ok) {
      res.status(result.status).json({ error: result.error });
      return;
    }
    if (result.setup.settings.maxPlayers > deps.maxPlayersPerGame) {
      res.status(400).json({
        error: `This server allows at most ${deps.maxPlayersPerGame} players in one game (MAX_PLAYERS).`,
      });
      return;
    }
    const room = await matchMaker.createRoom("quiz", { setup: result.setup });
    res.status(201).json({
      code: room.roomId,
      hostKey: result.hostKey,
      questionCount: result.setup.rounds.reduce((sum, round) => sum + round.questions.length, 0),
      ...(result.warning ? { warning: result.warning } : {}),
    });
  });

  router.get("/api/games/:code", async (req, res) => {
    const address = req.ip ?? "unknown";
    const now = Date.now();
    if (wrongCodes.exhausted(address, now)) {
      res.status(429).json({ error: "Too many wrong codes. Wait a minute, then check the code on the board." });
      return;
    }
    const code = normalizeJoinCode(req.params.code);
    const [listing] = code ? await matchMaker.query({ name: "quiz", roomId: code }) : [];
    if (!code || !listing) {
      wrongCodes.spend(address, now);
      res
        .status(404)
        .json({ error: `No game with code ${req.params.code.toUpperCase()}. Check the code on the board.` });
      return;
    }
    try {
      res.json(await matchMaker.remoteRoomCall<QuizRoom>(listing.roomId, "summary"));
    } catch {
      res.json({
        code: listing.roomId,
        title: listing.metadata?.title ?? "",
        phase: "unknown",
        playerCount: listing.clients,
      });
    }
  });

  router.get("/api/suggest-name", async (req, res) => {
    const code = typeof req.query.code === "string" ? normalizeJoinCode(req.query.code) : undefined;
    let taken: string[] = [];
    if (code) {
      try {
        taken = (await matchMaker.remoteRoomCall<QuizRoom>(code, "takenNameKeys")) as string[];
      } catch {
        // no such game yet: any name will do
      }
    }
    res.json({ name: suggestNickname(createRng(Math.floor(Math.random() * 2 ** 31)), new Set(taken)) });
  });

  // A body that is not JSON (or too big) gets a sentence, not an HTML stack page.
  router.use(
    (
      error: Error & { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error.type === "entity.parse.failed") res.status(400).json({ error: "The request body is not valid JSON." });
      else if (error.type === "entity.too.large") res.status(413).json({ error: "The request body is too large." });
      else next(error);
    },
  );

  return router;
}
