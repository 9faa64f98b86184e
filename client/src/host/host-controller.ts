import type { ClientMessageType } from "@handsup/shared/protocol/client-messages.ts";
import { CLOSE_GAME_ENDED, JoinErrorCode } from "@handsup/shared/protocol/close-codes.ts";
import type { CreateGameRequest, CreateGameResponse } from "@handsup/shared/protocol/game-settings.ts";
import type { ErrorMessage } from "@handsup/shared/protocol/server-messages.ts";
import { type ConnectionStatus, createClient, firstState, type QuizRoom, watchRoom } from "../net/connection.ts";
import { rememberGame, resultsPageUrl } from "../net/recent-games.ts";
import type { GameSnapshot } from "../net/snapshot.ts";
import { lastHostSeat, recentHostGames, rememberHostGame, saveHostSeat } from "../net/storage.ts";
import { showHostConnection, showRecentGames } from "./host-connection-banner.ts";
import { type BankInfo, hostStore } from "./host-model.ts";

/** The teacher's actions: create a game, run it, rejoin it after a reload or a lost connection. */

const client = createClient();
let room: QuizRoom | undefined;
let lastLeaderboardFor = -2;
let revealedQuestion = -1;
const OPEN_PHASES = new Set(["getReady", "question", "answering"]);

/** Close codes after which there is nothing to rejoin: the teacher left, or ended the game. */
const FINAL_CLOSES = new Set([4000, CLOSE_GAME_ENDED]);
/** The SDK's own quick retries of a dropped socket before the controller rejoins with the host key. */
const SOCKET_RETRIES = 5;
const REJOIN_MAX_DELAY_MS = 10_000;
let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
let rejoinAttempt = 0;

// The recent-games list belongs to the create screen.
hostStore.subscribe((model) => showRecentGames(recentHostGames(), model.stage === "create"));

function onState(game: GameSnapshot): void {
  const model = hostStore.get();
  // Keep the leaderboard from before this question's reveal so the next one can animate from it.
  let previousLeaderboard = model.previousLeaderboard;
  if (game.phase === "reveal" && lastLeaderboardFor !== game.questionIndex && model.game) {
    previousLeaderboard = model.game.leaderboard;
    lastLeaderboardFor = game.questionIndex;
  }
  const peek = model.game && model.game.questionIndex !== game.questionIndex ? false : model.peek;
  // A question left for a later one (or the podium) without a reveal was skipped.
  const before = model.game;
  let skipped = model.skipped;
  if (game.phase === "reveal") revealedQuestion = game.questionIndex;
  if (
    before &&
    OPEN_PHASES.has(before.phase) &&
    before.questionIndex >= 0 &&
    revealedQuestion !== before.questionIndex &&
    (game.questionIndex > before.questionIndex || game.phase === "podium" || game.phase === "ended") &&
    !skipped.includes(before.questionIndex)
  ) {
    skipped = [...skipped, before.questionIndex];
  }
  hostStore.set({ game, previousLeaderboard, peek, skipped });
}

async function joinAsHost(code: string, hostKey: string): Promise<void> {
  const joined = (await client.joinById(code, { hostKey })) as QuizRoom;
  room = joined;
  joined.reconnection.maxRetries = SOCKET_RETRIES;
  saveHostSeat({ code, hostKey });
  rememberHostGame({ code, hostKey });
  watchRoom(joined, {
    onState,
    onConnection: (connection, closeCode) => onConnection(joined, connection, closeCode),
  });
  joined.onMessage("error", (error: ErrorMessage) => hostStore.set({ notice: error.message }));
  const game = await firstState(joined);
  rememberGame({ code, hostKey, title: game.title }); // for the results page, later, from the create page's list
  rememberHostGame({ code, hostKey, title: game.title });
  hostStore.set({ stage: "game", code, hostKey, game, connection: "online" });
}

function onConnection(from: QuizRoom, connection: ConnectionStatus, closeCode?: number): void {
  if (from !== room) return; // a room this page already replaced
  hostStore.set({ connection });
  if (connection !== "closed" || FINAL_CLOSES.has(closeCode ?? 0)) return;
  // The socket gave up (server restart, laptop asleep, a long Wi-Fi gap): rejoin with the host key.
  rejoinAttempt = 0;
  scheduleRejoin(false);
}

function scheduleRejoin(gameMissing: boolean): void {
  const { code, hostKey } = hostStore.get();
  if (!code || !hostKey) return;
  clearTimeout(rejoinTimer);
  rejoinAttempt += 1;
  showHostConnection({ kind: "rejoining", code, attempt: rejoinAttempt, gameMissing, resultsUrl: resultsUrl() });
  const delay = Math.min(500 * 2 ** (rejoinAttempt - 1), REJOIN_MAX_DELAY_MS);
  rejoinTimer = setTimeout(() => void rejoin(code, hostKey), delay);
}

async function rejoin(code: string, hostKey: string): Promise<void> {
  try {
    await joinAsHost(code, hostKey);
    rejoinAttempt = 0;
    showHostConnection({ kind: "none" });
  } catch (error) {
    const errorCode = typeof error === "object" && error && "code" in error ? Number(error.code) : 0;
    if (errorCode === JoinErrorCode.WRONG_HOST_KEY) {
      showHostConnection({
        kind: "stopped",
        message: `Game ${code} no longer accepts this page's host key, so it cannot be rejoined.`,
        resultsUrl: resultsUrl(),
      });
      return;
    }
    // Keep trying (and keep the key): a restarted server reopens its games under the same code.
    scheduleRejoin(errorCode === 522 || errorCode === 4212);
  }
}

