import { matchMaker } from "@colyseus/core";
import { type Bank, createRng, normalizeJoinCode, suggestNickname } from "@handsup/shared";
import express, { type Router } from "express";
import { buildGameSetup } from "../rooms/game-setup.ts";
import type { QuizRoom } from "../rooms/QuizRoom.ts";
import { issueSetupTicket } from "../rooms/setup-tickets.ts";
import type { AttemptLimiter } from "./attempt-limiter.ts";
import type { AddressOf } from "./client-address.ts";
import { plainReason, TOO_MANY_WRONG_CODES } from "./json-errors.ts";

export interface ApiDeps {
  banks: readonly Bank[];
  hostPassword: string | undefined;
  lanUrls: () => string[];
  version: string;
  /** The most players one game may allow on this server (MAX_PLAYERS). */
  maxPlayersPerGame: number;
  /** wrong join codes per address, shared with the matchmaking gate (every path that finds a game) */
  wrongCodes: AttemptLimiter;
  addressOf: AddressOf;
  /** false while the shared registry (Redis) is unreachable: answer at once instead of hanging */
  registryUp: () => boolean;
}

/** How long creating a room may take before the teacher is told to try again. */
const CREATE_TIMEOUT_MS = 2000;
const REGISTRY_DOWN =
  "The game server has lost its connection to Redis, so games cannot be created or found right now. Try again in a few seconds.";

class TimedOut extends Error {}

/** Rejects with TimedOut when `work` takes longer than `ms` (the work itself carries on). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The JSON API the host page and bots use beside the Colyseus rooms (documented in docs/protocol.md). */
export function apiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  const { wrongCodes } = deps;
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
    if (!deps.registryUp()) {
      res.status(503).json({ error: REGISTRY_DOWN });
      return;
    }
    let room: { roomId: string };
    try {
      room = await within(
        CREATE_TIMEOUT_MS,
        issueSetupTicket({ setup: result.setup }).then((options) => matchMaker.createRoom("quiz", options)),
      );
    } catch (error) {
      if (error instanceof TimedOut || !deps.registryUp()) {
        res
          .status(503)
          .json({ error: "The game server is too busy or cannot reach Redis. Try again in a few seconds." });
      } else {
        console.error("creating a game failed:", error);
        res
          .status(500)
          .json({ error: `The game could not be created (${plainReason(error)}). Try again in a moment.` });
      }
      return;
    }
    res.status(201).json({
      code: room.roomId,
      hostKey: result.hostKey,
      questionCount: result.setup.rounds.reduce((sum, round) => sum + round.questions.length, 0),
      ...(result.warning ? { warning: result.warning } : {}),
    });
  });

  router.get("/api/games/:code", async (req, res) => {
    const address = deps.addressOf(req);
    const now = Date.now();
    if (wrongCodes.exhausted(address, now)) {
      res.status(429).json({ error: TOO_MANY_WRONG_CODES });
      return;
    }
    if (!deps.registryUp()) {
      res.status(503).json({ error: REGISTRY_DOWN });
      return;
    }
    const code = normalizeJoinCode(req.params.code);
    // findOne by roomId is one lookup (query() reads every listing on Redis).
    const listing = code ? await within(CREATE_TIMEOUT_MS, matchMaker.driver.findOne({ roomId: code })) : undefined;
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

  return router;
}
