import type { ClientMessageType } from "@handsup/shared/protocol/client-messages.ts";
import type { CreateGameRequest, CreateGameResponse } from "@handsup/shared/protocol/game-settings.ts";
import type { ErrorMessage } from "@handsup/shared/protocol/server-messages.ts";
import { createClient, firstState, type QuizRoom, watchRoom } from "../net/connection.ts";
import { rememberGame, resultsPageUrl } from "../net/recent-games.ts";
import type { GameSnapshot } from "../net/snapshot.ts";
import { lastHostSeat, saveHostSeat } from "../net/storage.ts";
import { type BankInfo, hostStore } from "./host-model.ts";

/** The teacher's actions: create a game, run it, rejoin it after a reload. */

const client = createClient();
let room: QuizRoom | undefined;
let lastLeaderboardFor = -2;
let revealedQuestion = -1;
const OPEN_PHASES = new Set(["getReady", "question", "answering"]);

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
  saveHostSeat({ code, hostKey });
  watchRoom(joined, {
    onState,
    onConnection: (connection) => hostStore.set({ connection }),
  });
  joined.onMessage("error", (error: ErrorMessage) => hostStore.set({ notice: error.message }));
  const game = await firstState(joined);
  rememberGame({ code, hostKey, title: game.title }); // for the results page, later, from the create page's list
  hostStore.set({ stage: "game", code, hostKey, game, connection: "online" });
}

/** On page load: rejoin the game this teacher was running, else load banks and settings for the create form. */
export async function resumeOrSetUp(): Promise<void> {
  const seat = lastHostSeat();
  if (seat) {
    try {
      await joinAsHost(seat.code, seat.hostKey);
      return;
    } catch {
      saveHostSeat(undefined); // the game is gone (server restarted or ended): start fresh
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
  saveHostSeat(undefined);
  await room?.leave();
  room = undefined;
  revealedQuestion = -1;
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