/**
 * On page load: rejoin the game this teacher was running, else load banks and settings for the create
 * form. The host key is kept when that rejoin fails: the game's report stays downloadable from the
 * recent-games list, and the next reload tries the game again.
 */
export async function resumeOrSetUp(): Promise<void> {
  const seat = lastHostSeat();
  if (seat) {
    rememberHostGame(seat);
    try {
      await joinAsHost(seat.code, seat.hostKey);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      if (/fetch|network|connect|503/i.test(message)) {
        // The server is not reachable yet (restarting): wait for it on the game screen's banner.
        hostStore.set({ code: seat.code, hostKey: seat.hostKey });
        scheduleRejoin(false);
        return;
      }
    }
  }
  await loadSetup();
}

/** Fetches the bank list and the server's settings for the create form. */
export async function loadSetup(): Promise<void> {
  try {
    const [banks, config] = await Promise.all([
      fetch("/api/banks").then((r) => r.json() as Promise<BankInfo[]>),
      fetch("/api/config").then((r) => r.json() as Promise<{ hostPasswordRequired: boolean; lanUrls: string[] }>),
    ]);
    hostStore.set({
      stage: "create",
      banks,
      hostPasswordRequired: config.hostPasswordRequired,
      lanUrls: config.lanUrls,
    });
  } catch {
    hostStore.set({ stage: "create", createError: "Can't reach the game server. Is it running?" });
  }
}

/** Creates a game with the form's settings and joins it as the host. */
export async function createGame(request: CreateGameRequest): Promise<void> {
  hostStore.set({ creating: true, createError: "", createWarning: "" });
  try {
    const response = await fetch("/api/games", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    const body = (await response.json()) as Partial<CreateGameResponse> & { error?: string };
    if (!response.ok || !body.code || !body.hostKey) {
      hostStore.set({ creating: false, createError: body.error ?? `The server said ${response.status}.` });
      return;
    }
    if (hostStore.get().lanUrls.length === 0) await loadSetup();
    await joinAsHost(body.code, body.hostKey);
    hostStore.set({ creating: false, createWarning: body.warning ?? "" });
  } catch (error) {
    hostStore.set({ creating: false, createError: error instanceof Error ? error.message : String(error) });
  }
}

/** Sends a host command to the room. */
export function command(type: ClientMessageType, payload: object = {}): void {
  hostStore.set({ notice: "" });
  room?.send(type, payload);
}

/** Removes a student from the game (the server also keeps their device out). */
export function kickPlayer(playerId: string): void {
  command("kick", { playerId });
}

/** How long a removal can be undone before the student is really removed. */
export const REMOVE_UNDO_MS = 10_000;
const removalTimers = new Map<string, ReturnType<typeof setTimeout>>();

function dropPending(playerId: string): void {
  const pending = hostStore.get().pendingRemovals.filter((p) => p.playerId !== playerId);
  hostStore.set({ pendingRemovals: pending });
}

/**
 * Removes a student after 10 s unless the teacher presses Undo (a slip of the finger on a name must
 * not throw a student out). Until then the student plays on.
 */
export function removeWithUndo(playerId: string, name: string): void {
  if (removalTimers.has(playerId)) return;
  const until = Date.now() + REMOVE_UNDO_MS;
  hostStore.set({ pendingRemovals: [...hostStore.get().pendingRemovals, { playerId, name, until }] });
  removalTimers.set(
    playerId,
    setTimeout(() => {
      removalTimers.delete(playerId);
      dropPending(playerId);
      kickPlayer(playerId);
    }, REMOVE_UNDO_MS),
  );
}

/** Keeps a student the teacher had just removed. */
export function undoRemoval(playerId: string): void {
  clearTimeout(removalTimers.get(playerId));
  removalTimers.delete(playerId);
  dropPending(playerId);
}

/** Gives a student more time on every question: their limit is multiplied by `factor` (1 = normal). */
export function grantExtraTime(playerId: string, factor: 1 | 1.5 | 2): void {
  command("grantExtraTime", { playerId, factor });
}

/** Shows or hides the answer on the teacher's own screen. */
export function togglePeek(): void {
  hostStore.set({ peek: !hostStore.get().peek });
}

/** Leaves the finished game and goes back to the create form. */
export async function newGame(): Promise<void> {
  saveHostSeat(undefined); // the game stays in the recent-games list with its key
  clearTimeout(rejoinTimer);
  showHostConnection({ kind: "none" });
  const leaving = room;
  room = undefined;
  revealedQuestion = -1;
  await leaving?.leave();
  hostStore.set({ stage: "create", game: undefined, code: "", hostKey: "", previousLeaderboard: [], skipped: [] });
  await loadSetup();
}

/** The results download link for the current game. */
export function resultsUrl(): string {
  const { code, hostKey } = hostStore.get();
  return `/api/games/${code}/results.csv?key=${encodeURIComponent(hostKey)}`;
}

/** Opens this game's results page in a new tab (it reads the host key from this browser's recent games). */
export function openResultsPage(): void {
  window.open(resultsPageUrl(hostStore.get().code), "_blank");
}
